/**
 * Text measurement with the metrics the deck is rendered with.
 *
 * pptxgenjs `fit: 'shrink'` only sets a flag that PowerPoint applies when
 * someone edits the text, so the layout has to choose font sizes and line
 * breaks itself. Widths come from Arimo, which has Arial's advance widths
 * glyph for glyph (see ../fonts.ts): from the table compiled out of it
 * (../fontMetrics.ts, no font parsed at start-up) for the code points deck text
 * is written in, and from fontkit's layout of the font itself for a text with
 * any other code point (marks, emoji, CJK…), which the table matches exactly.
 *
 * Model (what PowerPoint and LibreOffice do for Latin and Cyrillic text):
 * - Width: sum of glyph advances, no kerning (PowerPoint kerns only when a run
 *   asks for it with `kern`, which we never write).
 * - Line breaks: greedy. A break is allowed after a run of breaking spaces
 *   (U+0020, U+2000–U+2006, U+2008–U+200B, U+205F, U+3000; tab is treated as
 *   a space). Spaces at a break hang past the margin and are not counted.
 *   U+00A0, U+202F, U+2007, U+2060 and U+2011 never break ('5 176' from
 *   Intl.NumberFormat('ru-RU') stays whole).
 *   A break is also allowed after a hyphen '-' / U+2010 inside a word when a
 *   letter follows ('нормативно-|правовому'), but not before a digit
 *   ('2019-2023', '-5' stay whole: Unicode UAX #14 rule LB25, which
 *   LibreOffice follows through ICU), and after an en dash U+2013 or em dash
 *   U+2014 inside a word ('2019–|2023'). PowerPoint breaks after a hyphen like
 *   Word does. We deliberately do NOT break after '/', which ICU allows but
 *   Word/PowerPoint behaviour is less certain; fewer break opportunities can
 *   only give the same or more lines than the real client (greedy is optimal
 *   for a fixed set of break points), so our estimates err on the safe side.
 * - A word wider than the whole line goes to a line of its own and is broken
 *   between characters (grapheme clusters), as PowerPoint does.
 * - '\n' (also '\r\n', '\r') starts a new line (a new paragraph).
 * - Line height: see lineHeightPt.
 */
import { ARIMO_METRICS, type FontMetrics } from '../fontMetrics.js';
import { loadFont, type FontWeight } from '../fonts.js';

export interface FontSpec {
  sizePt: number;
  bold?: boolean;
}

/**
 * Single line spacing in PowerPoint is 1.2 × font size, whatever the font's
 * metrics say; the metrics only decide where the baseline sits inside that
 * line (at the usWinAscent share). Measured on native PowerPoint exports
 * (developer0hye/office2pdf #513, #525, #1071, #1115: Arial 9–54 pt,
 * 1.19–1.20 em per line, and a spcPct percentage scales that 1.2 em).
 */
export const POWERPOINT_SINGLE_LINE_EM = 1.2;

const EPS = 1e-9;

// ---------------------------------------------------------------- widths

const weightOf = (font: FontSpec): FontWeight => (font.bold ? 'bold' : 'regular');

/** Advance widths by UTF-16 code unit (-1: not in the table), per weight. */
function advanceTable(metrics: FontMetrics): Int32Array {
  let size = 0;
  for (const [first, widths] of metrics.runs) size = Math.max(size, first + widths.length);
  const table = new Int32Array(size).fill(-1);
  for (const [first, widths] of metrics.runs) table.set(widths, first);
  return table;
}
const advances: Record<FontWeight, Int32Array> = {
  regular: advanceTable(ARIMO_METRICS.regular),
  bold: advanceTable(ARIMO_METRICS.bold),
};

/** Advance widths in font units, per weight and string. Size-independent. */
const unitCache: Record<FontWeight, Map<string, number>> = {
  regular: new Map(),
  bold: new Map(),
};
/** Bound the caches in a long-running process (clearing keeps results identical). */
const UNIT_CACHE_LIMIT = 50_000;

