/**
 * The native chart's pure parts: geometry (where 100 % and each label go),
 * the chart XML for it, and the embedded workbook's bytes.
 */
import JSZip from 'jszip';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChartBox, ExecutionBar } from '../../src/layout/model.js';
import { lineBand, valueAxisRange } from '../../src/render/chartConfig.js';
import {
  chartWorkbook,
  chartXml,
  embedNativeCharts,
  nativeChartGeometry,
  nativeChartStyle,
  type NativeChartStyle,
} from '../../src/render/nativeChart.js';
import { loadTemplate, type LoadedTemplate } from '../../src/template/load.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const bar = (n: number, value: number | null, status: ExecutionBar['status'], display: string): ExecutionBar => ({
  label: `№ ${n}`,
  value,
  display,
  status,
});
const SEED: ExecutionBar[] = [
  bar(45, 111.7, 'achieved', '111,7\u00a0%'),
  bar(46, 101.16, 'achieved', '101,16\u00a0%'),
  bar(47, 133.33, 'achieved', '133,33\u00a0%'),
  bar(48, 123.4, 'achieved', '123,4\u00a0%'),
  bar(49, 111.8, 'achieved', '111,8\u00a0%'),
  bar(50, 110.8, 'achieved', '110,8\u00a0%'),
];
const MIXED: ExecutionBar[] = [
  bar(1, 104.9, 'achieved', '104,9\u00a0%'),
  bar(2, 95, 'missed', '95,0\u00a0%'),
  bar(3, null, 'pending', 'н/д'),
  { ...bar(4, null, 'achieved', '—'), zeroDivisor: 'plan' },
];

let surgut: LoadedTemplate;
let style: NativeChartStyle;
const labels = {
  axis: 'Исполнение, % от плана',
  reference: 'План = 100 %',
  legend: { achieved: 'достигнуто', missed: 'не достигнуто', pending: 'ожидаются' },
};
const box = (bars: ExecutionBar[], w = 864, h = 380): ChartBox => ({
  type: 'chart',
  name: 'Диаграмма',
  x: 48,
  y: 90,
  w,
  h,
  alt: 'Диаграмма: тест',
  bars,
  axis: valueAxisRange(bars),
  labels,
});

beforeAll(async () => {
  surgut = await loadTemplate('surgut', REPO);
  style = nativeChartStyle(surgut.template, box(SEED));
});

describe('nativeChartGeometry', () => {
  it('puts the 100 % line where the fixed axis puts 100, inside the plot, and the plot inside the frame', () => {
    for (const bars of [SEED, MIXED]) {
      const g = nativeChartGeometry(box(bars), style);
      expect(g.line.x).toBeCloseTo(g.plot.x + (g.plot.w * 100) / g.axis.max, 1);
      expect(g.line.x).toBeGreaterThan(g.plot.x);
      expect(g.line.x).toBeLessThan(g.plot.x + g.plot.w);
      expect(g.plot.x).toBeGreaterThan(0);
      expect(g.plot.x + g.plot.w).toBeLessThan(864);
      expect(g.plot.y + g.plot.h).toBeLessThan(380);
      // The plan label is centred on the line, above the plot.
      expect(g.lineLabel.x + g.lineLabel.w / 2).toBeCloseTo(g.line.x, 1);
      expect(g.lineLabel.y + g.lineLabel.h).toBeLessThanOrEqual(g.plot.y);
    }
  });

  it('keeps every value label clear of the line and inside the frame', () => {
    for (const bars of [
      SEED,
      MIXED,
      [bar(9, 95, 'missed', '95,0\u00a0%'), bar(10, 1900, 'achieved', '1\u00a0900,0\u00a0%')],
    ]) {
      const g = nativeChartGeometry(box(bars), style);
      const band = lineBand({ lineX: g.line.x - g.plot.x, lineHalfWidth: g.line.widthPt / 2, gap: g.gap });
      for (const l of g.labels) {
        expect(l.right <= band.left || l.left >= band.right, JSON.stringify(l)).toBe(true);
        expect(g.plot.x + l.right).toBeLessThanOrEqual(864);
      }
    }
  });

  it('places the seed’s labels outside the bar ends and a 95 % bar’s inside', () => {
    expect(nativeChartGeometry(box(SEED), style).labels.map((l) => l.placement)).toEqual(Array(6).fill('outside'));
    expect(nativeChartGeometry(box(MIXED), style).labels.map((l) => l.placement)).toEqual([
      'outside',
      'inside',
      'outside',
      'outside',
    ]);
  });

  it('draws a legend of what is drawn, left to right without overlaps, under the plot', () => {
    const g = nativeChartGeometry(box(MIXED), style);
    // The plan-0 row counts as achieved, as in the table and the result line; only the pending row is a grey slot.
    expect(g.legend.map((e) => e.text)).toEqual(['достигнуто', 'не достигнуто', 'ожидаются']);
    for (let i = 1; i < g.legend.length; i++)
      expect(g.legend[i]!.swatchBox.x).toBeGreaterThan(g.legend[i - 1]!.textBox.x + g.legend[i - 1]!.textBox.w);
    for (const e of g.legend) expect(e.textBox.y).toBeGreaterThan(g.plot.y + g.plot.h);
  });

  it('marks the rows without a bar at zero with a short tinted marker, never a bar (rows top to bottom)', () => {
    const g = nativeChartGeometry(box(MIXED), style);
    const pitch = g.plot.h / 4;
    expect(g.slots).toHaveLength(2); // 'н/д' and '—'
    expect(g.slots.map((s) => s.status)).toEqual(['pending', 'achieved']);
    g.slots.forEach((s, k) => {
      const row = k + 2;
      expect(s.x).toBe(g.plot.x);
      expect(s.w).toBeCloseTo(g.rowPt * 0.6, 1);
      expect(s.w).toBeLessThan(g.plot.w / 20);
      // Its label starts past the marker.
      expect(g.labels[row]!.left).toBeGreaterThan(s.w);
      expect(s.y + s.h / 2).toBeCloseTo(g.plot.y + (row + 0.5) * pitch, 1);
      expect(s.h).toBeCloseTo(pitch / 1.5, 1); // c:gapWidth 50
    });
    expect(nativeChartGeometry(box(SEED), style).slots).toEqual([]);
  });

  it('refuses a frame too small for its bars', () => {
    expect(() => nativeChartGeometry(box(SEED, 120, 60), style)).toThrow(RangeError);
  });
});

