/** The content-stream edits of the PDF/UA post-step, on streams as LibreOffice 7.4 writes them. */
import { describe, expect, it } from 'vitest';
import { parseOperations } from '../../src/output/contentStream.js';
import { markArtifacts } from '../../src/output/pdfua.js';

const STREAM = [
  '0.1 w',
  '/Artifact BMC',
  'q 0 0 10 10 re W* n',
  'EMC',
  '0 540 m 960 540 l 960 0 l h f*',
  '/P<</MCID 0>>BDC',
  'BT 10 10 Td /F1 12 Tf[<1A>26<02>(a\\) EMC (b))]TJ ET',
  'EMC',
  '/Figure<</MCID 1>>BDC',
  '0.1 0.2 0.3 rg 1 1 m 2 2 l h f*',
  'EMC',
  'Q',
].join('\n');

describe('parseOperations', () => {
  it('reads operators with their operands, strings and arrays included', () => {
    const ops = parseOperations(STREAM);
    expect(ops.map((o) => o.op)).toContain('TJ');
    const tj = ops.find((o) => o.op === 'TJ')!;
    expect(tj.operands).toBe('[<1A>26<02>(a\\) EMC (b))]');
    expect(ops.filter((o) => o.op === 'EMC')).toHaveLength(3);
    expect(ops.find((o) => o.op === 'BDC')!.operands).toBe('/P<</MCID 0>>');
  });

  it('skips inline image data', () => {
    const ops = parseOperations('BI /W 1 /H 1 ID \x00EMC\xff EI Q');
    expect(ops.map((o) => o.op)).toEqual(['BI', 'ID', 'Q']);
  });
});

describe('markArtifacts', () => {
  it('wraps drawing outside marked content and retags the named Figures', () => {
    const out = markArtifacts(STREAM, new Set([1]));
    expect(out).toContain('/Artifact BMC\n0 540 m 960 540 l 960 0 l h f*\nEMC');
    expect(out).toContain('/Artifact BMC\n0.1 0.2 0.3 rg 1 1 m 2 2 l h f*');
    expect(out).not.toContain('/Figure');
    // Text inside a string is not an operator; the paragraph stays tagged.
    expect(out).toContain('/P<</MCID 0>>BDC\nBT 10 10 Td');
    const ops = parseOperations(out);
    let depth = 0;
    for (const o of ops) {
      if (o.op === 'BMC' || o.op === 'BDC') depth++;
      else if (o.op === 'EMC') depth--;
      else if (['f*', 'TJ'].includes(o.op)) expect(depth).toBeGreaterThan(0);
    }
    expect(depth).toBe(0);
  });

  it('leaves a stream with everything marked as it was', () => {
    const marked = '/P<</MCID 0>>BDC\n1 1 m 2 2 l S\nEMC';
    expect(markArtifacts(marked, new Set())).toBe(marked);
  });
});
