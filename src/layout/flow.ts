/**
 * Flowing text onto slides: measure paragraphs at a font size, pack them
 * into pages, choose the size. Pure; sizes in points.
 */
import { largestFitting } from './fit.js';
import { lineHeightPt, wrapText } from './measure.js';
import type { Paragraph } from './model.js';
import { typeset } from './typeset.js';

/** Our wrap must never be wider than the client's: measure a little narrower than the box. */
export const WIDTH_SLACK = 0.96;

export interface FlowItem {
  text: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  bullet?: boolean;
  /** Space before, as a multiple of the font size (not applied at the top of a page). */
  spaceBeforeEm?: number;
  /** A heading-like item that must not end a page alone. */
  keepWithNext?: boolean;
  /** Put at the top of a page this item starts (or goes on) without its heading: the heading «(продолжение)». */
  repeat?: FlowItem;
}

export interface FlowSettings {
  widthPt: number;
  heightPt: number;
  lineSpacing: number;
}

/** The hanging indent of a bulleted item, in ems of its font size (rounded to 0.1 pt). */
const BULLET_INDENT_EM = 1.1;
const bulletIndentPt = (sizePt: number) => Math.round(sizePt * BULLET_INDENT_EM * 10) / 10;

/** Rounding slack when adding paragraph heights against a page's height, in points. */
const HEIGHT_EPS_PT = 1e-6;

interface Measured {
  item: FlowItem;
  /** The item's text typeset (typeset.ts): the one measured and drawn. */
  text: string;
  lines: string[];
  lineH: number;
  spaceBefore: number;
}

function measure(item: FlowItem, sizePt: number, s: FlowSettings): Measured {
  const indent = item.bullet ? bulletIndentPt(sizePt) : 0;
  const font = { sizePt, bold: item.bold ?? false };
  const text = typeset(item.text);
  return {
    item,
    text,
    lines: wrapText(text, (s.widthPt - indent) * WIDTH_SLACK, font),
    lineH: lineHeightPt(font, s.lineSpacing),
    spaceBefore: (item.spaceBeforeEm ?? 0) * sizePt,
  };
}

/**
 * The part of `text` that `lines` [from, to) cover, as written: a line that
 * broke after a hyphen or inside a long word must not gain a space.
 */
export function textOfLines(text: string, lines: string[], from: number, to: number): string {
  if (from === 0 && to === lines.length) return text;
  const flat = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  let pos = 0;
  let start = 0;
  for (let i = 0; i < to; i++) {
    while (pos < flat.length && /\s/.test(flat[pos]!) && !flat.startsWith(lines[i]!, pos)) pos++;
    if (!flat.startsWith(lines[i]!, pos)) return lines.slice(from, to).join(' ');
    if (i === from) start = pos;
    pos += lines[i]!.length;
  }
  return flat.slice(start, pos);
}

function toParagraph(
  m: Measured,
  lines: string[],
  sizePt: number,
  first: boolean,
  continuation: boolean,
  from = 0,
): Paragraph {
  return {
    text: textOfLines(m.text, m.lines, from, from + lines.length),
    lines,
    ...(m.item.bold ? { bold: true } : {}),
    ...(m.item.italic ? { italic: true } : {}),
    ...(m.item.color ? { color: m.item.color } : {}),
    ...(m.item.bullet ? { bullet: !continuation, indentPt: bulletIndentPt(sizePt) } : {}),
    ...(!first && m.spaceBefore > 0 ? { spaceBeforePt: m.spaceBefore } : {}),
  };
}

/** Paragraph height as the clients place it. */
const paragraphHeight = (lines: number, lineH: number, spaceBefore: number) => lines * lineH + spaceBefore;

/**
 * Greedy pagination. Items go whole onto a page when they fit; an item taller
 * than a page is split between lines; a keep-with-next item moves to the next
 * page rather than end one.
 */
