/**
 * The execution chart as an SVG for the web page: one horizontal bar per
 * indicator (a narrow screen keeps every label readable), the 100 % line,
 * each value written after its bar. A picture with its text alternative
 * (role="img", title and desc); the page puts the table of its bars beside it.
 */
import type { ChartBox } from '../layout/model.js';
import { escapeHtml as esc } from '../render/html.js';
import type { ChartColors } from './page.js';

/** Geometry in the SVG's own units (it scales with the page). */
const W = 640;
const LABEL_W = 150;
const VALUE_W = 80;
const ROW_H = 32;
const BAR_H = 20;
const TOP = 28;

const round = (n: number) => Math.round(n * 10) / 10;

export function chartSvg(chart: ChartBox, colors: ChartColors, id: string): string {
  const plot = W - LABEL_W - VALUE_W;
  const max = chart.axis.max > 0 ? chart.axis.max : 100;
  const x = (v: number) => LABEL_W + (Math.min(Math.max(v, 0), max) / max) * plot;
  const h = TOP + chart.bars.length * ROW_H + 8;
  const rows = chart.bars.map((b, i) => {
    const y = TOP + i * ROW_H;
    const width = b.value === null ? 0 : x(b.value) - LABEL_W;
    const label = b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label;
    return [
      `<text x="${LABEL_W - 8}" y="${y + BAR_H / 2 + 5}" text-anchor="end">${esc(label)}</text>`,
      `<rect x="${LABEL_W}" y="${y}" width="${round(width)}" height="${BAR_H}" fill="#${colors[b.status]}"/>`,
      `<text x="${round(LABEL_W + width + 6)}" y="${y + BAR_H / 2 + 5}">${esc(b.display)}</text>`,
    ].join('');
  });
  const ref = round(x(100));
  return [
    `<svg class="chart" viewBox="0 0 ${W} ${h}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-title">${esc(chart.labels.axis)}</title>`,
    `<desc id="${id}-desc">${esc(chart.alt)}</desc>`,
    `<text x="${ref}" y="16" text-anchor="middle">${esc(chart.labels.reference)}</text>`,
    ...rows,
    `<line x1="${ref}" y1="${TOP - 6}" x2="${ref}" y2="${h - 4}" stroke="#1a1a1a" stroke-width="2" stroke-dasharray="6 4"/>`,
    '</svg>',
  ].join('\n');
}
