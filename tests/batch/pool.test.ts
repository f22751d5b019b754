/** How many workers a batch starts. */
import { describe, expect, it } from 'vitest';
import { workerCount } from '../../src/batch/pool.js';

describe('workerCount', () => {
  it.each([
    // requested, decks, cores → workers
    [undefined, 100, 2, 2],
    [undefined, 1, 8, 1],
    [undefined, 3, 8, 3],
    [1, 100, 8, 1],
    [4, 100, 2, 4],
    [4, 2, 2, 2],
    [undefined, 0, 2, 1],
  ])('--jobs %s, %d decks, %d cores → %d', (requested, decks, cores, workers) => {
    expect(workerCount(requested, decks, cores)).toBe(workers);
  });
});