export function paginate(items: FlowItem[], sizePt: number, s: FlowSettings): Paragraph[][] {
  const measured = items.map((i) => measure(i, sizePt, s));
  const pages: Paragraph[][] = [];
  let page: Paragraph[] = [];
  let used = 0;
  const newPage = () => {
    if (page.length > 0) pages.push(page);
    page = [];
    used = 0;
  };
  const repeats = new Map<FlowItem, Measured>();
  /** A page begun inside a group: its heading again, «(продолжение)», first. */
  const repeatHeading = (m: Measured) => {
    const heading = m.item.repeat;
    if (heading === undefined || page.length > 0) return;
    let r = repeats.get(heading);
    if (r === undefined) {
      r = measure(heading, sizePt, s);
      repeats.set(heading, r);
    }
    page.push(toParagraph(r, r.lines, sizePt, true, false));
    used += paragraphHeight(r.lines.length, r.lineH, 0);
  };
  /**
   * The height a run of keep-with-next items from idx takes with the first
   * line of the item after them: a heading and its label move together.
   */
  const keptRun = (idx: number, first: boolean) => {
    let h = 0;
    let k = idx;
    for (; k < measured.length && measured[k]!.item.keepWithNext; k++) {
      const km = measured[k]!;
      h += paragraphHeight(km.lines.length, km.lineH, first && k === idx ? 0 : km.spaceBefore);
    }
    const next = measured[k];
    return h + (next ? next.lineH + next.spaceBefore : 0);
  };
  measured.forEach((m, idx) => {
    const gap = () => (page.length > 0 ? m.spaceBefore : 0);
    let height = paragraphHeight(m.lines.length, m.lineH, gap());
    if (used + height > s.heightPt + HEIGHT_EPS_PT && page.length > 0) {
      newPage();
      repeatHeading(m);
      height = paragraphHeight(m.lines.length, m.lineH, gap());
    } else if (m.item.keepWithNext && page.length > 0 && used + keptRun(idx, false) > s.heightPt + HEIGHT_EPS_PT) {
      newPage();
      repeatHeading(m);
      height = paragraphHeight(m.lines.length, m.lineH, gap());
    }
    if (used + height <= s.heightPt + HEIGHT_EPS_PT) {
      page.push(toParagraph(m, m.lines, sizePt, page.length === 0, false));
      used += height;
      return;
    }
    // Taller than a whole page: split between lines.
    let rest = m.lines;
    let continuation = false;
    let from = 0;
    while (rest.length > 0) {
      const room = Math.max(1, Math.floor((s.heightPt - used - gap() + HEIGHT_EPS_PT) / m.lineH));
      const chunk = rest.slice(0, room);
      page.push(toParagraph(m, chunk, sizePt, page.length === 0, continuation, from));
      from += chunk.length;
      used += paragraphHeight(chunk.length, m.lineH, page.length > 1 ? m.spaceBefore : 0);
      rest = rest.slice(room);
      continuation = true;
      if (rest.length > 0) {
        newPage();
        repeatHeading(m);
      }
    }
  });
  newPage();
  return pages;
}

export interface FlowChoice {
  sizePt: number;
  pages: Paragraph[][];
}

/**
 * The largest size, down to `comfortablePt`, that fits on one slide; failing
 * that, the fewest slides at a size no smaller than `comfortablePt` (the
 * largest such size). A slide audience reads 16 pt on two slides better than
 * 13 pt crammed onto one. `minPt` is the hard floor should a template set a
 * comfortable size below it.
 */
export function chooseFlow(
  items: FlowItem[],
  s: FlowSettings,
  opts: { maxPt: number; minPt: number; comfortablePt: number },
): FlowChoice {
  const floor = Math.min(opts.maxPt, Math.max(opts.minPt, opts.comfortablePt));
  const { fit, trials } = largestFitting(
    { maxPt: opts.maxPt, minPt: floor },
    (size) => paginate(items, size, s),
    (pages) => pages.length <= 1,
  );
  // None fits one slide: the fewest slides, the largest size among equals.
  const best = fit ?? trials.reduce((a, b) => (b.result.length < a.result.length ? b : a));
  return { sizePt: best.sizePt, pages: best.result };
}
