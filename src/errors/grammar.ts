/** Russian grammar for the catalogue's messages: plural forms and bounds as people read them. */
import type { BoundParams } from './data.js';

const plural = (n: number, one: string, few: string, many: string) => {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
};

/** A bound as people read it: 300, 2100, 1e12 (a long row of zeros is hard to count). */
function boundText(n: number): string {
  return Math.abs(n) >= 1e9 ? n.toExponential().replace('e+', 'e') : String(n);
}

/** «не больше 1e12», «не длиннее 300 символов», «не меньше 1 элемента». */
export function boundPhrase(p: Omit<BoundParams, 'kind' | 'got'>): string {
  const n = p.bound;
  const b = boundText(n);
  if (p.subject === 'string') {
    const chars = plural(n, 'символа', 'символов', 'символов');
    if (p.side === 'max') return p.inclusive ? `не длиннее ${b} ${chars}` : `короче ${b} ${chars}`;
    return p.inclusive ? `не короче ${b} ${chars}` : `длиннее ${b} ${chars}`;
  }
  if (p.subject === 'array') {
    const items = plural(n, 'элемента', 'элементов', 'элементов');
    return `${p.side === 'max' ? (p.inclusive ? 'не больше' : 'меньше') : p.inclusive ? 'не меньше' : 'больше'} ${b} ${items}`;
  }
  const word = p.side === 'max' ? (p.inclusive ? 'не больше' : 'меньше') : p.inclusive ? 'не меньше' : 'больше';
  return `${word} ${b}`;
}
