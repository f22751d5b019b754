/**
 * The value-label placement rule both chart kinds use: a label never enters
 * the band around the 100 % line. Geometry in one unit from the plot's left
 * edge; the line at 100 with half a stroke width of 1 and a gap of 5 unless a
 * row says otherwise.
 */
import { describe, expect, it } from 'vitest';
import { lineBand, placeValueLabel, type LabelGeometry } from '../../src/render/chartConfig.js';

const geometry = (barEnd: number, labelWidth: number, more: Partial<LabelGeometry> = {}): LabelGeometry => ({
  barEnd,
  lineX: 100,
  lineHalfWidth: 1,
  labelWidth,
  gap: 5,
  ...more,
});

describe('placeValueLabel', () => {
  it.each([
    // what, bar end, label width, expected placement, expected left
    ['a bar past the line (111,7 %): outside', 111.7, 40, 'outside', 116.7],
    ['a bar ending on the line (100 %): outside, clear of it', 100, 40, 'outside', 105],
    ['a bar just past the line (100,1 %): outside', 100.1, 40, 'outside', 105.1],
    ['a short bar far from the line (30 %): outside', 30, 40, 'outside', 35],
    ['a label that ends just before the band: outside', 100 - 3.5 - 45, 40, 'outside', 56.5],
    ['a bar a little left of the line (95 %): inside the bar end', 95, 40, 'inside', 50],
    ['a bar at 98 %: its outside place would touch the line, so inside', 98, 40, 'inside', 53],
    ['a bar at 99,9 %: the outside place already starts past the band', 99.9, 40, 'outside', 104.9],
    ['a bar at 60 % with a wide label that would reach the line: inside', 60, 45, 'inside', 10],
    ['a bar too short to hold its label, line close to the axis: past the line', 40, 40, 'pastLine', 55, { lineX: 50 }],
    ['no bar (н/д) with the line close to the axis: past the line', 0, 30, 'pastLine', 25, { lineX: 20 }],
  ] as const)('%s', (_what, barEnd, labelWidth, placement, left, more: Partial<LabelGeometry> = {}) => {
    const placed = placeValueLabel(geometry(barEnd, labelWidth, more));
    expect(placed.placement).toBe(placement);
    expect(placed.left).toBeCloseTo(left, 6);
    expect(placed.right - placed.left).toBeCloseTo(labelWidth, 6);
  });

  it('decides on where a client that starts outside labels 2 past the bar end really puts them', () => {
    // Seen in LibreOffice: axis to 2 500 %, 94,6 % ends 1,6 pt left of the line. With the
    // renderer's own gap (5,2) the label would be judged clear; the client's ~3 pt put it on the line.
    const lo = { barEnd: 27.2, lineX: 28.8, lineHalfWidth: 0.75, labelWidth: 40, gap: 5.2 };
    expect(placeValueLabel(lo).placement).toBe('outside');
    expect(placeValueLabel({ ...lo, outsideGap: 2 })).toEqual({ placement: 'pastLine', left: 34, right: 74 });
    // Far from the line the client's gap is simply where the label starts.
    expect(placeValueLabel(geometry(103, 40, { outsideGap: 2 }))).toEqual({
      placement: 'outside',
      left: 105,
      right: 145,
    });
    expect(placeValueLabel(geometry(94.6, 40, { outsideGap: 2 })).placement).toBe('inside');
  });

  it('a row without a value (bar end 0) gets its label at the axis when the line is far away', () => {
    expect(placeValueLabel(geometry(0, 20, { lineX: 300 }))).toEqual({ placement: 'outside', left: 5, right: 25 });
  });

  it('never puts a label into the band around the line, nor left of the axis (a grid of bars, labels and lines)', () => {
    for (const lineX of [40, 100, 250, 600]) {
      for (const labelWidth of [10, 35, 80]) {
        for (let barEnd = 0; barEnd <= lineX * 1.5; barEnd += lineX / 97) {
          const g = geometry(barEnd, labelWidth, { lineX, gap: 4, lineHalfWidth: 1.5 });
          const band = lineBand(g);
          const p = placeValueLabel(g);
          expect(p.right <= band.left || p.left >= band.right, JSON.stringify({ g, p })).toBe(true);
          expect(p.left).toBeGreaterThanOrEqual(0);
          // inside only where the bar is long enough to hold the label with a gap on both sides
          if (p.placement === 'inside') expect(p.left).toBeGreaterThanOrEqual(g.gap);
        }
      }
    }
  });

  it('is deterministic and refuses a gap narrower than the line', () => {
    expect(placeValueLabel(geometry(95, 40))).toEqual(placeValueLabel(geometry(95, 40)));
    expect(() => placeValueLabel(geometry(95, 40, { gap: 1, lineHalfWidth: 1 }))).toThrow(RangeError);
  });
});