/** Sum of the table's advances; undefined when a code unit is not in it (surrogates never are). */
function tableUnits(text: string, weight: FontWeight): number | undefined {
  const table = advances[weight];
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const width = table[text.charCodeAt(i)] ?? -1;
    if (width < 0) return undefined;
    units += width;
  }
  return units;
}

function advanceUnits(text: string, weight: FontWeight): number {
  if (text === '') return 0;
  const cache = unitCache[weight];
  let units = cache.get(text);
  if (units === undefined) {
    // A fresh feature object each call: fontkit fills it with its defaults in place.
    units = tableUnits(text, weight) ?? loadFont(weight).layout(text, { kern: false }).advanceWidth;
    if (cache.size >= UNIT_CACHE_LIMIT) cache.clear();
    cache.set(text, units);
  }
  return units;
}

function unitsPerEm(weight: FontWeight): number {
  return ARIMO_METRICS[weight].unitsPerEm;
}

function normalize(text: string): string {
  // Searching first: most texts have neither, and a long text is normalized at every size tried.
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return lf.includes('\t') ? lf.replace(/\t/g, ' ') : lf;
}

/**
 * Width in points of a single line of text: sum of glyph advances, no kerning.
 * If the text contains line breaks, the width of its widest line.
 */
export function textWidthPt(text: string, font: FontSpec): number {
  const weight = weightOf(font);
  const scale = font.sizePt / unitsPerEm(weight);
  let widest = 0;
  for (const line of normalize(text).split('\n')) {
    widest = Math.max(widest, advanceUnits(line, weight));
  }
  return widest * scale;
}

// ---------------------------------------------------------------- breaking

const LETTER = /\p{L}/u;

/**
 * The breaking spaces: U+0020, U+2000–U+2006, U+2008–U+200B, U+205F, U+3000 (not U+2007
 * figure space, not U+00A0); all one UTF-16 code unit. The one list of them: splitting and
 * trimming both ask it. By code, not by a regular expression on a one-character string:
 * splitUnits asks it of every character.
 */
function isBreakingSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x2000 && code <= 0x200b && code !== 0x2007) || code === 0x205f || code === 0x3000;
}
/** '-' and U+2010: a break after them only before a letter. */
const isHyphen = (code: number) => code === 0x2d || code === 0x2010;
/** En and em dash: a break after them before anything but a breaking space. */
const isDash = (code: number) => code === 0x2013 || code === 0x2014;

/** A piece of a paragraph after which a line may break. */
interface Unit {
  word: string; // never contains a breaking space
  space: string; // the breaking spaces that follow it ('' after a hyphen break)
}

/** Splits at the break opportunities (header comment), in one pass over the code points. */
function splitUnits(paragraph: string): Unit[] {
  const units: Unit[] = [];
  let wordStart = 0;
  let i = 0;
  while (i < paragraph.length) {
    const code = paragraph.codePointAt(i)!;
    if (isBreakingSpace(code)) {
      const word = paragraph.slice(wordStart, i);
      const spaceStart = i;
      while (i < paragraph.length && isBreakingSpace(paragraph.charCodeAt(i))) i++;
      units.push({ word, space: paragraph.slice(spaceStart, i) });
      wordStart = i;
      continue;
    }
    const atWordStart = i === wordStart;
    i += code > 0xffff ? 2 : 1;
    if (i >= paragraph.length || atWordStart || !(isHyphen(code) || isDash(code))) continue;
    const next = paragraph.codePointAt(i)!;
    if (!isBreakingSpace(next) && (isDash(code) || LETTER.test(String.fromCodePoint(next)))) {
      units.push({ word: paragraph.slice(wordStart, i), space: '' });
      wordStart = i;
    }
  }
  if (wordStart < paragraph.length) units.push({ word: paragraph.slice(wordStart), space: '' });
  return units;
}

