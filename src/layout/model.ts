/**
 * The laid-out deck as plain data: slides of positioned boxes, sizes in
 * points (1/72 in). Built and tested without pptxgenjs; the renderer only
 * translates it.
 */
import type { SlideKind } from '../template/schema.js';

type Align = 'left' | 'center' | 'right';

export type ExecutionStatus = 'achieved' | 'missed' | 'pending';

/** One bar of the execution chart, as both renderers draw it. */
export interface ExecutionBar {
  /** The indicator number, e.g. '45' (drawn as '№ 45'); a label not starting with a digit is drawn as is. */
  label: string;
  /**
   * Execution percent; null when there is none: pending (an empty grey slot)
   * or a zero divisor (see `zeroDivisor`: a slot in the colour of `status`).
   */
  value: number | null;
  /** Pre-formatted ru-RU label, e.g. '111,7 %', 'н/д' or '—'. */
  display: string;
  /** Decided by the spec rule even without a percentage: plan 0 with fact ≥ 0 is 'achieved'. */
  status: ExecutionStatus;
  /**
   * Set when no percentage exists because its divisor is 0: the plan
   * (`better: higher`) or the fact (`better: lower`). The bar still shows
   * its status (colour, legend entry), labelled '—' as in the table.
   */
  zeroDivisor?: 'plan' | 'fact';
  /** The indicator's plan and fact (null: pending), for the chart's workbook; a summary bar has none. */
  figures?: { plan: number; fact: number | null };
}

/** Position and size on the slide, in points. */
interface Frame {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Paragraph {
  text: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  /** A bullet character before the paragraph, hanging at `indentPt`. */
  bullet?: boolean;
  indentPt?: number;
  spaceBeforePt?: number;
  /** Lines as measured; the renderer does not use them (the client wraps), tests do. */
  lines: string[];
}

export interface TextBox extends Frame {
  type: 'text';
  sizePt: number;
  color: string;
  align: Align;
  valign: 'top' | 'middle' | 'bottom';
  lineSpacing: number;
  paragraphs: Paragraph[];
  /**
   * The slide's title: it goes into the layout's title placeholder, first in
   * reading order, and becomes the heading of the tagged PDF and the page.
   */
  title?: true;
}

/** Decoration only (bars, rules, card backgrounds): marked decorative, never read out. */
interface RectBox extends Frame {
  type: 'rect';
  fill: string;
}

export interface TableCell {
  text: string;
  lines: string[];
  bold?: boolean;
  align: Align;
  color: string;
  fill?: string;
  /** Right inset beyond the table's padding, so decimal commas line up in a right-aligned column (decimals.ts). */
  padRightPt?: number;
}

export interface TableBox {
  type: 'table';
  name: string;
  x: number;
  y: number;
  w: number;
  columns: number[];
  rowHeights: number[];
  sizePt: number;
  lineSpacing: number;
  paddingPt: { h: number; v: number };
  borderColor: string;
  rows: TableCell[][];
}

export interface ChartBox extends Frame {
  type: 'chart';
  alt: string;
  bars: ExecutionBar[];
  /** The value axis: one per deck, so every chart slide of a direction has the 100 % line in one place. */
  axis: { max: number; step: number };
  /** Texts drawn in the picture, filled from the template's labels. */
  labels: { axis: string; reference: string; legend: { achieved: string; missed: string; pending: string } };
}

export interface ImageBox extends Frame {
  type: 'image';
  alt: string;
  imageKey: 'logo';
}

export type Box = TextBox | RectBox | TableBox | ChartBox | ImageBox;

export interface SlideLayout {
  kind: SlideKind;
  /** 1-based page within its kind when the kind continues on further slides. */
  page: number;
  pages: number;
  background: string;
  boxes: Box[];
  /** Speaker notes, plain text; '\n' separates paragraphs. */
  notes?: string;
}

export interface DeckLayout {
  widthPt: number;
  heightPt: number;
  fontFace: string;
  title: string;
  slides: SlideLayout[];
}

export const boxHeight = (b: Box): number => (b.type === 'table' ? b.rowHeights.reduce((s, h) => s + h, 0) : b.h);
