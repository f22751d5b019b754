/** What offices type into a plan or fact cell, judged as import judges it. */
import { describe, expect, it } from 'vitest';
import { judgeCell, judgeText } from '../../src/sheet/cells.js';

describe('judgeText', () => {
  it.each([
    ['80,4', 80.4],
    ['80.4', 80.4],
    ['1 234,5', 1234.5],
    ['1\u00a0234\u00a0567,25', 1234567.25],
    ['1\u202f234', 1234],
    ['5176', 5176],
    ['-3', -3],
    ['\u22123,5', -3.5],
    ['80,4 %', 80.4],
    ['80,4%', 80.4],
    ['  72  ', 72],
    ['0,000001', 0.000001],
    ['-0', 0],
  ])('«%s» is %d', (text, value) => {
    expect(judgeText(text)).toEqual({ kind: 'number', value });
  });

  it.each(['', '   ', 'н/д', 'Н/Д', 'нд', '—', '–', '-', 'нет данных', '?'])('«%s» is pending', (text) => {
    expect(judgeText(text)).toEqual({ kind: 'pending' });
  });

  it.each(['12,3.4', '1,234,5', '12 34', 'семьдесят', '80,4 руб.', '1e5', '0x10', '1 2345', '++1'])(
    '«%s» is not a number',
    (text) => {
      expect(judgeText(text)).toEqual({ kind: 'rejected', why: 'text' });
    },
  );
});

describe('judgeCell', () => {
  it('a number cell as it reads, without binary noise', () => {
    expect(judgeCell({ kind: 'number', value: 79.20000000000002, percent: false })).toEqual({
      kind: 'number',
      value: 79.2,
    });
  });

  it('a percent cell holds a fraction: 0,804 shown as 80,4 % is 80.4', () => {
    expect(judgeCell({ kind: 'number', value: 0.804, percent: true })).toEqual({ kind: 'number', value: 80.4 });
    expect(judgeCell({ kind: 'number', value: 1.1, percent: true })).toEqual({ kind: 'number', value: 110 });
  });

  it('an empty cell is pending; a date or an error value is rejected with its reason', () => {
    expect(judgeCell({ kind: 'empty' })).toEqual({ kind: 'pending' });
    expect(judgeCell({ kind: 'other', shown: '01.05.2023', why: 'date' })).toEqual({
      kind: 'rejected',
      why: 'date',
    });
  });
});
