import { createCanvas, loadImage } from '@napi-rs/canvas';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  barShape,
  categoryLabel,
  formatPercentTick,
  legendEntries,
  renderExecutionChart,
  valueAxisRange,
  type ChartStyle,
  type ExecutionBar,
} from '../../src/render/chart.js';
import { chartStyle } from '../../src/render/chartStyle.js';
import { loadTemplate, type LoadedTemplate } from '../../src/template/load.js';

const REPO = resolve(import.meta.dirname, '..', '..');

const pct = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
const bar = (label: string, value: number | null, status: ExecutionBar['status'], display?: string): ExecutionBar => ({
  label,
  value,
  display: display ?? (value === null ? 'н/д' : `${pct.format(value)}\u00a0%`),
  status,
});
/** An indicator whose plan is 0: no percentage, '—', but still achieved or missed. */
const zeroDivisor = (label: string, status: 'achieved' | 'missed'): ExecutionBar => ({
  ...bar(label, null, status, '—'),
  zeroDivisor: 'plan',
});

/** The seed direction: indicators 45–50, all achieved. */
const SEED: ExecutionBar[] = [111.7, 101.16, 133.33, 123.4, 111.8, 110.8].map((v, i) =>
  bar(String(45 + i), v, 'achieved'),
);
/** One missed (87,0 %), one pending. */
const VARIANT: ExecutionBar[] = SEED.map((b, i) =>
  i === 1 ? bar('46', 87.0, 'missed') : i === 4 ? bar('49', null, 'pending') : b,
);

/** The template the product uses: chart colours and texts come from templates/surgut/template.yaml. */
let surgut: LoadedTemplate;
beforeAll(async () => {
  surgut = await loadTemplate('surgut', REPO);
});
/** The product's style for a chart box of w × h points (2 px per point). */
const style = (wPt = 400, hPt = 225): ChartStyle => chartStyle(surgut, { w: wPt, h: hPt });
/** The template's colours as '#RRGGBB'. */
const colour = (key: 'achieved' | 'missed' | 'pending' | 'primary') => `#${surgut.template.colors[key]}`;

function ihdr(png: Buffer): { width: number; height: number; colorType: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png.readUInt8(25) };
}

async function pixels(png: Buffer) {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, 0, img.width, img.height);
  const at = (x: number, y: number) => Array.from(data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
  const count = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) n++;
    return n;
  };
  let opaque = true;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) opaque = false;
  /** 0xRRGGBB of a pixel, for scans over the whole picture. */
  const rgb = (x: number, y: number) => {
    const i = (y * img.width + x) * 4;
    return (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
  };
  return { width: img.width, height: img.height, at, count, opaque, rgb };
}

