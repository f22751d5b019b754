/**
 * PDFs for the preview's download links: one LibreOffice at a time, whoever
 * asks, and the last few kept by the deck's hash.
 */
import { createHash } from 'node:crypto';
import type { DeckFile } from '../api.js';
import { convertToPdf } from '../output/pdf.js';

/** PDFs kept per server, newest first. */
const PDF_CACHE_SIZE = 8;

export function pdfQueue(soffice: string): (deck: DeckFile) => Promise<Buffer> {
  const cache = new Map<string, Promise<Buffer>>();
  /** The conversion before the next one: PDFs are made one after another. */
  let turn: Promise<unknown> = Promise.resolve();
  return (deck) => {
    const hash = createHash('sha256').update(deck.buffer).digest('hex');
    let pending = cache.get(hash);
    if (!pending) {
      // One LibreOffice at a time, whoever asks: requests for many decks queue up rather than start a converter each.
      pending = turn.then(() => convertToPdf(deck.buffer, { soffice }));
      turn = pending.catch(() => undefined);
      cache.set(hash, pending);
      pending.catch(() => cache.delete(hash));
      while (cache.size > PDF_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    return pending;
  };
}
