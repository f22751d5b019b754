/**
 * The native chart in the preview: drawn as SVG from the very geometry the
 * .pptx's chart part and its slide shapes are written from
 * (nativeChart/geometry.ts): the same plot, bars by status (a missed bar
 * hatched), row names, value labels where placeValueLabel put them, the
 * 100 % line and its label, the grid and ticks, the axis title, the legend.
 * A template with `chart: picture` keeps the chart.js drawing, which is its
 * .pptx picture. Pure: the same box gives the same markup.
 */
import type { ChartBox } from '../../layout/model.js';
import type { Template } from '../../template/schema.js';
import { formatPercentTick } from '../chartConfig.js';
import { LINE_EM, nativeChartGeometry, SPACE_EM } from '../nativeChart/geometry.js';
import { escapeXml as esc } from '../package/opc.js';
import { BASE_PT, GAP_WIDTH, nativeChartStyle, SLOT_TRANSPARENCY_PCT } from '../nativeChart/shared.js';

const n = (x: number) => String(Math.round(x * 100) / 100);
const color = (rgb: string) => `#${rgb}`;
const SLOT_OPACITY = 1 - SLOT_TRANSPARENCY_PCT / 100;

function text(
  x: number,
  y: number,
  value: string,
  o: { size: number; fill: string; bold?: boolean; anchor?: 'start' | 'middle' | 'end' },
): string {
  const lines = value.split('\n');
  const first = y - ((lines.length - 1) * o.size * LINE_EM) / 2;
  const spans = lines
    .map((l, i) => `<tspan x="${n(x)}" y="${n(first + i * o.size * LINE_EM)}">${esc(l)}</tspan>`)
    .join('');
  return `<text font-size="${n(o.size)}" fill="${color(o.fill)}"${o.bold ? ' font-weight="bold"' : ''} text-anchor="${o.anchor ?? 'start'}" dominant-baseline="central">${spans}</text>`;
}

/** The chart box's SVG, in points (its viewBox is the box). `id` keeps the hatch pattern's id unique on the page. */
export function nativeChartSvg(box: ChartBox, template: Template, id: string): string {
  const style = nativeChartStyle(template, box);
  const c = style.colors;
  const g = nativeChartGeometry(box, style);
  const { plot } = g;
  const hatch = `itogi-hatch-${id}`;
  const out: string[] = [
    `<defs><pattern id="${hatch}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(-45)"><rect width="6" height="6" fill="${color(c.background)}"/><rect width="2" height="6" fill="${color(c.missed)}"/></pattern></defs>`,
    `<rect width="${n(box.w)}" height="${n(box.h)}" fill="${color(c.background)}"/>`,
  ];
  // Grid and ticks: one line per step of the value axis, its percentage under the plot.
  const tickY = plot.y + plot.h + (g.tickPt * LINE_EM) / 2;
  for (let v = 0; v <= g.axis.max + 1e-9; v += g.axis.step) {
    const x = plot.x + (plot.w * v) / g.axis.max;
    out.push(
      `<line x1="${n(x)}" y1="${n(plot.y)}" x2="${n(x)}" y2="${n(plot.y + plot.h)}" stroke="${color(c.grid)}" stroke-width="0.75"/>`,
    );
    out.push(text(x, tickY, formatPercentTick(v), { size: g.tickPt, fill: c.text, anchor: 'middle' }));
  }
  if (style.axisTitle !== '')
    out.push(
      text(plot.x + plot.w / 2, tickY + g.tickPt * LINE_EM * 1.1, style.axisTitle, {
        size: g.tickPt,
        fill: c.text,
        anchor: 'middle',
      }),
    );
  // Rows top to bottom (the category axis runs max to min): bar, name, value label.
  const pitch = plot.h / Math.max(1, box.bars.length);
  const thickness = pitch / (1 + GAP_WIDTH / 100);
  box.bars.forEach((b, i) => {
    const mid = plot.y + (i + 0.5) * pitch;
    if (b.value !== null) {
      const w = (plot.w * Math.min(g.axis.max, Math.max(0, b.value))) / g.axis.max;
      const fill = b.status === 'missed' ? `url(#${hatch})` : color(c[b.status]);
      const stroke = b.status === 'missed' ? ` stroke="${color(c.missed)}" stroke-width="1"` : '';
      out.push(
        `<rect class="itogi-bar" data-status="${b.status}" x="${n(plot.x)}" y="${n(mid - thickness / 2)}" width="${n(w)}" height="${n(thickness)}" fill="${fill}"${stroke}/>`,
      );
    }
    out.push(
      text(plot.x - SPACE_EM.categoryToPlot * BASE_PT, mid, g.categories[i] ?? '', {
        size: g.rowPt,
        fill: c.text,
        bold: true,
        anchor: 'end',
      }),
    );
    const label = g.labels[i]!;
    const inside = label.placement === 'inside';
    const labelColor = inside ? (b.status === 'missed' ? c.text : c.background) : c.text;
    out.push(
      text(plot.x + (label.left + label.right) / 2, mid, label.text, {
        size: g.rowPt,
        fill: labelColor,
        bold: label.bold,
        anchor: 'middle',
      }),
    );
  });
  for (const s of g.slots)
    out.push(
      `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${color(c[s.status])}" fill-opacity="${SLOT_OPACITY}" stroke="${color(c[s.status])}" stroke-width="0.75"/>`,
    );
  // The category axis line, then the 100 % line and its label.
  out.push(
    `<line x1="${n(plot.x)}" y1="${n(plot.y)}" x2="${n(plot.x)}" y2="${n(plot.y + plot.h)}" stroke="${color(c.text)}" stroke-width="1"/>`,
    `<line class="itogi-plan-line" x1="${n(g.line.x)}" y1="${n(g.line.top)}" x2="${n(g.line.x)}" y2="${n(g.line.bottom)}" stroke="${color(c.reference)}" stroke-width="${n(g.line.widthPt)}"/>`,
    text(g.lineLabel.x + g.lineLabel.w / 2, g.lineLabel.y + g.lineLabel.h / 2, style.referenceLabel, {
      size: g.referencePt,
      fill: c.reference,
      bold: true,
      anchor: 'middle',
    }),
  );
  for (const item of g.legend) {
    const s = item.swatchBox;
    // As nativeChart.ts draws them: a solid swatch, or a tinted outlined one for rows without a bar.
    const slot = item.swatch === 'slot';
    const fill = color(item.swatch === 'slot' ? c.pending : c[item.swatch]);
    const swatchColor = slot ? c.pending : '';
    out.push(
      `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${fill}"${slot ? ` fill-opacity="${SLOT_OPACITY}" stroke="${color(swatchColor)}" stroke-width="0.75"` : ''}/>`,
      text(item.textBox.x, item.textBox.y + item.textBox.h / 2, item.text, { size: g.tickPt, fill: c.text }),
    );
  }
  return `<svg class="itogi-native-chart" viewBox="0 0 ${n(box.w)} ${n(box.h)}" width="100%" height="100%" aria-hidden="true">${out.join('')}</svg>`;
}
