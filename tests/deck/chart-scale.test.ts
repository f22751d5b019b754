/**
 * What a hall and a black-and-white handout see of the charts: one scale on
 * every chart slide of a deck, the summary's share axis ending at 100 %,
 * chart text at 14 pt or more, status colours that differ in grayscale and
 * a hatch on missed bars besides their colour.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSummary, checkFile, summarizeYear } from '../../src/api.js';
import { loadTemplate } from '../../src/template/load.js';
import type { ExecutionBar } from '../../src/layout/model.js';
import { chartParts, openPptx, type ChartPart, type OpenedPptx } from '../helpers/pptx.js';
import { build, REPO, SIXTEEN } from './build.js';

const axisMax = (c: ChartPart) => Number(/<c:valAx>[\s\S]*?<c:max val="([\d.]+)"\/>/.exec(c.xml)?.[1]);
const textSizes = (c: ChartPart) => [...c.xml.matchAll(/\ssz="(\d+)"/g)].map((m) => Number(m[1]) / 100);

describe('a direction whose chart takes two slides', () => {
  let charts: ChartPart[];
  let pkg: OpenedPptx;
  let bars: ExecutionBar[][];
  beforeAll(async () => {
    const deck = await build(SIXTEEN);
    pkg = await openPptx(deck.buffer);
    charts = chartParts(pkg);
    bars = deck.layout.slides.flatMap((s) => s.boxes.flatMap((b) => (b.type === 'chart' ? [b.bars] : [])));
  });

  it('groups the chart with its 100 % line, its label and its legend, so they move as one', () => {
    for (const c of charts) {
      const slide = pkg.parts.get(c.slide)!;
      const group = /<p:grpSp>[\s\S]*?<\/p:grpSp>/.exec(slide)?.[0];
      expect(group, c.slide).toBeDefined();
      expect(group).toContain(c.frame);
      for (const name of [
        'План = 100 %: линия',
        'План = 100 %',
        'Легенда: плановое значение достигнуто: знак',
        'Легенда: не достигнуто',
      ])
        expect(group, name).toContain(`name="${name}"`);
      // Nothing of it is left outside the group.
      const outside = slide.replace(group!, '');
      expect(outside).not.toMatch(/name="(План = 100 %|Легенда: )/);
    }
  });

  it('hatches every missed bar and the legend’s «не достигнуто» swatch, and no other', () => {
    expect(charts).toHaveLength(bars.length);
    charts.forEach((c, k) => {
      const hatched = [
        ...c.xml.matchAll(/<c:dPt><c:idx val="(\d+)"\/>(?:(?!<\/c:dPt>)[\s\S])*?<a:pattFill prst="wdUpDiag">/g),
      ].map((m) => Number(m[1]));
      const missed = bars[k]!.flatMap((b, i) => (b.status === 'missed' ? [i] : []));
      expect(missed.length).toBeGreaterThan(0);
      expect(hatched).toEqual(missed);
      const slide = pkg.parts.get(c.slide)!;
      const swatch = /<p:sp>(?:(?!<\/p:sp>)[\s\S])*?name="Легенда: не достигнуто: знак"[\s\S]*?<\/p:sp>/.exec(
        slide,
      )?.[0];
      expect(swatch).toContain('<a:pattFill prst="wdUpDiag">');
    });
  });

  it('draws both on one scale', () => {
    expect(new Set(charts.map((c) => c.slide)).size).toBe(2);
    const maxima = charts.map(axisMax);
    expect(maxima.every((m) => Number.isFinite(m) && m >= 100)).toBe(true);
    expect(new Set(maxima).size).toBe(1);
  });

  it('writes every chart text at 14 pt or more', () => {
    for (const c of charts) {
      expect(textSizes(c).length).toBeGreaterThan(0);
      expect(Math.min(...textSizes(c)), c.part).toBeGreaterThanOrEqual(14);
    }
  });
});

describe('the city summary of content/2023', () => {
  it('runs its share axis to 100 %', async () => {
    const files = ['economy', 'human-capital', 'institutional-environment', 'urban-environment'];
    const checked = await Promise.all(
      files.map((f) => checkFile(`tests/fixtures/workspace/content/2023/${f}.yaml`, { cwd: REPO })),
    );
    const [year] = summarizeYear(checked);
    const deck = await buildSummary(year!, resolve(REPO, 'output'));
    const charts = chartParts(await openPptx(deck.buffer));
    expect(charts.length).toBeGreaterThan(0);
    for (const c of charts) expect(axisMax(c)).toBe(100);
  });
});

/** WCAG relative luminance of RRGGBB. */
function luminance(hex: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const ratio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

describe('the shipped template’s status colours', () => {
  it('differ in grayscale (luminance ratio at least 1.5 between any two)', async () => {
    const { colors } = (await loadTemplate('surgut', REPO)).template;
    const l = [colors.achieved, colors.missed, colors.pending].map(luminance);
    expect(ratio(l[0]!, l[1]!)).toBeGreaterThanOrEqual(1.5);
    expect(ratio(l[1]!, l[2]!)).toBeGreaterThanOrEqual(1.5);
    expect(ratio(l[0]!, l[2]!)).toBeGreaterThanOrEqual(1.5);
  });
});
