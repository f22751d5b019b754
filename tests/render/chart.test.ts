import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHART_COLORS,
  categoryLabel,
  defaultChartStyle,
  formatPercentTick,
  renderExecutionChart,
  valueAxisRange,
  type ChartStyle,
  type ExecutionBar,
} from '../../src/render/chart.js';

const pct = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
const bar = (label: string, value: number | null, status: ExecutionBar['status']): ExecutionBar => ({
  label,
  value,
  display: value === null ? 'н/д' : `${pct.format(value)}\u00a0%`,
  status,
});

/** The seed direction: indicators 45–50, all achieved. */
const SEED: ExecutionBar[] = [111.7, 101.16, 133.33, 123.4, 111.8, 110.8].map((v, i) =>
  bar(String(45 + i), v, 'achieved'),
);
/** One missed (87,0 %), one pending. */
const VARIANT: ExecutionBar[] = SEED.map((b, i) =>
  i === 1 ? bar('46', 87.0, 'missed') : i === 4 ? bar('49', null, 'pending') : b,
);

const style = (w = 800, h = 450): ChartStyle => defaultChartStyle(w, h);

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
  return { width: img.width, height: img.height, at, count, opaque };
}

describe('renderExecutionChart', () => {
  it('returns a PNG of the requested size', async () => {
    for (const [w, h] of [
      [800, 450],
      [1280, 720],
    ] as const) {
      const png = await renderExecutionChart(SEED, style(w, h));
      expect(ihdr(png)).toMatchObject({ width: w, height: h });
    }
  });

  it('is deterministic: the same input gives byte-identical PNGs', async () => {
    const a = await renderExecutionChart(VARIANT, style(1600, 900));
    const b = await renderExecutionChart(VARIANT, style(1600, 900));
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('different inputs give different bytes', async () => {
    const base = await renderExecutionChart(SEED, style());
    const changedValue = SEED.map((b, i) => (i === 0 ? bar('45', 112.7, 'achieved') : b));
    expect(base.equals(await renderExecutionChart(changedValue, style()))).toBe(false);
    expect(base.equals(await renderExecutionChart(VARIANT, style()))).toBe(false);
    expect(base.equals(await renderExecutionChart(SEED, { ...style(), referenceLabel: 'Plan' }))).toBe(false);
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

  it('colours bars by status and draws the 100 % line', async () => {
    const seed = await pixels(await renderExecutionChart(SEED, style()));
    expect(seed.count(DEFAULT_CHART_COLORS.achieved)).toBeGreaterThan(5000);
    expect(seed.count(DEFAULT_CHART_COLORS.missed)).toBe(0); // no missed bar, no legend entry
    expect(seed.count(DEFAULT_CHART_COLORS.reference)).toBeGreaterThan(300); // line + its label

    const variant = await pixels(await renderExecutionChart(VARIANT, style()));
    expect(variant.count(DEFAULT_CHART_COLORS.missed)).toBeGreaterThan(1000);
    expect(variant.count(DEFAULT_CHART_COLORS.achieved)).toBeLessThan(seed.count(DEFAULT_CHART_COLORS.achieved));
  });

  it('leaves pending rows as empty slots', async () => {
    const allPending = SEED.map((b) => bar(b.label, null, 'pending'));
    const p = await pixels(await renderExecutionChart(allPending, style()));
    expect(p.count(DEFAULT_CHART_COLORS.achieved)).toBe(0);
    expect(p.count(DEFAULT_CHART_COLORS.missed)).toBe(0);
    expect(p.opaque).toBe(true);
  });

  it('uses the caller’s colours', async () => {
    const s = style();
    s.colors = { ...s.colors, achieved: '#1F3A68' };
    const p = await pixels(await renderExecutionChart(SEED, s));
    expect(p.count('#1F3A68')).toBeGreaterThan(5000);
    expect(p.count(DEFAULT_CHART_COLORS.achieved)).toBe(0);
  });

  it('renders 20 indicators and an empty list', async () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      i === 7 ? bar(String(101 + i), null, 'pending') : bar(String(101 + i), 60 + i * 7.3, 60 + i * 7.3 >= 100 ? 'achieved' : 'missed'),
    );
    expect(ihdr(await renderExecutionChart(many, style(1280, 720)))).toMatchObject({ width: 1280, height: 720 });
    expect(ihdr(await renderExecutionChart([], style()))).toMatchObject({ width: 800, height: 450 });
  });

  it('rejects non-finite values and unusable sizes', async () => {
    await expect(renderExecutionChart([bar('1', Number.NaN, 'achieved')], style())).rejects.toThrow(RangeError);
    await expect(renderExecutionChart(SEED, style(50, 50))).rejects.toThrow(RangeError);
    await expect(renderExecutionChart(SEED, { ...style(), widthPx: 800.5 })).rejects.toThrow(RangeError);
  });
});

describe('chart helpers', () => {
  it('formats ticks ru-RU with a no-break space', () => {
    expect(formatPercentTick(120)).toBe('120\u00a0%');
    expect(formatPercentTick(12.5)).toBe('12,5\u00a0%');
    expect(formatPercentTick(0)).toBe('0\u00a0%');
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
