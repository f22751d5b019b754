/**
 * Issue 20, item 1: the decks read back as assistive software reads them.
 * Every slide's title in the layout's title placeholder, first in reading
 * order; every table with a header row; every chart and picture with Russian
 * alternative text from the data; every rectangle marked decorative; ru-RU
 * on the presentation, every run and the package's properties.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSummary, checkFile, summarizeYear, type DeckFile } from '../../src/api.js';
import { decodeXml, openPptx, runLangs, type OpenedPptx } from '../helpers/pptx.js';
import { build, REPO, SEED_CONTENT, SIXTEEN } from './build.js';

const DECORATIVE =
  /<adec:decorative xmlns:adec="http:\/\/schemas\.microsoft\.com\/office\/drawing\/2017\/decorative" val="1"\/>/;

/** The shapes of a slide's tree in document order: kind, name, descr, the XML. */
function shapes(slide: string) {
  return [...slide.matchAll(/<p:(sp|graphicFrame|pic)>[\s\S]*?<\/p:\1>/g)].map((m) => {
    const nv = /<p:cNvPr\b[^>]*>/.exec(m[0])![0];
    return {
      kind: m[1]!,
      name: decodeXml(/\bname="([^"]*)"/.exec(nv)?.[1] ?? ''),
      descr: decodeXml(/\bdescr="([^"]*)"/.exec(nv)?.[1] ?? ''),
      xml: m[0],
    };
  });
}

const text = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decodeXml(m[1]!)).join('');

const decks: { name: string; file: DeckFile; pkg: OpenedPptx }[] = [];

beforeAll(async () => {
  for (const [name, path] of [
    ['seed', SEED_CONTENT],
    ['sixteen', SIXTEEN],
  ] as const) {
    const file = await build(path);
    decks.push({ name, file, pkg: await openPptx(file.buffer) });
  }
  const year = join(REPO, 'content', '2023');
  const files = readdirSync(year).map((f) => join(year, f));
  const [summary] = summarizeYear(await Promise.all(files.map((f) => checkFile(f, { cwd: REPO }))));
  const file = await buildSummary(summary!);
  decks.push({ name: 'summary', file, pkg: await openPptx(file.buffer) });
}, 60_000);

describe('accessible decks', () => {
  it('give every slide its title in the title placeholder, first in reading order', () => {
    for (const { name, file, pkg } of decks) {
      pkg.slides.forEach((slide, i) => {
        const tree = shapes(slide);
        const titles = tree.filter((s) => /<p:ph type="title"\/>/.test(s.xml));
        expect(titles, `${name}, slide ${i + 1}`).toHaveLength(1);
        expect(tree[0], `${name}, slide ${i + 1}: the title first`).toBe(titles[0]);
        const box = file.layout.slides[i]!.boxes.find((b) => b.type === 'text' && b.title);
        expect(box && box.type === 'text' ? box.paragraphs.map((p) => p.text).join('') : undefined).toBe(
          text(titles[0]!.xml),
        );
        expect(text(titles[0]!.xml).length).toBeGreaterThan(0);
      });
      // The layout's placeholder has a frame of its own, where a slide added in PowerPoint puts its title.
      const layouts = [...pkg.parts].filter(
        ([n, x]) => /slideLayouts\/slideLayout\d+\.xml$/.test(n) && /type="title"/.test(x),
      );
      expect(layouts).toHaveLength(1);
      const placeholder = shapes(layouts[0]![1]).find((sh) => /type="title"/.test(sh.xml))!;
      const ext = /<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(placeholder.xml)!;
      expect(Number(ext[1])).toBeGreaterThan(0);
      expect(Number(ext[2])).toBeGreaterThan(0);
    }
  });

  it('give every table a header row', () => {
    let tables = 0;
    for (const { name, pkg } of decks) {
      for (const slide of pkg.slides) {
        for (const tbl of slide.match(/<a:tbl>[\s\S]*?<\/a:tbl>/g) ?? []) {
          tables++;
          expect(tbl, name).toMatch(/^<a:tbl><a:tblPr\b[^>]*\bfirstRow="1"/);
        }
      }
    }
    expect(tables).toBeGreaterThanOrEqual(3);
  });

  it('mark every rectangle decorative and nothing else', () => {
    for (const { name, file, pkg } of decks) {
      pkg.slides.forEach((slide, i) => {
        const rects = new Set(file.layout.slides[i]!.boxes.filter((b) => b.type === 'rect').map((b) => b.name));
        for (const s of shapes(slide))
          expect(DECORATIVE.test(s.xml), `${name} ${i + 1} «${s.name}»`).toBe(rects.has(s.name));
      });
    }
  });

  it('describe every chart and picture in Russian, from the data', () => {
    const seed = decks.find((d) => d.name === 'seed')!;
    const charts = seed.pkg.slides
      .flatMap(shapes)
      .filter((s) => s.kind === 'graphicFrame' && /drawingml\/2006\/chart/.test(s.xml));
    expect(charts).toHaveLength(1);
    // The seed: six indicators, all of them met the plan (tests/layout/chartAlt.test.ts has the others).
    expect(charts[0]!.descr).toMatch(
      /^Диаграмма: .*\. Исполнение шести показателей: все выполнены на 100 % и более\.$/,
    );
    const summary = decks.find((d) => d.name === 'summary')!;
    const summaryCharts = summary.pkg.slides.flatMap(shapes).filter((s) => /drawingml\/2006\/chart/.test(s.xml));
    expect(summaryCharts.length).toBeGreaterThan(0);
    for (const c of summaryCharts) expect(c.descr).toMatch(/по четырём направлениям: («[^»]+» — [\d,]+\s%(; |\.$)){4}/);
    for (const { pkg } of decks)
      for (const s of pkg.slides.flatMap(shapes)) if (s.kind === 'pic') expect(s.descr).toMatch(/[а-яё]/i);
  });

  it('say ru-RU on every run, the presentation and the package', () => {
    for (const { name, pkg } of decks) {
      for (const slide of pkg.slides) expect(new Set(runLangs(slide)), name).toEqual(new Set(['ru-RU']));
      const style = /<p:defaultTextStyle>[\s\S]*<\/p:defaultTextStyle>/.exec(
        pkg.parts.get('ppt/presentation.xml')!,
      )![0];
      const langs = [...style.matchAll(/<a:defRPr\b[^>]*>/g)].map((m) => /lang="([^"]*)"/.exec(m[0])?.[1]);
      expect(langs.length).toBeGreaterThan(0);
      expect(new Set(langs)).toEqual(new Set(['ru-RU']));
      const core = pkg.parts.get('docProps/core.xml')!;
      expect(core).toContain('<dc:language>ru-RU</dc:language>');
      expect(/<dc:title>([^<]+)<\/dc:title>/.exec(core)?.[1]).toMatch(
        /^Итоги 2023 года\. Реализация (направления «[^»]+»|стратегии)$/,
      );
    }
  });
});
