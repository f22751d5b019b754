import JSZip from 'jszip';
import PptxGenJSModule from 'pptxgenjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pptxParts } from '../../../src/render/package/pptxParts.js';
import { partText, readZip } from '../../../src/render/package/zip.js';

const PptxGenJS = PptxGenJSModule as unknown as typeof PptxGenJSModule.default;

/** A 1×1 red PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/** A presentation with every kind of part pptxgenjs adds: XML, a picture (base64) and a chart with its workbook. */
function presentation(): InstanceType<typeof PptxGenJS> {
  const pptx = new PptxGenJS();
  pptx.title = 'Итоги 2023 года';
  const slide = pptx.addSlide();
  slide.addText('Реализация направления «Институциональная среда»', { x: 1, y: 1, w: 8, h: 1 });
  slide.addTable([[{ text: 'План' }, { text: '5 176' }]], { x: 1, y: 2, w: 8 });
  slide.addImage({ data: `image/png;base64,${PNG}`, x: 1, y: 3, w: 1, h: 1 });
  slide.addChart(pptx.ChartType.bar, [{ name: 'Факт', labels: ['45', '46'], values: [80.4, 5236] }], {
    x: 3,
    y: 3,
    w: 4,
    h: 2,
  });
  pptx.addSlide().addNotes('Заметки докладчика');
  return pptx;
}

describe('pptxParts', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives the parts of the zip pptxgenjs would write, name for name, in its order', async () => {
    // One presentation written both ways (pptxgenjs numbers charts across presentations), at one
    // instant (it zips the chart's workbook itself, dated now).
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2023-12-15T00:00:00Z') });
    const pptx = presentation();
    const parts = await pptxParts(pptx);
    const zipped = readZip((await pptx.write({ outputType: 'uint8array' })) as Uint8Array);
    expect([...parts.keys()]).toEqual([...zipped.keys()]);
    for (const [name, data] of zipped) {
      const ours = parts.get(name)!;
      if (typeof ours === 'string') expect(ours, name).toBe(partText(data));
      else expect(Buffer.from(ours).equals(Buffer.from(data)), name).toBe(true);
    }
    // The picture comes as its bytes, the XML as the text pptxgenjs wrote.
    const picture = [...parts.entries()].find(([name]) => name.startsWith('ppt/media/'));
    expect(Buffer.from(picture![1] as Uint8Array).equals(Buffer.from(PNG, 'base64'))).toBe(true);
    expect(parts.get('ppt/slides/slide1.xml')).toContain('Институциональная среда');
    expect([...parts.keys()].some((name) => name.endsWith('.xlsx'))).toBe(true);
  });

  it('reads the zip back where pptxgenjs has a JSZip of its own, which knows no such output type', async () => {
    const zip = await new JSZip().file('a.xml', '<a>Итоги</a>').generateAsync({ type: 'uint8array' });
    // As JSZip answers a type it does not know: "… is not supported by this platform".
    const foreign = {
      write: async ({ outputType }: { outputType: string }) => {
        if (outputType !== 'uint8array') throw new Error(`${outputType} is not supported by this platform`);
        return zip;
      },
    };
    const parts = await pptxParts(foreign);
    expect([...parts.keys()]).toEqual(['a.xml']);
    expect(partText(parts.get('a.xml')!)).toBe('<a>Итоги</a>');
  });

  it('leaves JSZip zipping as before for every other output type', async () => {
    await pptxParts(presentation()); // installs the output type
    const zip = new JSZip().file('a.xml', '<a>Итоги</a>');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    expect(partText(readZip(bytes).get('a.xml')!)).toBe('<a>Итоги</a>');
  });
});