describe('chartXml', () => {
  it('writes one coloured point and one label per bar, the label inside for 95 % and moved past the line when the bar is too short', () => {
    const bars = [
      bar(9, 95, 'missed', '95,0\u00a0%'),
      bar(10, 1900, 'achieved', '1\u00a0900,0\u00a0%'),
      bar(11, 60, 'missed', '60,0\u00a0%'),
    ];
    const b = box(bars);
    const g = nativeChartGeometry(b, style);
    expect(g.labels.map((l) => l.placement)).toEqual(['pastLine', 'outside', 'pastLine']);
    const xml = chartXml(b, style, g);
    const dLbls = [...xml.matchAll(/<c:dLbl>[\s\S]*?<\/c:dLbl>/g)].map((m) => m[0]);
    expect(dLbls).toHaveLength(3);
    // pastLine: a positive horizontal offset, in chart widths, from the outside place.
    const dx = Number(/<c:manualLayout><c:x val="([^"]+)"\/>/.exec(dLbls[0]!)![1]);
    expect(dx).toBeGreaterThan(0);
    // From the outside place (bar end + the client's ~2 pt) to the place past the line.
    expect(dx * b.w).toBeCloseTo(g.labels[0]!.left - (g.plot.w * 95) / g.axis.max - 2, 0);
    expect(dLbls[1]).not.toContain('<c:manualLayout>');
    expect([...xml.matchAll(/<c:dPt>[\s\S]*?val="([0-9A-F]{6})"/g)].map((m) => m[1])).toEqual([
      surgut.template.colors.missed,
      surgut.template.colors.achieved,
      surgut.template.colors.missed,
    ]);
    expect(xml).toContain('<c:max val="2000"/>');
  });

  it('writes 0 for a bar without a value (its label says why) and the two axis ids the schema allows', () => {
    const b = box(MIXED);
    const xml = chartXml(b, style, nativeChartGeometry(b, style));
    const vals = /<c:val>[\s\S]*?<\/c:val>/.exec(xml)![0];
    expect([...vals.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1])).toEqual(['104.9', '95', '0', '0']);
    expect([...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1])).toEqual([
      '104,9\u00a0%',
      '95,0\u00a0%',
      'н/д',
      '—',
      'Исполнение, % от плана',
    ]);
    const barChart = /<c:barChart>[\s\S]*?<\/c:barChart>/.exec(xml)![0];
    expect(barChart.match(/<c:axId /g)).toHaveLength(2);
  });
});

describe('chartWorkbook', () => {
  it('is deterministic, and different bars give different bytes', async () => {
    const a = await chartWorkbook(SEED, style);
    expect((await chartWorkbook(SEED, style)).equals(a)).toBe(true);
    expect((await chartWorkbook(MIXED, style)).equals(a)).toBe(false);
    const zip = await JSZip.loadAsync(a);
    expect(Object.keys(zip.files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('<c r="B2"><v>111.7</v></c>');
    expect(sheet).toContain('<c r="A7" t="inlineStr"><is><t>№ 50</t></is></c>');
  });
});

describe('embedNativeCharts', () => {
  it('leaves a package without native charts untouched', () => {
    // Not even a package: nothing in it is read when there is no chart to embed.
    const parts = new Map<string, string | Uint8Array>([['x.bin', new Uint8Array([1, 2, 3])]]);
    const deck = {
      widthPt: 960,
      heightPt: 540,
      fontFace: 'Arial',
      title: 't',
      slides: [{ kind: 'chart' as const, page: 1, pages: 1, background: 'FFFFFF', boxes: [box(SEED)] }],
    };
    embedNativeCharts(parts, deck, { ...surgut.template, chart: 'picture' });
    embedNativeCharts(parts, { ...deck, slides: [] }, surgut.template);
    expect([...parts.keys()]).toEqual(['x.bin']);
    expect(parts.get('x.bin')).toEqual(new Uint8Array([1, 2, 3]));
  });
});
