/**
 * A laid-out deck as one web page of semantic HTML (issue 20, item 3): the
 * slides' titles as h2 (a continued slide joins the one before it), lists as
 * ul, tables as <table> with <th scope>, the chart as an SVG with its text
 * alternative and the table of its bars. Decoration, page numbers and the
 * closing slide are left out. Pure: the same layout gives the same text.
 */
import type { Box, ChartBox, DeckLayout, Paragraph, SlideLayout, TableBox, TextBox } from '../layout/model.js';
import { escapeHtml } from '../render/html.js';
import { chartSvg } from './svg.js';

/** Box names that are furniture of a slide, not its content. */
const FURNITURE = new Set(['Номер слайда', 'Отметка']);

const isTitle = (b: Box): b is TextBox => b.type === 'text' && b.title === true;
const boxText = (b: TextBox) => b.paragraphs.map((p) => p.text).join(' ');

function paragraphHtml(p: Paragraph): string {
  const text = escapeHtml(p.text);
  return p.bold ? `<strong>${text}</strong>` : p.italic ? `<em>${text}</em>` : text;
}

/** Paragraphs: bullets gathered into lists, the rest as p. */
function textHtml(box: TextBox): string {
  const out: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length > 0) out.push(`<ul>\n${list.join('\n')}\n</ul>`);
    list = [];
  };
  for (const p of box.paragraphs) {
    if (p.text.trim() === '') continue;
    if (p.bullet) list.push(`<li>${paragraphHtml(p)}</li>`);
    else {
      flush();
      out.push(`<p>${paragraphHtml(p)}</p>`);
    }
  }
  flush();
  return out.join('\n');
}

/** One table from the table boxes of continued slides: the first row is the header, said once. */
function tableHtml(tables: TableBox[], caption: string, id: string): string {
  const [first] = tables;
  if (first === undefined) return '';
  const header = first.rows[0] ?? [];
  const body = tables.flatMap((t) => t.rows.slice(1));
  const th = header.map((c) => `<th scope="col">${escapeHtml(c.text)}</th>`).join('');
  const rows = body.map(
    (row) =>
      `<tr>${row.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c.text)}</th>` : `<td>${escapeHtml(c.text)}</td>`)).join('')}</tr>`,
  );
  // The wrapper scrolls a wide table by itself on a narrow screen; focusable, so the keyboard can scroll it.
  return [
    `<div class="table" role="region" aria-labelledby="${id}" tabindex="0">`,
    `<table>`,
    `<caption id="${id}">${escapeHtml(caption)}</caption>`,
    `<thead><tr>${th}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    '</div>',
  ].join('\n');
}

/** The chart as a picture with its text alternative, and its bars as a table beside it. */
function chartHtml(chart: ChartBox, colors: ChartColors, id: string): string {
  const legend = chart.labels.legend;
  const rows = chart.bars.map(
    (b) =>
      `<tr><th scope="row">${escapeHtml(b.label)}</th><td>${escapeHtml(b.display)}</td><td>${escapeHtml(legend[b.status])}</td></tr>`,
  );
  return [
    `<figure aria-labelledby="${id}-caption">`,
    chartSvg(chart, colors, id),
    `<figcaption id="${id}-caption">${escapeHtml(chart.alt)}</figcaption>`,
    '</figure>',
    `<div class="table" role="region" aria-labelledby="${id}-data" tabindex="0">`,
    '<table>',
    `<caption id="${id}-data">Данные диаграммы</caption>`,
    `<thead><tr><th scope="col">Показатель</th><th scope="col">${escapeHtml(chart.labels.axis)}</th><th scope="col">Итог</th></tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    '</div>',
  ].join('\n');
}

export interface ChartColors {
  achieved: string;
  missed: string;
  pending: string;
}

/** Consecutive slides of one kind where each after the first continues it: one section. */
function sections(slides: readonly SlideLayout[]): SlideLayout[][] {
  const out: SlideLayout[][] = [];
  for (const s of slides) {
    const last = out.at(-1);
    if (last && s.page > 1 && last[0]!.kind === s.kind) last.push(s);
    else out.push([s]);
  }
  return out;
}

/** The title slide as the page's header: the report's title, the h1, the rest as lines under it. */
export function headerHtml(title: SlideLayout | undefined, fallback: string): { h1: string; html: string } {
  const texts = (title?.boxes ?? []).filter((b): b is TextBox => b.type === 'text' && !FURNITURE.has(b.name));
  const heading = texts.find(isTitle);
  const subtitle = texts.find((b) => !isTitle(b));
  const h1 = subtitle ? boxText(subtitle) : fallback;
  const rest = texts.filter((b) => b !== heading && b !== subtitle).map((b) => `<p>${escapeHtml(boxText(b))}</p>`);
  return {
    h1,
    html: [
      heading ? `<p class="kicker">${escapeHtml(boxText(heading))}</p>` : '',
      `<h1>${escapeHtml(h1)}</h1>`,
      ...rest,
    ]
      .filter((s) => s !== '')
      .join('\n'),
  };
}

/** The slides after the title as sections (h2 each), the closing slide left out. */
export function bodyHtml(deck: DeckLayout, colors: ChartColors, idPrefix: string): string {
  const content = deck.slides.filter((s) => s.kind !== 'title' && s.kind !== 'closing');
  let n = 0;
  return sections(content)
    .map((group) => {
      const title = group[0]!.boxes.find(isTitle);
      const heading = title ? boxText(title) : '';
      const parts: string[] = [`<section>`, `<h2>${escapeHtml(heading)}</h2>`];
      const boxes = group.flatMap((s) => s.boxes.filter((b) => !(b.type === 'text' && b.title === true)));
      const tables = boxes.filter((b): b is TableBox => b.type === 'table');
      let tableDone = false;
      for (const box of boxes) {
        if (box.type === 'text' && !FURNITURE.has(box.name)) {
          // A footnote repeated under each part of a continued table: once on the page.
          const html = textHtml(box);
          if (!parts.includes(html)) parts.push(html);
        } else if (box.type === 'table' && !tableDone) {
          parts.push(tableHtml(tables, heading.replace(/:\s*$/, ''), `${idPrefix}-t${++n}`));
          tableDone = true;
        } else if (box.type === 'chart') parts.push(chartHtml(box, colors, `${idPrefix}-c${++n}`));
      }
      parts.push('</section>');
      return parts.filter((p) => p !== '').join('\n');
    })
    .join('\n');
}
