/** Which file names look like a copy of another file: what the copy rule's message points at. */
import { describe, expect, it } from 'vitest';
import { looksLikeCopy } from '../../src/core/copies.js';

describe('looksLikeCopy', () => {
  it.each([
    ['economy - копия.yaml', true],
    ['economy - Copy.yaml', true],
    ['economy - копия (2).yaml', true],
    ['economy копия.yaml', true],
    ['Copy of economy.yaml', true],
    ['Копия economy.yaml', true],
    ['economy (1).yaml', true],
    ['economy.yaml~', true],
    ['economy~.yaml', true],
    ['economy.old.yaml', true],
    ['economy-backup.yaml', true],
    ['content/2023/economy.yaml', false],
    ['human-capital.yaml', false],
    ['urban-environment-2.yaml', false],
    ['digital-city.yml', false],
  ])('%s: %s', (name, copy) => {
    expect(looksLikeCopy(name)).toBe(copy);
  });
});
