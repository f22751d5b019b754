import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/cli/suggest.js';

describe('editDistance', () => {
  it.each([
    ['build', 'build', 0],
    ['Build', 'build', 0],
    ['biuld', 'build', 1], // two neighbouring letters swapped: one edit, not two
    ['buil', 'build', 1],
    ['buildd', 'build', 1],
    ['bxild', 'build', 1],
    ['', 'out', 3],
    ['foo', 'out', 3],
    ['ca', 'abc', 3], // optimal string alignment: a swapped pair is not edited again
    ['ёлка', 'елка', 1],
  ])('%s → %s: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closest', () => {
  const commands = ['build', 'check', 'preview', 'watch', 'new', 'schema', 'help'];
  it.each([
    ['biuld', 'build'],
    ['chek', 'check'],
    ['wacth', 'watch'],
    ['shcema', 'schema'],
    ['nwe', 'new'],
    ['frobnicate', undefined],
    ['x', undefined],
    ['bild', 'build'],
    ['buidl', 'build'],
    ['prevue', 'preview'],
    ['wtch', 'watch'],
  ])('%s → %s', (word, expected) => {
    expect(closest(word, commands)).toBe(expected);
  });

  it('short words allow one edit, longer ones two', () => {
    expect(closest('oot', ['out'])).toBe('out');
    expect(closest('xyt', ['out'])).toBeUndefined();
    expect(closest('tmplate', ['template'])).toBe('template');
    expect(closest('tmplte', ['template'])).toBe('template');
    expect(closest('tmpl', ['template'])).toBeUndefined();
  });

  it('the nearest wins; a tie goes to the earlier candidate', () => {
    expect(closest('ou', ['out', 'ou1'])).toBe('out');
    expect(closest('ab', ['ax', 'ay'])).toBe('ax');
  });
});
