/**
 * A PDF beside a deck shows the deck's figures only while the deck is the one
 * it was made from. When a deck is rewritten and no new PDF is made, the old
 * PDF goes: every runner (build, watch) calls this after writing a deck.
 */
import { rm, stat } from 'node:fs/promises';

export const pdfPathOf = (deckPath: string) => deckPath.replace(/\.pptx$/i, '.pdf');

/**
 * Removes the PDF beside `deckPath` when it is older than the deck, or the
 * deck was just rewritten. 'removed', undefined when there was nothing to do,
 * or the system's code when it could not be removed (a StalePdfNotRemoved diagnostic).
 */
export async function removeStalePdf(
  deckPath: string,
  rewritten: boolean,
): Promise<{ removed: true } | { failed: { code: string | undefined } } | undefined> {
  const pdf = pdfPathOf(deckPath);
  const [existing, deck] = await Promise.all([stat(pdf).catch(() => undefined), stat(deckPath).catch(() => undefined)]);
  if (!existing?.isFile()) return undefined;
  if (!rewritten && !(deck && existing.mtimeMs < deck.mtimeMs)) return undefined;
  try {
    await rm(pdf, { force: true });
    return { removed: true };
  } catch (e) {
    return { failed: { code: (e as NodeJS.ErrnoException).code } };
  }
}
