/**
 * The one place that knows which font the deck uses and where its files are.
 *
 * The deck names the font **Arial** (present on every Windows PC where the
 * decks are opened). We cannot ship Arial, so everything we measure or draw
 * ourselves uses **Arimo**, which is metric-compatible with Arial (and with
 * Liberation Sans, which LibreOffice substitutes for Arial): same advance
 * widths glyph for glyph, same hhea ascender/descender (1854/-434 of 2048).
 *
 * Files come from `@expo-google-fonts/arimo` (full TTFs with Cyrillic).
 * Paths are resolved through the module resolver, never relative to cwd.
 */
import { createRequire } from 'node:module';
import type * as fontkit from 'fontkit';

/** Font face written into the deck's text runs. */
export const DECK_FONT_FACE = 'Arial';

export type FontWeight = 'regular' | 'bold';

const FONT_MODULES: Record<FontWeight, string> = {
  regular: '@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf',
  bold: '@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf',
};

const require = createRequire(import.meta.url);
const pathCache = new Map<FontWeight, string>();
const fontCache = new Map<FontWeight, fontkit.Font>();

/** Absolute path of the Arimo TTF for a weight. */
export function fontPath(weight: FontWeight): string {
  let p = pathCache.get(weight);
  if (p === undefined) {
    // The package has no "exports" map, so deep requests resolve directly.
    p = require.resolve(FONT_MODULES[weight]);
    pathCache.set(weight, p);
  }
  return p;
}

/**
 * The fontkit Font for a weight, opened once per process. Text measurement reads the
 * compiled table (fontMetrics.ts) and comes here only for code points outside it, so
 * fontkit itself is required (synchronously) on first use, not at start-up.
 */
export function loadFont(weight: FontWeight): fontkit.Font {
  let font = fontCache.get(weight);
  if (font === undefined) {
    const { openSync } = require('fontkit') as typeof fontkit;
    const opened = openSync(fontPath(weight));
    if (!('unitsPerEm' in opened)) {
      throw new Error(`${fontPath(weight)} is a font collection, expected a single font`);
    }
    font = opened;
    fontCache.set(weight, font);
  }
  return font;
}
