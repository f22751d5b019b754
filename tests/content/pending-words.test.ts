/**
 * A fact written as «no data» in any of the ways people type it gets the
 * message that says how to write a pending fact, never «напишите число
 * цифрами» (which would invite a made-up number).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/content/load.js';
import { validateSource } from '../../src/content/validate.js';
import { SEED_CONTENT } from '../deck/build.js';

const seed = readFileSync(SEED_CONTENT, 'utf8');

describe('pending words in a fact', () => {
  it.each(['н/д', 'н.д.', 'н.д', 'нд', 'Н/Д.', 'н/д.', 'н д', '—', '–', 'нет данных', '"н/д"'])(
    'fact: %s → PendingFactWord',
    (word) => {
      const text = seed.replace('fact: 80.4', `fact: ${word}`);
      expect(text).not.toBe(seed);
      const { source } = parseSource('x.yaml', text);
      const codes = validateSource(source!).diagnostics.map((d) => [d.code, d.path]);
      expect(codes).toEqual([['PendingFactWord', 'indicators.items[0].fact']]);
    },
  );

  it.each(['сто', '80,4,1', 'н/д 5'])('fact: %s is not a pending word', (word) => {
    const { source } = parseSource('x.yaml', seed.replace('fact: 80.4', `fact: ${word}`));
    expect(validateSource(source!).diagnostics.map((d) => d.code)).not.toContain('PendingFactWord');
  });
});
