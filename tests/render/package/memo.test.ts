import { describe, expect, it } from 'vitest';
import { MAX_PARTS, PartMemo } from '../../../src/render/package/memo.js';

/** The same characters as `text` in another string object, as the next deck's pptxgenjs output is. */
const copyOf = (text: string) => [...text].join('');

describe('PartMemo', () => {
  it('gives back what it computed for a part only while the part has the same text', () => {
    const memo = new PartMemo<number>();
    let calls = 0;
    const length = (text: string) => {
      calls++;
      return text.length;
    };
    const layout = '<p:sldLayout>Заголовок</p:sldLayout>';
    expect(memo.through('ppt/slideLayouts/slideLayout1.xml', layout, length)).toBe(layout.length);
    expect(memo.through('ppt/slideLayouts/slideLayout1.xml', copyOf(layout), length)).toBe(layout.length);
    expect(calls).toBe(1);
    // same length, other text: computed again, and that text is the one kept now
    const other = layout.replace('Заголовок', 'Подзаголо');
    expect(other.length).toBe(layout.length);
    expect(memo.get('ppt/slideLayouts/slideLayout1.xml', other)).toBeUndefined();
    memo.through('ppt/slideLayouts/slideLayout1.xml', other, length);
    expect(calls).toBe(2);
    expect(memo.get('ppt/slideLayouts/slideLayout1.xml', layout)).toBeUndefined();
    expect(memo.get('ppt/slideLayouts/slideLayout1.xml', other)).toBe(layout.length);
  });

  it('keys by part name: the same text under another name is not found', () => {
    const memo = new PartMemo<string>();
    memo.set('ppt/slides/slide1.xml', '<p:sld/>', 'one');
    expect(memo.get('ppt/slides/slide2.xml', '<p:sld/>')).toBeUndefined();
    expect(memo.get('ppt/slides/slide1.xml', '<p:sld/>')).toBe('one');
  });

  it(`keeps at most ${MAX_PARTS} parts: a new name beyond that starts afresh`, () => {
    const memo = new PartMemo<number>();
    for (let i = 0; i < MAX_PARTS; i++) memo.set(`ppt/slides/slide${i}.xml`, 'x', i);
    expect(memo.size).toBe(MAX_PARTS);
    memo.set('ppt/slides/slide0.xml', 'y', 0); // a name already there: replaced, nothing dropped
    expect(memo.size).toBe(MAX_PARTS);
    memo.set('ppt/slides/slide-new.xml', 'x', 1);
    expect(memo.size).toBe(1);
    expect(memo.get('ppt/slides/slide-new.xml', 'x')).toBe(1);
  });
});