describe('renderExecutionChart with the template-driven style (chartStyle)', () => {
  it('takes its size from the chart box: 2 px per point', async () => {
    for (const [w, h] of [
      [400, 225],
      [640, 360],
      [877.5, 351.3], // a box that is not whole points still gives whole pixels
    ] as const) {
      const s = style(w, h);
      expect([s.widthPx, s.heightPx]).toEqual([Math.round(w * 2), Math.round(h * 2)]);
      expect(ihdr(await renderExecutionChart(SEED, s))).toMatchObject({
        width: Math.round(w * 2),
        height: Math.round(h * 2),
      });
    }
  });

  it('draws bars in the template’s achieved colour, and its missed colour only when a bar is missed', async () => {
    const seed = await pixels(await renderExecutionChart(SEED, style()));
    expect(seed.count(colour('achieved'))).toBeGreaterThan(5000);
    expect(seed.count(colour('missed'))).toBe(0); // no missed bar, no legend entry
    expect(seed.count(colour('primary'))).toBeGreaterThan(300); // the 100 % line + its label, in the template's primary colour

    const variant = await pixels(await renderExecutionChart(VARIANT, style()));
    expect(variant.count(colour('missed'))).toBeGreaterThan(1000);
    expect(variant.count(colour('achieved'))).toBeLessThan(seed.count(colour('achieved')));
  });

  it('follows the template: another achieved colour in template.yaml, another colour in the picture', async () => {
    const green = '#17502F';
    expect(colour('achieved')).toBe(green); // templates/surgut/template.yaml
    const restyled: LoadedTemplate = {
      ...surgut,
      template: { ...surgut.template, colors: { ...surgut.template.colors, achieved: '123456' } },
    };
    const p = await pixels(await renderExecutionChart(SEED, chartStyle(restyled, { w: 400, h: 225 })));
    expect(p.count('#123456')).toBeGreaterThan(5000);
    expect(p.count(green)).toBe(0);
  });

  it('uses the texts the layout filled in when the box carries them', () => {
    const labels = {
      axis: 'Ось 2023',
      reference: 'План 2023',
      legend: { achieved: 'да', missed: 'нет', pending: 'ждём' },
    };
    const s = chartStyle(surgut, { w: 400, h: 225, labels });
    expect([s.axisTitle, s.referenceLabel]).toEqual(['Ось 2023', 'План 2023']);
    expect(s.legend).toMatchObject(labels.legend);
    const plain = style();
    expect([plain.axisTitle, plain.referenceLabel]).toEqual([
      surgut.template.labels.chart_axis,
      surgut.template.labels.chart_reference,
    ]);
  });

  it('is deterministic: the same input gives byte-identical PNGs', async () => {
    const a = await renderExecutionChart(VARIANT, style(800, 450));
    const b = await renderExecutionChart(VARIANT, style(800, 450));
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('different inputs give different bytes', async () => {
    const base = await renderExecutionChart(SEED, style());
    const changedValue = SEED.map((b, i) => (i === 0 ? bar('45', 112.7, 'achieved') : b));
    expect(base.equals(await renderExecutionChart(changedValue, style()))).toBe(false);
    expect(base.equals(await renderExecutionChart(VARIANT, style()))).toBe(false);
    expect(base.equals(await renderExecutionChart(SEED, { ...style(), referenceLabel: 'Plan' }))).toBe(false);
  });

  it('keeps the value label of a bar ending just left of 100 % off the plan line (drawn inside the bar end, in white)', async () => {
    // 95 % and 97,6 % are the only missed (red) bars; their labels used to run across the line.
    const bars = [
      bar('45', 111.7, 'achieved'),
      bar('46', 95, 'missed'),
      bar('47', 101.16, 'achieved'),
      bar('48', 97.6, 'missed'),
    ];
    const p = await pixels(await renderExecutionChart(bars, style(800, 450)));
    const hex = (h: string) => parseInt(h.replace('#', ''), 16);
    const [primary, text, missed, white] = [
      colour('primary'),
      surgut.template.colors.text,
      colour('missed'),
      'FFFFFF',
    ].map(hex);
    // The line: the column with the most pixels in the template's primary colour.
    let lineX = 0;
    let best = 0;
    for (let x = 0; x < p.width; x++) {
      let n = 0;
      for (let y = 0; y < p.height; y++) if (p.rgb(x, y) === primary) n++;
      if (n > best) [best, lineX] = [n, x];
    }
    expect(best).toBeGreaterThan(200);
    // Rows of the red bars (not the legend swatch: only rows with a long red run).
    const redRows: number[] = [];
    for (let y = 0; y < p.height; y++) {
      let n = 0;
      for (let x = 0; x < lineX; x++) if (p.rgb(x, y) === missed) n++;
      if (n > 200) redRows.push(y);
    }
    expect(redRows.length).toBeGreaterThan(20);
    let textNearLine = 0;
    let whiteOnRed = 0;
    for (const y of redRows) {
      for (let x = lineX - 12; x <= lineX + 12; x++) if (p.rgb(x, y) === text) textNearLine++;
      for (let x = 3; x < lineX; x++) if (p.rgb(x, y) === white && p.rgb(x - 3, y) === missed) whiteOnRed++;
    }
    expect(textNearLine).toBe(0);
    expect(whiteOnRed).toBeGreaterThan(20); // the labels are there, inside the bars
  });

  it('has an opaque white background', async () => {
    const p = await pixels(await renderExecutionChart(VARIANT, style()));
    expect(p.opaque).toBe(true);
    for (const [x, y] of [
      [0, 0],
      [p.width - 1, 0],
      [0, p.height - 1],
      [p.width - 1, p.height - 1],
    ] as const) {
      expect(p.at(x, y)).toEqual([255, 255, 255, 255]);
    }
  });

  it('hatches a missed bar: its colour and the background alternate along it, an achieved bar is solid', async () => {
    const runs = async (status: 'achieved' | 'missed') => {
      const p = await pixels(await renderExecutionChart([bar('1', 60, status)], style()));
      const target = Number.parseInt(colour(status).slice(1), 16);
      const near = (c: number, d: number) =>
        Math.abs((c >> 16) - (d >> 16)) +
          Math.abs(((c >> 8) & 255) - ((d >> 8) & 255)) +
          Math.abs((c & 255) - (d & 255)) <
        90;
      // The row through the bar's middle: the middle of the rows with many pixels near the status colour.
      const rows: number[] = [];
      for (let y = 0; y < p.height; y++) {
        let n = 0;
        for (let x = 0; x < p.width; x++) if (near(p.rgb(x, y), target)) n++;
        if (n > 50) rows.push(y);
      }
      const bestY = rows[Math.floor(rows.length / 2)]!;
      // Changes between the status colour and white along that row (antialiased pixels in between are skipped).
      let changes = 0;
      let last: 'colour' | 'white' | undefined;
      for (let x = 0; x < p.width; x++) {
        const c = p.rgb(x, bestY);
        const kind = near(c, target) ? 'colour' : near(c, 0xffffff) ? 'white' : undefined;
        if (kind !== undefined && last !== undefined && kind !== last) changes++;
        if (kind !== undefined) last = kind;
      }
      return changes;
    };
    expect(await runs('missed')).toBeGreaterThan(20);
    expect(await runs('achieved')).toBeLessThanOrEqual(4);
  });

  it('draws pending rows as short markers at zero, never as bars', async () => {
    const allPending = SEED.map((b) => bar(b.label, null, 'pending'));
    const p = await pixels(await renderExecutionChart(allPending, style()));
    expect(p.count(colour('achieved'))).toBe(0);
    expect(p.count(colour('missed'))).toBe(0);
    expect(p.count(colour('pending'))).toBeGreaterThan(200); // marker outlines and the legend swatch
    // Every grey pixel of a row sits in the left fifth (category labels, then the marker), not across the plot.
    const grey = Number.parseInt(colour('pending').slice(1), 16);
    let rightmost = 0;
    for (let y = 0; y < p.height * 0.8; y++)
      for (let x = 0; x < p.width; x++) if (p.rgb(x, y) === grey) rightmost = Math.max(rightmost, x);
    expect(rightmost).toBeGreaterThan(0);
    expect(rightmost).toBeLessThan(p.width / 5);
    expect(p.opaque).toBe(true);
  });

  it('draws a zero-divisor row as a slot in its status colour, never in the pending grey', async () => {
    for (const status of ['achieved', 'missed'] as const) {
      const other = status === 'achieved' ? 'missed' : 'achieved';
      const p = await pixels(await renderExecutionChart([zeroDivisor('45', status)], style()));
      expect(p.count(colour(status)), status).toBeGreaterThan(200); // marker outline and legend swatch
      expect(p.count(colour(other)), status).toBe(0);
      expect(p.count(colour('pending')), status).toBe(0);
    }
    // next to real bars: more missed pixels than a pending row in its place gives (its outline and tint)
    const withZero = await pixels(
      await renderExecutionChart([...VARIANT.slice(0, 4), zeroDivisor('49', 'missed')], style()),
    );
    const withPending = await pixels(
      await renderExecutionChart([...VARIANT.slice(0, 4), bar('49', null, 'pending', '—')], style()),
    );
    expect(withZero.count(colour('missed'))).toBeGreaterThan(withPending.count(colour('missed')) + 30);
    expect(withZero.count(colour('pending'))).toBe(0);
  });

  it('uses the caller’s colours', async () => {
    const s = style();
    s.colors = { ...s.colors, achieved: '#1F3A69' };
    const p = await pixels(await renderExecutionChart(SEED, s));
    expect(p.count('#1F3A69')).toBeGreaterThan(5000);
    expect(p.count(colour('achieved'))).toBe(0);
  });

  it('renders 20 indicators and an empty list', async () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      i === 7
        ? bar(String(101 + i), null, 'pending')
        : bar(String(101 + i), 60 + i * 7.3, 60 + i * 7.3 >= 100 ? 'achieved' : 'missed'),
    );
    expect(ihdr(await renderExecutionChart(many, style(640, 360)))).toMatchObject({ width: 1280, height: 720 });
    expect(ihdr(await renderExecutionChart([], style()))).toMatchObject({ width: 800, height: 450 });
  });

  it('rejects non-finite values, a pending bar with a value, a zero-divisor bar with one, and unusable sizes', async () => {
    await expect(renderExecutionChart([bar('1', Number.NaN, 'achieved')], style())).rejects.toThrow(RangeError);
    await expect(renderExecutionChart([bar('1', 90, 'pending')], style())).rejects.toThrow(RangeError);
    await expect(renderExecutionChart([{ ...zeroDivisor('1', 'achieved'), value: 100 }], style())).rejects.toThrow(
      RangeError,
    );
    await expect(
      renderExecutionChart([{ ...zeroDivisor('1', 'achieved'), status: 'pending' }], style()),
    ).rejects.toThrow(RangeError);
    await expect(renderExecutionChart(SEED, style(25, 25))).rejects.toThrow(RangeError);
    await expect(renderExecutionChart(SEED, { ...style(), widthPx: 800.5 })).rejects.toThrow(RangeError);
  });
});