/** Made on first use: creating it loads ICU's break rules, 16–22 ms of a cold start, and most texts never need it. */
let graphemeSegmenter: Intl.Segmenter | undefined;
/**
 * Outside these ranges (Latin, Greek, Cyrillic, punctuation, symbols, without their
 * combining marks, ZWNJ and ZWJ) a code unit may join its neighbours into one grapheme
 * cluster (marks, joiners, surrogate pairs, Hangul, regional indicators, Indic scripts).
 * A text with none of them is one cluster per code unit (CR never reaches here).
 */
const CLUSTER_FORMING =
  /[^\u0020-\u007e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u2000-\u200b\u200e-\u20cf\u2100-\u22ff]/u;
/** Code units segmented at a time: V8's segmenter slows down more than linearly on one long string. */
const GRAPHEME_WINDOW = 1024;

/**
 * The grapheme clusters of a text, in linear time: segmented a window at a time.
 * A window's last cluster may go on past it, so the next window starts where that
 * cluster starts (a cluster boundary, after which segmentation does not depend on
 * what came before); a window that is one cluster only is widened.
 */
function graphemes(text: string): string[] {
  if (!CLUSTER_FORMING.test(text)) return text.split('');
  const out: string[] = [];
  let start = 0;
  let window = GRAPHEME_WINDOW;
  while (start < text.length) {
    const end = Math.min(text.length, start + window);
    graphemeSegmenter ??= new Intl.Segmenter('ru', { granularity: 'grapheme' });
    const segments = Array.from(graphemeSegmenter.segment(text.slice(start, end)));
    const last = segments[segments.length - 1]!;
    if (end === text.length) {
      for (const s of segments) out.push(s.segment);
      break;
    }
    if (segments.length === 1) {
      window *= 2;
      continue;
    }
    for (let i = 0; i < segments.length - 1; i++) out.push(segments[i]!.segment);
    start += last.index;
    window = GRAPHEME_WINDOW;
  }
  return out;
}

function trimBreakingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && isBreakingSpace(line.charCodeAt(end - 1))) end--;
  return line.slice(0, end);
}

/** Greedy wrap of one paragraph (no '\n') at a width in font units. */
function wrapParagraph(paragraph: string, maxUnits: number, weight: FontWeight, out: string[]): void {
  let cur = '';
  let curUnits = 0;
  let curHasWord = false;
  const limit = maxUnits * (1 + EPS);

  for (const unit of splitUnits(paragraph)) {
    const wordUnits = advanceUnits(unit.word, weight);
    if (curHasWord && curUnits + wordUnits > limit) {
      out.push(trimBreakingSpaces(cur));
      cur = '';
      curUnits = 0;
      curHasWord = false;
    }
    if (curUnits + wordUnits > limit) {
      // Too wide even for a line of its own: break between characters.
      let chunkHasContent = curHasWord;
      for (const g of graphemes(unit.word)) {
        const gUnits = advanceUnits(g, weight);
        if (chunkHasContent && curUnits + gUnits > limit) {
          out.push(trimBreakingSpaces(cur));
          cur = '';
          curUnits = 0;
        }
        cur += g;
        curUnits += gUnits;
        chunkHasContent = true;
      }
    } else {
      cur += unit.word;
      curUnits += wordUnits;
    }
    if (unit.word !== '') curHasWord = true;
    cur += unit.space;
    curUnits += advanceUnits(unit.space, weight);
  }
  out.push(trimBreakingSpaces(cur));
}

/**
 * Greedy word wrap as PowerPoint does it (rules in the header comment).
 * Returned lines carry no trailing breaking spaces. An empty string gives
 * []; any other text gives at least one line ('\n' alone gives ['', '']).
 * A line is wider than widthPt only when it holds a single character that is
 * itself wider than widthPt.
 */
export function wrapText(text: string, widthPt: number, font: FontSpec): string[] {
  if (text === '') return [];
  if (!(widthPt > 0) || !(font.sizePt > 0)) {
    throw new RangeError(`wrapText: widthPt and sizePt must be positive (got ${widthPt}, ${font.sizePt})`);
  }
  const weight = weightOf(font);
  const maxUnits = (widthPt / font.sizePt) * unitsPerEm(weight);
  const lines: string[] = [];
  for (const paragraph of normalize(text).split('\n')) {
    wrapParagraph(paragraph, maxUnits, weight, lines);
  }
  return lines;
}

