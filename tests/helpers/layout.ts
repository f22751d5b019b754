/**
 * The layout invariants every deck keeps, direction or summary: every box on
 * its slide, measured text inside its box, sizes at or above the floors, no
 * two text / table / chart boxes overlapping.
 */
import { expect } from 'vitest';
import { lineHeightPt } from '../../src/layout/measure.js';
import { boxHeight, type DeckLayout, type TextBox } from '../../src/layout/model.js';

function textHeight(box: TextBox): number {
  return box.paragraphs.reduce(
    (sum, p) =>
      sum +
      p.lines.length * lineHeightPt({ sizePt: box.sizePt, bold: p.bold ?? false }, box.lineSpacing) +
      (p.spaceBeforePt ?? 0),
    0,
  );
}

export function invariants(deck: DeckLayout) {
  deck.slides.forEach((slide, n) => {
    for (const box of slide.boxes) {
      const where = `slide ${n + 1} (${slide.kind}) «${box.name}»`;
      expect(box.x, where).toBeGreaterThanOrEqual(0);
      expect(box.y, where).toBeGreaterThanOrEqual(0);
      expect(box.x + box.w, where).toBeLessThanOrEqual(deck.widthPt + 1e-6);
      expect(box.y + boxHeight(box), where).toBeLessThanOrEqual(deck.heightPt + 1e-6);
      if (box.type === 'text') {
        expect(textHeight(box), where).toBeLessThanOrEqual(box.h + 0.5);
        expect(box.sizePt, where).toBeGreaterThanOrEqual(12);
      }
      if (box.type === 'table') {
        expect(box.sizePt, where).toBeGreaterThanOrEqual(10);
        expect(box.rowHeights.length).toBe(box.rows.length);
      }
    }
    // Text, tables and charts never overlap one another.
    const solid = slide.boxes.filter((b) => b.type !== 'rect');
    for (let i = 0; i < solid.length; i++)
      for (let j = i + 1; j < solid.length; j++) {
        const a = solid[i]!;
        const b = solid[j]!;
        const apart =
          a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + boxHeight(a) <= b.y + 1e-6 || b.y + boxHeight(b) <= a.y + 1e-6;
        expect(apart, `slide ${n + 1}: «${a.name}» overlaps «${b.name}»`).toBe(true);
      }
  });
}
