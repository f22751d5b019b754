/**
 * OpenCorpora's Russian dictionary through Az.js (devDependency `az`): an
 * inflection source independent of the code under test (which spells
 * numerals with numeralize-ru). Forms are cached: a test may ask for the
 * same form thousands of times.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface AzTag {
  readonly [grammeme: string]: unknown;
}
interface AzParse {
  readonly word: string;
  readonly tag: AzTag;
  inflect(grammemes: string[]): AzParse | false;
  pluralize(n: number | 'one' | 'few' | 'many'): AzParse | false;
}
interface AzModule {
  Morph: ((word: string) => AzParse[]) & { init(path: string, done: (err: unknown) => void): void };
}

/** A part of speech as OpenCorpora tags it. */
type Pos = 'NOUN' | 'NUMR' | 'ADJF';

export interface Morphology {
  /** The lemma's parse of that part of speech, inflected to every grammeme given ('datv', 'plur', 'femn'…). */
  form(lemma: string, pos: Pos, grammemes: readonly string[]): string;
  /** A noun or adjective form agreeing with the number n, Az's own rule (`Parse.pluralize`), from the lemma in the case given. */
  agree(lemma: string, pos: Pos, kase: string, n: number | 'many'): string;
  /** Whether the dictionary gives the lemma this grammeme (gender of a noun: 'femn'). */
  has(lemma: string, pos: Pos, grammeme: string): boolean;
}

let loaded: Promise<Morphology> | undefined;

/** Loads the dictionaries once per test file (about a second). */
export function loadMorphology(): Promise<Morphology> {
  loaded ??= new Promise((resolve, reject) => {
    const require = createRequire(import.meta.url);
    const Az = require('az') as AzModule;
    const dicts = join(dirname(require.resolve('az/package.json')), 'dicts');
    Az.Morph.init(dicts, (err) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(wrap(Az)),
    );
  });
  return loaded;
}

function wrap(Az: AzModule): Morphology {
  const cache = new Map<string, string>();
  const parse = (lemma: string, pos: Pos): AzParse => {
    const p = Az.Morph(lemma).find((x) => x.tag[pos] === true);
    if (p === undefined) throw new Error(`OpenCorpora has no ${pos} «${lemma}»`);
    return p;
  };
  const cached = (key: string, make: () => AzParse | false): string => {
    let w = cache.get(key);
    if (w === undefined) {
      const p = make();
      if (p === false) throw new Error(`OpenCorpora cannot give ${key}`);
      w = p.word;
      cache.set(key, w);
    }
    return w;
  };
  return {
    form: (lemma, pos, grammemes) =>
      cached(`${lemma}/${pos}/${grammemes.join(',')}`, () => parse(lemma, pos).inflect([...grammemes])),
    agree: (lemma, pos, kase, n) =>
      cached(`${lemma}/${pos}/${kase}/agree ${n}`, () => {
        const inCase = parse(lemma, pos).inflect([kase]);
        return inCase === false ? false : inCase.pluralize(n);
      }),
    has: (lemma, pos, grammeme) => parse(lemma, pos).tag[grammeme] === true,
  };
}