describe('legendEntries: the legend lists what is drawn', () => {
  const L = { achieved: 'достигнуто', missed: 'не достигнуто', pending: 'данные ожидаются' };

  it('one entry per kind of bar present, in a fixed order', () => {
    expect(legendEntries(SEED, L)).toEqual([{ swatch: 'achieved', text: 'достигнуто' }]);
    expect(legendEntries(VARIANT, L)).toEqual([
      { swatch: 'achieved', text: 'достигнуто' },
      { swatch: 'missed', text: 'не достигнуто' },
      { swatch: 'slot', text: 'данные ожидаются' },
    ]);
    expect(legendEntries([], L)).toEqual([]);
  });

  // A plan-0 indicator tells the result line's story: its status, never «нет значения».
  it.each([
    ['achieved alone', [zeroDivisor('45', 'achieved')], [{ swatch: 'achieved', text: 'достигнуто' }]],
    ['missed alone', [zeroDivisor('45', 'missed')], [{ swatch: 'missed', text: 'не достигнуто' }]],
    [
      'beside a missed bar',
      [bar('44', 96, 'missed'), zeroDivisor('45', 'achieved')],
      [
        { swatch: 'achieved', text: 'достигнуто' },
        { swatch: 'missed', text: 'не достигнуто' },
      ],
    ],
    [
      'beside a pending slot',
      [bar('44', null, 'pending'), zeroDivisor('45', 'missed')],
      [
        { swatch: 'missed', text: 'не достигнуто' },
        { swatch: 'slot', text: 'данные ожидаются' },
      ],
    ],
  ] as const)('a zero-divisor bar counts as its status: %s', (_name, bars, expected) => {
    expect(legendEntries(bars, L)).toEqual(expected);
  });

  it.each([
    [bar('1', 120, 'achieved'), 'bar'],
    [bar('1', 80, 'missed'), 'bar'],
    [bar('1', null, 'pending'), 'pending-slot'],
    [zeroDivisor('1', 'achieved'), 'status-slot'],
    [zeroDivisor('1', 'missed'), 'status-slot'],
    [bar('1', null, 'achieved', '1e+302 %'), 'status-slot'], // a percentage too large for a double
  ] as const)('barShape(%o) is %s', (b, shape) => {
    expect(barShape(b)).toBe(shape);
  });

  it('falls back to default texts', () => {
    expect(legendEntries(VARIANT).map((e) => e.text)).toEqual(['достигнуто', 'не достигнуто', 'нет данных']);
  });
});

