/**
 * The decks against the shared validator (`shared/tools/ooxml-check/run.sh`:
 * every XML part against the ECMA-376 Transitional schemas, then structural
 * checks), our stand-in for "PowerPoint opens it without repair". The
 * embedded workbooks of the native charts are checked against SpreadsheetML.
 * Skipped, saying why, where the validator or xmllint is not installed.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartParts, openPptx } from '../helpers/pptx.js';
import { build, REPO, SEED_CONTENT, SIXTEEN } from './build.js';

const run = promisify(execFile);

/** Beside the repository (../shared in the main checkout, ../../shared from a worktree), or ITOGI_OOXML_CHECK. */
const CHECKER = [
  process.env.ITOGI_OOXML_CHECK,
  resolve(REPO, '..', 'shared', 'tools', 'ooxml-check', 'run.sh'),
  resolve(REPO, '..', '..', 'shared', 'tools', 'ooxml-check', 'run.sh'),
].find((p): p is string => p !== undefined && existsSync(p));
const hasXmllint = (process.env.PATH ?? '').split(delimiter).some((d) => {
  try {
    accessSync(join(d, 'xmllint'), constants.X_OK);
    return true;
  } catch {
    return false;
  }
});
const skipReason =
  CHECKER === undefined
    ? 'shared/tools/ooxml-check/run.sh not found (set ITOGI_OOXML_CHECK)'
    : !hasXmllint
      ? 'xmllint is not installed (libxml2-utils)'
      : undefined;
if (skipReason) console.warn(`ooxml-check tests skipped: ${skipReason}`);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'itogi-ooxml-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function validate(pptx: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(CHECKER!, [pptx], {
      timeout: 120_000,
      maxBuffer: 16 << 20,
      env: { ...process.env, OOXML_WORK: join(dir, 'work') },
    });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe.skipIf(skipReason !== undefined)('ooxml-check (XSD + structure)', () => {
  it.each([
    ['the seed deck', SEED_CONTENT, 1],
    ['the 16-indicator deck (two charts)', SIXTEEN, 2],
  ])('passes for %s, native chart parts included', async (_name, file, charts) => {
    const deck = await build(file, dir);
    const path = join(dir, `${charts}-${deck.path.split('/').pop()}`);
    await writeFile(path, deck.buffer);
    const pkg = await openPptx(deck.buffer);
    expect(chartParts(pkg)).toHaveLength(charts); // the parts the validator is about to read
    const { code, out } = await validate(path);
    expect(out, out).toMatch(/0 ERROR, 0 WARN/);
    expect(out).not.toMatch(/^\s*(XSD|FATAL)\s/m);
    expect(code, out).toBe(0);
  });

  it('the embedded workbooks are valid SpreadsheetML', async () => {
    const schemas = join(dirname(CHECKER!), 'transitional', 'sml.xsd');
    const pkg = await openPptx((await build(SIXTEEN, dir)).buffer);
    for (const [n, chart] of chartParts(pkg).entries()) {
      const zip = await JSZip.loadAsync(chart.workbook!);
      const files: string[] = [];
      for (const name of ['xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/styles.xml']) {
        const file = join(dir, `wb${n}-${name.replace(/\//g, '_')}`);
        await writeFile(file, await zip.file(name)!.async('nodebuffer'));
        files.push(file);
      }
      const { stderr } = await run('xmllint', ['--noout', '--nonet', '--schema', schemas, ...files], {
        timeout: 60_000,
      });
      expect(
        stderr
          .trim()
          .split('\n')
          .filter((l) => !/ validates$/.test(l)),
      ).toEqual([]);
    }
  });
});
