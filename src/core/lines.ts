/** The lines every runner prints for what it wrote: spelled once, here. */
import { displayPath } from '../api.js';

const kb = (bytes: number) => `${Math.round(bytes / 1024)} КБ`;

/** «content/x.yaml → output/2023/x.pptx (слайдов: 8, 181 КБ)». */
export function deckLine(
  from: string,
  path: string,
  cwd: string,
  deck: { status: 'written' | 'unchanged'; slides: number; bytes: number; detail?: string },
): string {
  const unchanged = deck.status === 'unchanged' ? 'без изменений; ' : '';
  const detail = deck.detail ? `${deck.detail}, ` : '';
  return `${from} → ${displayPath(path, cwd)} (${unchanged}${detail}слайдов: ${deck.slides}, ${kb(deck.bytes)})`;
}

/** The PDF beside a deck: made, kept, or removed as stale. */
export function pdfLine(
  from: string,
  path: string,
  cwd: string,
  pdf: { status: 'written' | 'unchanged' | 'removed'; bytes: number },
): string {
  const what =
    pdf.status === 'unchanged'
      ? 'PDF прежний: презентация не менялась'
      : pdf.status === 'removed'
        ? 'PDF удалён: в нём были прежние данные; новый делается с --pdf'
        : `PDF, ${kb(pdf.bytes)}`;
  return `${from} → ${displayPath(path, cwd)} (${what})`;
}