describe('chart helpers', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('formats ticks ru-RU as compute/format does: U+00A0 grouping, decimal comma, no-break space before %', () => {
    expect(formatPercentTick(120)).toBe('120\u00a0%');
    expect(formatPercentTick(12.5)).toBe('12,5\u00a0%');
    expect(formatPercentTick(0)).toBe('0\u00a0%');
    expect(formatPercentTick(-0)).toBe('0\u00a0%'); // Intl writes '-0'
    expect(formatPercentTick(1250)).toBe('1\u00a0250\u00a0%');
    expect(formatPercentTick(25000)).toBe('25\u00a0000\u00a0%');
    expect(formatPercentTick(0.1 + 0.2)).toBe('0,3\u00a0%'); // floating-point noise from tick arithmetic
  });

  it('does not depend on the ICU version (no Intl)', async () => {
    // An ICU that groups with U+202F, as newer CLDR data does for some locales.
    const RealNumberFormat = Intl.NumberFormat;
    class NarrowNbspNumberFormat extends RealNumberFormat {
      override format(value: number | bigint): string {
        return super.format(value).replace(/\u00a0/g, '\u202f');
      }
    }
    vi.stubGlobal('Intl', { ...Intl, NumberFormat: NarrowNbspNumberFormat });
    vi.resetModules();
    const fresh = await import('../../src/render/chart.js');
    expect(fresh.formatPercentTick(1250)).toBe('1\u00a0250\u00a0%');
    expect(fresh.formatPercentTick(5000)).toBe('5\u00a0000\u00a0%');
  });

  it("labels categories '№ 45'", () => {
    expect(categoryLabel('45')).toBe('№\u00a045');
    expect(categoryLabel('№ 45')).toBe('№ 45');
  });

  it('extends the value axis past the largest value and 100, with a tick on 100 where the step allows', () => {
    for (const values of [[111.7, 101.16, 133.33], [50, 60], [100], [198.7], [349], [1250], []]) {
      const { max, step } = valueAxisRange(values.map((v) => bar('1', v, 'achieved')));
      expect(max).toBeGreaterThan(Math.max(100, ...values));
      if (step <= 100) expect(100 % step).toBe(0); // above that the 100 % line is drawn between ticks
      expect(max % step).toBe(0);
      expect(max / step).toBeLessThanOrEqual(8);
    }
    expect(valueAxisRange(SEED)).toEqual({ max: 150, step: 25 });
    expect(valueAxisRange([bar('1', null, 'pending')])).toEqual({ max: 120, step: 20 });
  });
});