// ---------------------------------------------------------------- heights

/** Line height as a multiple of the font size, for the given weight. */
function lineHeightEm(bold = false): number {
  const font = ARIMO_METRICS[bold ? 'bold' : 'regular'];
  // hhea, what LibreOffice uses for Arial / Liberation Sans (no USE_TYPO_METRICS
  // flag there): (1854 + 434 + 67) / 2048 = 1.150; without the line gap 1.117.
  const metricsEm = (font.hhea.ascent - font.hhea.descent + font.hhea.lineGap) / font.unitsPerEm;
  // PowerPoint's 1.2 em is the larger of the two: fitting to it keeps text
  // inside the box in both clients.
  return Math.max(POWERPOINT_SINGLE_LINE_EM, metricsEm);
}

/**
 * Height of one single-spaced line in points: 1.2 × size (PowerPoint's single
 * spacing; LibreOffice's 1.117–1.15 × size is smaller), times `spacing`
 * (pptxgenjs `lineSpacingMultiple`, which PowerPoint applies to the 1.2 em).
 */
export function lineHeightPt(font: FontSpec, spacing = 1): number {
  return font.sizePt * spacing * lineHeightEm(font.bold ?? false);
}

/** Height of the wrapped text: lines × line height (0 for ''). */
export function textHeightPt(text: string, widthPt: number, font: FontSpec, spacing = 1): number {
  return wrapText(text, widthPt, font).length * lineHeightPt(font, spacing);
}

// ---------------------------------------------------------------- fitting

export interface FitOptions {
  maxPt: number;
  minPt: number;
  bold?: boolean;
  spacing?: number;
  /** Size step, default 0.5 pt. Sizes tried: maxPt, maxPt − step, …, and minPt itself. */
  stepPt?: number;
}

function fits(lines: string[], box: { widthPt: number; heightPt: number }, font: FontSpec, spacing: number): boolean {
  if (lines.length * lineHeightPt(font, spacing) > box.heightPt * (1 + EPS)) return false;
  // Only a single over-wide character can overflow; check anyway.
  return lines.every((line) => textWidthPt(line, font) <= box.widthPt * (1 + EPS));
}

/**
 * The largest size (maxPt down to minPt in steps of stepPt) at which the
 * wrapped text fits the box, with its lines; null if not even minPt fits.
 * Sizes are tried from the top down, so the answer is the largest fitting
 * size even where fitting is not monotonic in size.
 */
export function fitFontSize(
  text: string,
  box: { widthPt: number; heightPt: number },
  opts: FitOptions,
): { sizePt: number; lines: string[] } | null {
  const step = opts.stepPt ?? 0.5;
  const spacing = opts.spacing ?? 1;
  if (!(step > 0) || !(opts.minPt > 0) || !(opts.maxPt >= opts.minPt)) {
    throw new RangeError(
      `fitFontSize: need stepPt > 0 and 0 < minPt <= maxPt (got ${step}, ${opts.minPt}, ${opts.maxPt})`,
    );
  }
  const candidates: number[] = [];
  for (let i = 0; ; i++) {
    // Round to 1/1000 pt so repeated subtraction does not drift.
    const size = Math.round((opts.maxPt - i * step) * 1000) / 1000;
    if (size < opts.minPt - EPS) break;
    candidates.push(size);
  }
  if (candidates[candidates.length - 1] !== opts.minPt) candidates.push(opts.minPt);

  for (const sizePt of candidates) {
    const font: FontSpec = { sizePt, bold: opts.bold ?? false };
    const lines = wrapText(text, box.widthPt, font);
    if (fits(lines, box, font, spacing)) return { sizePt, lines };
  }
  return null;
}
