import { createCanvas } from '@napi-rs/canvas';
import JSZip from 'jszip';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PptxGenJSModule from 'pptxgenjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { finalizePptx, type PackageOptions } from '../../src/render/package.js';
import { hasLibreOffice, pdfPageCount, pdfPageTexts, pdfToPngs, pptxToPdf } from '../helpers/libreoffice.js';
import { checkPackageIntegrity, imageParts, openPptx, runLangs, slideTexts } from '../helpers/pptx.js';

// Even seconds: zip entry times have a 2-second resolution.
const OPTS: PackageOptions = {
  modified: new Date('2024-12-28T09:30:00Z'),
  title: 'Итоги года & <план>',
  author: 'Отдел мониторинга',
};

function pngDataUri(w: number, h: number): string {
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#1f4e79';
  ctx.fillRect(0, 0, w, h);
  return `data:image/png;base64,${canvas.toBuffer('image/png').toString('base64')}`;
}

// pptxgenjs' typings describe its CommonJS shape; under NodeNext the ES build's
// default export (the class itself) is typed as `.default`.
const PptxGenJS = PptxGenJSModule as unknown as typeof PptxGenJSModule.default;
type Pptx = InstanceType<typeof PptxGenJS>;
type Slide = ReturnType<Pptx['addSlide']>;

async function buildDeck(extra?: (pptx: Pptx, slide: Slide) => void): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  const s1 = pptx.addSlide();
  s1.background = { color: 'F4F6F8' };
  s1.addText('Итоги года: образование', { x: 0.5, y: 0.3, w: 12, h: 0.9, fontSize: 32, lang: 'ru-RU' });
  s1.addShape(pptx.ShapeType.rect, { x: 0.5, y: 1.25, w: 12, h: 0.06, fill: { color: '1F4E79' } });
  s1.addShape(pptx.ShapeType.line, { x: 0.5, y: 1.4, w: 12, h: 0, line: { color: '1F4E79', width: 1 } });
  const cell = (text: string) => ({ text, options: { lang: 'ru-RU' } });
  s1.addTable(
    [
      [cell('Показатель'), cell('План'), cell('Факт')],
      [cell('Охват дошкольным образованием, %'), cell('95,0'), cell('96,2')],
      [cell('Новые места в школах'), cell('1 200'), cell('')],
    ],
    { x: 0.5, y: 1.7, w: 8, fontSize: 14, border: { type: 'solid', pt: 0.5, color: 'A0A0A0' } },
  );
  s1.addImage({ data: pngDataUri(1, 1), x: 9, y: 1.7, w: 0.3, h: 0.3 });
  s1.addImage({ data: pngDataUri(200, 100), x: 9, y: 2.2, w: 3, h: 1.5 });
  s1.addNotes('Заметки докладчика: сравнить с прошлым годом.');
  const s2 = pptx.addSlide();
  s2.addText('Вторая страница — выводы', { x: 0.5, y: 0.3, w: 12, h: 0.9, fontSize: 28, lang: 'ru-RU' });
  extra?.(pptx, s2);
  return (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
}

interface ZipEntryHeader {
  name: string;
  method: number;
  dosTime: number;
  dosDate: number;
}

/** Walk the local file headers (no data descriptors: sizes are in the headers). */
function localHeaders(zip: Buffer): ZipEntryHeader[] {
  const out: ZipEntryHeader[] = [];
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const flags = zip.readUInt16LE(at + 6);
    expect(flags & 0x08, 'data descriptor flag').toBe(0);
    const nameLen = zip.readUInt16LE(at + 26);
    const extraLen = zip.readUInt16LE(at + 28);
    out.push({
      name: zip.toString('utf8', at + 30, at + 30 + nameLen),
      method: zip.readUInt16LE(at + 8),
      dosTime: zip.readUInt16LE(at + 10),
      dosDate: zip.readUInt16LE(at + 12),
    });
    at += 30 + nameLen + extraLen + zip.readUInt32LE(at + 18);
  }
  return out;
}

function dosDateTime(d: Date): { dosDate: number; dosTime: number } {
  return {
    dosDate: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    dosTime: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

async function mutatePart(raw: Buffer, part: string, edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(raw);
  zip.file(part, edit(await zip.file(part)!.async('string')));
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('finalizePptx', () => {
  let raw: Buffer;
  let fin: Buffer;

  beforeAll(async () => {
    raw = await buildDeck();
    fin = await finalizePptx(raw, OPTS);
  });

  it('starts from pptxgenjs output that carries the known repair triggers', async () => {
    const pkg = await openPptx(raw);
    const problems = checkPackageIntegrity(pkg);
    expect(problems).toContain('[Content_Types].xml: Override for missing part ppt/slideMasters/slideMaster2.xml'); // #1444
    expect(problems).toContain('ppt/slides/slide1.xml: p:sp "Shape 1" has no p:txBody'); // #1441 rectangle
    expect(problems).toContain('ppt/slides/slide1.xml: p:sp "Shape 2" has no p:txBody'); // #1441 line
    expect(problems).toContain('ppt/slides/slide1.xml: p:bgPr has no a:effectLst'); // #1442
    expect(problems).toContain('ppt/slides/slide1.xml: duplicate p:cNvPr id="2"'); // #1532 table vs text box
    expect(problems).toContain('zip folder entry ppt/charts/ (not an OPC part)'); // #1449
    const notesMaster = pkg.parts.get('ppt/notesMasters/notesMaster1.xml')!;
    expect(notesMaster.match(/<p:sp>/g)).toHaveLength(6); // #1443
    expect(pkg.parts.get('ppt/notesMasters/_rels/notesMaster1.xml.rels')).toContain('Target="../theme/theme1.xml"');
    expect(pkg.parts.get('ppt/slideMasters/_rels/slideMaster1.xml.rels')).toContain('Target="../theme/theme1.xml"');
  });

  it('gives a package with no integrity problems', async () => {
    expect(checkPackageIntegrity(await openPptx(fin))).toEqual([]);
  });

  it('repairs each trigger in the XML', async () => {
    const pkg = await openPptx(fin);
    const ct = pkg.parts.get('[Content_Types].xml')!;
    expect(ct).not.toContain('slideMaster2.xml');
    expect(ct.match(/slideMasters\/slideMaster\d+\.xml/g)).toEqual(['slideMasters/slideMaster1.xml']);
    expect(ct).not.toContain('image/jpg"');
    expect(ct).not.toMatch(/Extension="(m4v|mp4|vml|xlsx|gif|svg|jpe?g)"/);

    const slide = pkg.slides[0]!;
    const shapes = [...slide.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].map((m) => m[0]);
    expect(shapes).toHaveLength(3);
    for (const sp of shapes) expect(sp).toMatch(/<\/p:spPr>(<p:style>[\s\S]*<\/p:style>)?<p:txBody>/);
    expect(slide).toContain(
      '<p:bg><p:bgPr><a:solidFill><a:srgbClr val="F4F6F8"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>',
    );
    const ids = [...slide.matchAll(/<p:cNvPr id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(7); // group, text, rect, line, table, 2 pictures

    const notesMaster = pkg.parts.get('ppt/notesMasters/notesMaster1.xml')!;
    // The six placeholders stay (issue 8 §1: notes slides inherit from them).
    expect(notesMaster.match(/<p:sp>/g)).toHaveLength(6);
    expect(notesMaster).toContain('<p:notesStyle>');
    const notesTheme = /Target="\.\.\/theme\/(theme\d+\.xml)"/.exec(
      pkg.parts.get('ppt/notesMasters/_rels/notesMaster1.xml.rels')!,
    )?.[1];
    const slideTheme = /Target="\.\.\/theme\/(theme\d+\.xml)"/.exec(
      pkg.parts.get('ppt/slideMasters/_rels/slideMaster1.xml.rels')!,
    )?.[1];
    expect(notesTheme).toBeDefined();
    expect(notesTheme).not.toBe(slideTheme);
    expect(ct).toContain(`PartName="/ppt/theme/${notesTheme}"`);

    expect(pkg.names.filter((n) => n.endsWith('/'))).toEqual([]);
  });

  it('keeps the content: texts, languages, notes, pictures', async () => {
    const before = await openPptx(raw);
    const after = await openPptx(fin);
    expect(after.slides).toHaveLength(2);
    expect(after.slides.map(slideTexts)).toEqual(before.slides.map(slideTexts));
    const texts = slideTexts(after.slides[0]!);
    expect(texts[0]).toBe('Итоги года: образование');
    expect(texts).toEqual(expect.arrayContaining(['Показатель', 'Охват дошкольным образованием, %', '1 200', '96,2']));
    expect(slideTexts(after.slides[1]!)).toEqual(['Вторая страница — выводы']);
    const langs = after.slides.flatMap(runLangs);
    expect(langs.length).toBeGreaterThan(10);
    expect(new Set(langs)).toEqual(new Set(['ru-RU']));
    expect(slideTexts(after.parts.get('ppt/notesSlides/notesSlide1.xml')!)).toContain(
      'Заметки докладчика: сравнить с прошлым годом.',
    );

    const images = imageParts(after);
    expect(images.map((i) => [i.kind, i.width, i.height])).toEqual([
      ['png', 1, 1],
      ['png', 200, 100],
    ]);
    for (const img of images) expect(after.binaries.get(img.part)).toEqual(before.binaries.get(img.part));
  });

  it('turns the lines of a slide’s notes into paragraphs, an empty line into an empty paragraph', async () => {
    const rawNotes = await buildDeck((_pptx, s2) =>
      s2.addNotes('Первая строка & <вторая>\nВторая строка\n\nПосле пустой'),
    );
    const notesBefore = (await openPptx(rawNotes)).parts.get('ppt/notesSlides/notesSlide2.xml')!;
    expect(notesBefore).toMatch(/<a:t>Первая строка &amp; &lt;вторая&gt;\r?\nВторая строка/); // one run, line breaks inside
    const after = (await openPptx(await finalizePptx(rawNotes, { ...OPTS, lang: 'ru-RU' }))).parts.get(
      'ppt/notesSlides/notesSlide2.xml',
    )!;
    const body = /<p:sp>(?:(?!<\/p:sp>)[\s\S])*type="body"[\s\S]*?<\/p:sp>/.exec(after)![0];
    const paragraphs = [...body.matchAll(/<a:p>[\s\S]*?<\/a:p>/g)].map((m) => m[0]);
    expect(paragraphs.map((p) => slideTexts(p)[0] ?? '')).toEqual([
      'Первая строка & <вторая>',
      'Вторая строка',
      '',
      'После пустой',
    ]);
    expect(runLangs(body)).toEqual(Array(6).fill('ru-RU')); // 3 runs, 3 paragraph ends with text
    // A one-line note stays one paragraph, untouched.
    expect(slideTexts(after.replace(body, ''))).toEqual(['2']); // the slide number field
    const one = (await openPptx(fin)).parts.get('ppt/notesSlides/notesSlide1.xml')!;
    expect(one.match(/<a:t>Заметки докладчика[^<]*<\/a:t>/g)).toHaveLength(1);
  });

  it('puts the notes master list where the schema wants it: right after the slide masters', async () => {
    const order = (xml: string) =>
      [...xml.matchAll(/<p:(sldMasterIdLst|notesMasterIdLst|sldIdLst|sldSz|notesSz)\b/g)].map((m) => m[1]);
    const before = (await openPptx(raw)).parts.get('ppt/presentation.xml')!;
    expect(order(before)).toEqual(['sldMasterIdLst', 'sldIdLst', 'notesMasterIdLst', 'sldSz', 'notesSz']); // pptxgenjs 4.0.1
    const after = (await openPptx(fin)).parts.get('ppt/presentation.xml')!;
    expect(order(after)).toEqual(['sldMasterIdLst', 'notesMasterIdLst', 'sldIdLst', 'sldSz', 'notesSz']);
    expect(after.replace(/<p:notesMasterIdLst>[\s\S]*?<\/p:notesMasterIdLst>/, '')).toBe(
      before.replace(/<p:notesMasterIdLst>[\s\S]*?<\/p:notesMasterIdLst>/, ''),
    );
  });

  it('sets the proofing language of every run in every part when asked', async () => {
    const langsOf = (pkg: Awaited<ReturnType<typeof openPptx>>) =>
      [...pkg.parts.values()].flatMap((xml) =>
        [...xml.matchAll(/<a:(?:rPr|endParaRPr|defRPr)\b[^>]*\slang="([^"]+)"/g)].map((m) => m[1]),
      );
    // pptxgenjs leaves en-US in the notes and masters …
    expect(langsOf(await openPptx(fin))).toContain('en-US');
    // … which the option replaces everywhere, without touching the text.
    const ru = await openPptx(await finalizePptx(raw, { ...OPTS, lang: 'ru-RU' }));
    expect(new Set(langsOf(ru))).toEqual(new Set(['ru-RU']));
    expect(ru.slides.map(slideTexts)).toEqual((await openPptx(fin)).slides.map(slideTexts));
    await expect(finalizePptx(raw, { ...OPTS, lang: 'ru"RU' })).rejects.toThrow(/bad language tag/);
  });

  it('writes the fixed dates to core.xml and every zip entry, [Content_Types].xml first', async () => {
    const pkg = await openPptx(fin);
    const core = pkg.parts.get('docProps/core.xml')!;
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-12-28T09:30:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-12-28T09:30:00Z</dcterms:modified>');
    expect(core).toContain('<dc:title>Итоги года &amp; &lt;план&gt;</dc:title>');
    expect(core).toContain('<dc:creator>Отдел мониторинга</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Отдел мониторинга</cp:lastModifiedBy>');

    const headers = localHeaders(fin);
    expect(headers.map((h) => h.name)).toEqual(pkg.names);
    expect(headers[0]!.name).toBe('[Content_Types].xml');
    const want = dosDateTime(OPTS.modified);
    for (const h of headers)
      expect({ name: h.name, dosDate: h.dosDate, dosTime: h.dosTime }).toEqual({ name: h.name, ...want });
  });

  it('compresses every entry', () => {
    for (const h of localHeaders(fin)) expect({ name: h.name, method: h.method }).toEqual({ name: h.name, method: 8 });
    for (const h of localHeaders(raw)) expect(h.method).toBe(0); // pptxgenjs stores
    expect(fin.length).toBeLessThan(raw.length / 2);
    console.info(`test deck: pptxgenjs ${raw.length} B -> finalized ${fin.length} B`);
  });

  it('is byte-identical for two builds a second apart', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const raw2 = await buildDeck();
    expect(raw2.equals(raw)).toBe(false); // pptxgenjs stamps "now"
    const fin2 = await finalizePptx(raw2, OPTS);
    expect(fin2.equals(fin)).toBe(true);
  });

  it('checks and repairs a part again whenever its text differs from the deck before (parts are remembered by name)', async () => {
    // the deck before had this slide without the forbidden character: the memo must not let it through
    const vt = await mutatePart(raw, 'ppt/slides/slide2.xml', (x) => x.replace('</p:sld>', '<!--\u000B--></p:sld>'));
    await expect(finalizePptx(vt, OPTS)).rejects.toThrow(/ppt\/slides\/slide2\.xml.*U\+000B/);
    // a background without its effect list, in a layout the deck before had repaired
    const layout = (await openPptx(raw)).parts.get('ppt/slideLayouts/slideLayout1.xml')!;
    const bare = await mutatePart(raw, 'ppt/slideLayouts/slideLayout1.xml', (x) =>
      x.replace(/<p:cSld\b[^>]*>/, '$&<p:bg><p:bgPr><a:noFill/></p:bgPr></p:bg>'),
    );
    expect(layout).not.toContain('<p:bgPr>');
    const repaired = (await openPptx(await finalizePptx(bare, OPTS))).parts.get('ppt/slideLayouts/slideLayout1.xml')!;
    expect(repaired).toContain('<p:bgPr><a:noFill/><a:effectLst/></p:bgPr>');
    // and the first deck again: the same bytes as at first
    expect((await finalizePptx(raw, OPTS)).equals(fin)).toBe(true);
  });

  it('is idempotent', async () => {
    const again = await finalizePptx(fin, OPTS);
    expect(again.equals(fin)).toBe(true);
  });

  it('refuses NaN from a bad table-cell margin (PptxGenJS#1440)', async () => {
    const bad = await buildDeck((_p, s) => {
      s.addTable([[{ text: 'x', options: { margin: { top: 1 } as unknown as number } }]], { x: 0.5, y: 2, w: 4 });
    });
    await expect(finalizePptx(bad, OPTS)).rejects.toThrow(
      /marL="NaN".*ppt\/slides\/slide2\.xml|ppt\/slides\/slide2\.xml.*marL="NaN"/s,
    );
  });

  it('refuses NaN / Infinity anywhere in the XML, but not the word in text', async () => {
    const inf = await mutatePart(raw, 'ppt/slides/slide2.xml', (x) =>
      x.replace(/<a:off x="\d+"/, '<a:off x="Infinity"'),
    );
    await expect(finalizePptx(inf, OPTS)).rejects.toThrow(/Infinity/);
    const pres = await mutatePart(raw, 'ppt/presentation.xml', (x) =>
      x.replace(/<p:sldSz cx="\d+"/, '<p:sldSz cx="NaN"'),
    );
    await expect(finalizePptx(pres, OPTS)).rejects.toThrow(/presentation\.xml/);
    const word = await buildDeck((_p, s) => {
      s.addText('NaN и Infinity — просто слова', { x: 1, y: 3, w: 6, h: 1, lang: 'ru-RU', objectName: 'Infinity box' });
      s.addImage({ data: pngDataUri(120, 120), x: 8, y: 3, w: 1, h: 1, altText: 'NaN on the axis' });
    });
    const wordFin = await finalizePptx(word, OPTS);
    expect(checkPackageIntegrity(await openPptx(wordFin))).toEqual([]);
  });

  it('refuses the image sizing unit mix-up (PptxGenJS#1286)', async () => {
    const bad = await buildDeck((_p, s) => {
      s.addImage({ data: pngDataUri(200, 50), x: 1, y: 3, w: 2, h: 0.5, sizing: { type: 'contain', w: 150, h: 0.5 } });
    });
    await expect(finalizePptx(bad, OPTS)).rejects.toThrow(/srcRect|picture of/);
  });

  it('refuses characters XML 1.0 forbids, naming the part', async () => {
    const vt = await buildDeck((_p, s) => {
      s.addText('строка\u000Bвторая', { x: 1, y: 3, w: 6, h: 1, lang: 'ru-RU' });
    });
    expect((await openPptx(vt)).parts.get('ppt/slides/slide2.xml')).toContain('\u000B'); // pptxgenjs writes it as is
    await expect(finalizePptx(vt, OPTS)).rejects.toThrow(/ppt\/slides\/slide2\.xml.*U\+000B/);

    for (const [bad, shown] of [
      ['\u0000', 'U+0000'],
      ['\u0008', 'U+0008'],
      ['\u000C', 'U+000C'],
      ['\u001F', 'U+001F'],
      ['\uFFFE', 'U+FFFE'],
      ['\uFFFF', 'U+FFFF'],
      ['&#11;', 'U+000B'], // a character reference to a forbidden character is as bad
      ['&#x1;', 'U+0001'],
    ] as const) {
      const mutated = await mutatePart(raw, 'docProps/app.xml', (x) =>
        x.replace('</Properties>', `<Manager>a${bad}b</Manager></Properties>`),
      );
      await expect(finalizePptx(mutated, OPTS), shown).rejects.toThrow(
        new RegExp(`docProps/app\\.xml.*\\${shown.replace('+', '\\+')}`),
      );
    }
    // tab, newline, carriage return and everything else are fine
    const ok = await mutatePart(raw, 'docProps/app.xml', (x) =>
      x.replace('</Properties>', '<Manager>a\tb\nc\rd &#9; &#xA; \u00A0 \uFFFD 😀</Manager></Properties>'),
    );
    await expect(finalizePptx(ok, OPTS)).resolves.toBeInstanceOf(Buffer);
  });

  it('refuses a timestamp a zip cannot hold', async () => {
    await expect(finalizePptx(raw, { modified: new Date('invalid') })).rejects.toThrow(/valid Date/);
    await expect(finalizePptx(raw, { modified: new Date('1970-01-01T00:00:00Z') })).rejects.toThrow(/1980/);
  });
});

describe('the finalized deck in LibreOffice', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'itogi-package-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasLibreOffice())('converts to a PDF with one page per slide and the Russian text in it', async () => {
    const deck = join(dir, 'deck.pptx');
    await writeFile(deck, await finalizePptx(await buildDeck(), OPTS));
    const t0 = performance.now();
    const pdf = await pptxToPdf(deck, dir);
    console.info(`LibreOffice conversion: ${Math.round(performance.now() - t0)} ms`);

    expect(await pdfPageCount(pdf)).toBe(2);
    const pages = await pdfPageTexts(pdf);
    expect(pages).toHaveLength(2);
    const norm = (s: string) => s.replace(/\s+/g, ' ');
    expect(norm(pages[0]!)).toContain('Итоги года: образование');
    expect(norm(pages[1]!)).toContain('Вторая страница — выводы');
    // every word of every paragraph (table cells wrap, so word by word)
    const slides = (await openPptx(await readFile(deck))).slides;
    slides.forEach((xml, i) => {
      const words = slideTexts(xml)
        .flatMap((t) => t.split(/\s+/))
        .filter(Boolean);
      expect(
        words.filter((w) => !pages[i]!.includes(w)),
        `slide ${i + 1} words missing from the PDF`,
      ).toEqual([]);
    });

    const pngs = await pdfToPngs(pdf, join(dir, 'page'), 30);
    expect(pngs.map((p) => p.slice(dir.length + 1))).toEqual(['page-1.png', 'page-2.png']);
  });
});
