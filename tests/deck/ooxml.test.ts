/**
 * Every deck the tests build against the shared validator
 * (`shared/tools/ooxml-check/run.sh`: every XML part against the ECMA-376
 * Transitional schemas, then the structural checks an XSD cannot express),
 * our stand-in for "PowerPoint opens it without repair": the seed, the
 * 16-indicator fixture, a far too long direction, the city summary, the
 * picture-chart variant and the seed in every template under templates/.
 * The embedded workbooks of the native charts are checked against
 * SpreadsheetML. Skipped, saying why, where the validator, xmllint or
 * python3's lxml / PIL are missing (CONTRIBUTING.md: "Skipped tests").
 */
import { execFile, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeck, buildSummary, checkFile, type DeckFile, summarizeYear } from '../../src/api.js';
import { writeLongDirection } from '../helpers/longDirection.js';
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
/** The checker runs /usr/bin/python3 and imports lxml and PIL. */
const hasPythonModules = spawnSync('/usr/bin/python3', ['-c', 'import lxml, PIL']).status === 0;
const skipReason =
  CHECKER === undefined
    ? 'shared/tools/ooxml-check/run.sh not found beside the repository (set ITOGI_OOXML_CHECK)'
    : !hasXmllint
      ? 'xmllint is not installed (Debian: libxml2-utils)'
      : !hasPythonModules
        ? '/usr/bin/python3 lacks lxml or PIL (Debian: python3-lxml python3-pil)'
        : undefined;
if (skipReason) console.warn(`ooxml-check tests skipped: ${skipReason}`);

const TEMPLATES = readdirSync(join(REPO, 'templates')).filter((t) =>
  existsSync(join(REPO, 'templates', t, 'template.yaml')),
);

/** What the checker said about one deck: its XSD block and its structural block. */
interface Verdict {
  xsd: string[];
  structure: string[];
  errors: number;
  warnings: number;
  infos: number;
}

/** run.sh prints, per deck, `== PATH` + schema findings, then `== PATH: n ERROR, n WARN, n INFO` + structural findings. */
function verdicts(out: string, paths: readonly string[]): Map<string, Verdict> {
  const blocks = out.split(/^(?===\s)/m);
  const result = new Map<string, Verdict>();
  for (const path of paths) {
    const xsd = blocks.find((b) => b.startsWith(`== ${path}\n`))?.split('\n') ?? [];
    const structure = blocks.find((b) => b.startsWith(`== ${path}: `))?.split('\n') ?? [];
    const counts = /: (\d+) ERROR, (\d+) WARN, (\d+) INFO/.exec(structure[0] ?? '');
    result.set(path, {
      xsd,
      structure,
      errors: counts ? Number(counts[1]) : Number.NaN,
      warnings: counts ? Number(counts[2]) : Number.NaN,
      infos: counts ? Number(counts[3]) : Number.NaN,
    });
  }
  return result;
}

/** Schema findings that count: an ERRATUM (a defect of the 2016 XSD, e.g. a:buSzPct) does not. */
const schemaProblems = (v: Verdict) => v.xsd.filter((l) => /^\s+(XSD|FATAL|ERROR|XMLLINT)\s/.test(l));

let dir: string;
const decks = new Map<string, { deck: DeckFile; path: string }>();

async function picturesChart(): Promise<DeckFile> {
  const checked = await checkFile(SEED_CONTENT, { cwd: REPO });
  const loaded = checked.template!;
  checked.template = { ...loaded, template: { ...loaded.template, chart: 'picture' } };
  return buildDeck(checked, dir);
}

async function citySummary(): Promise<DeckFile> {
  const year = join(REPO, 'tests', 'fixtures', 'workspace', 'content', '2023');
  const files = readdirSync(year).filter((f) => f.endsWith('.yaml'));
  const checked = await Promise.all(files.map((f) => checkFile(join(year, f), { cwd: REPO })));
  const [summary] = summarizeYear(checked);
  return buildSummary(summary!, dir);
}

async function inTemplate(template: string): Promise<DeckFile> {
  const checked = await checkFile(SEED_CONTENT, { cwd: REPO, template });
  if (!checked.computed) throw new Error(checked.diagnostics.map((d) => d.message).join('\n'));
  return buildDeck(checked, dir);
}

/** Each deck under a name of its own: the checker keeps its work files by base name. */
const BUILDERS: [string, () => Promise<DeckFile>][] = [
  ['seed', () => build(SEED_CONTENT, dir)],
  ['sixteen-indicators', () => build(SIXTEEN, dir)],
  ['long-direction', async () => build(await writeLongDirection(dir), dir)],
  ['city-summary', citySummary],
  ['seed-picture-chart', picturesChart],
  ...TEMPLATES.map((t): [string, () => Promise<DeckFile>] => [`seed-template-${t}`, () => inTemplate(t)]),
];

let report: Map<string, Verdict>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'itogi-ooxml-'));
  for (const [name, make] of BUILDERS) {
    const deck = await make();
    const path = join(dir, `${name}.pptx`);
    await writeFile(path, deck.buffer);
    decks.set(name, { deck, path });
  }
  if (skipReason) return;
  const paths = [...decks.values()].map((d) => d.path);
  const { out } = await validate(paths);
  report = verdicts(out, paths);
  for (const [name, { path }] of decks) {
    const v = report.get(path)!;
    console.info(
      `ooxml-check ${name}: ${schemaProblems(v).length} schema problems; ${v.errors} ERROR, ${v.warnings} WARN, ${v.infos} INFO`,
    );
  }
}, 600_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function validate(pptx: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(CHECKER!, pptx, {
      timeout: 300_000,
      maxBuffer: 64 << 20,
      env: { ...process.env, OOXML_WORK: join(dir, 'work') },
    });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe('the decks the tests build', () => {
  it('include a long direction that runs over many slides, a summary, a picture chart and every template', async () => {
    expect(TEMPLATES).toContain('surgut');
    const slides = async (name: string) => (await openPptx(decks.get(name)!.deck.buffer)).slides.length;
    expect(await slides('long-direction')).toBeGreaterThan(2 * (await slides('seed')));
    expect(chartParts(await openPptx(decks.get('seed-picture-chart')!.deck.buffer))).toEqual([]);
    expect(chartParts(await openPptx(decks.get('sixteen-indicators')!.deck.buffer))).toHaveLength(2);
  });

  /**
   * Issue 8 §1: the package step used to empty the notes master (after
   * PptxGenJS#1443), so the slide image, body and number placeholders of every
   * notes slide inherited nothing. Now the master keeps its placeholders and the
   * notes slides' slide number takes the master's idx.
   */
  it("gives every notes slide's placeholders a counterpart in the notes master", async () => {
    for (const [name, { deck }] of decks) {
      const pkg = await openPptx(deck.buffer);
      const master = pkg.parts.get('ppt/notesMasters/notesMaster1.xml') ?? '';
      const types = (xml: string) => new Set([...xml.matchAll(/<p:ph\b[^>]*\btype="(\w+)"/g)].map((m) => m[1]));
      const inMaster = types(master);
      for (const [part, xml] of pkg.parts)
        if (/^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(part))
          for (const type of types(xml)) expect(inMaster.has(type), `${name} ${part}: ${type}`).toBe(true);
      const slideNumberIdx = (xml: string) => /<p:ph\b[^>]*\btype="sldNum"[^>]*\bidx="(\d+)"/.exec(xml)?.[1];
      for (const [part, xml] of pkg.parts)
        if (/^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(part))
          expect(slideNumberIdx(xml), `${name} ${part}`).toBe(slideNumberIdx(master));
    }
  });
});

describe.skipIf(skipReason !== undefined)(
  skipReason ? `ooxml-check (skipped: ${skipReason})` : 'ooxml-check (XSD + structure)',
  () => {
    it.each(BUILDERS.map(([name]) => name))('passes for the %s deck: no schema problem, 0 ERROR, 0 WARN', (name) => {
      const v = report.get(decks.get(name)!.path)!;
      expect(v.xsd.join('\n'), 'the schema block for this deck').toMatch(/=> OK/);
      expect(schemaProblems(v)).toEqual([]);
      expect(v.structure[0], v.structure.join('\n')).toMatch(/: 0 ERROR, 0 WARN, \d+ INFO$/);
    });

    it.each(BUILDERS.map(([name]) => name))(
      '%s deck: every notes placeholder inherits from the notes master',
      (name) => {
        const v = report.get(decks.get(name)!.path)!;
        expect(v.structure.filter((line) => /no counterpart in notesMaster/.test(line))).toEqual([]);
      },
    );

    it('puts notesMasterIdLst right after sldMasterIdLst, as the schema orders CT_Presentation', () => {
      // The checker flags the order pptxgenjs 4.0.1 writes as an XSD error; this is the deck it would catch.
      for (const { path } of decks.values())
        expect(report.get(path)!.xsd.filter((l) => /notesMasterIdLst/.test(l))).toEqual([]);
    });

    it('the embedded workbooks are valid SpreadsheetML', async () => {
      const schemas = join(dirname(CHECKER!), 'transitional', 'sml.xsd');
      const pkg = await openPptx(decks.get('sixteen-indicators')!.deck.buffer);
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
  },
);

describe('reading the checker', () => {
  const OUT = [
    '== /t/a.pptx',
    '   40 XML parts, 40 valid',
    '   XSD     ppt/presentation.xml (pretty line 3, /p:presentation/p:notesMasterIdLst): element notesMasterIdLst: unexpected',
    '   => 1 problem(s)',
    '== /t/b.pptx',
    '   ERRATUM ppt/slides/slide3.xml: buSzPct',
    '   => OK (+1 ERRATUM: schema defect, not a document error)',
    '== /t/a.pptx: 1 ERROR, 2 WARN, 3 INFO',
    '   ERROR x',
    '== /t/b.pptx: 0 ERROR, 0 WARN, 5 INFO',
    '',
  ].join('\n');

  it('gives each deck its own schema findings and counts', () => {
    const v = verdicts(OUT, ['/t/a.pptx', '/t/b.pptx']);
    expect(schemaProblems(v.get('/t/a.pptx')!)).toHaveLength(1);
    expect(v.get('/t/a.pptx')).toMatchObject({ errors: 1, warnings: 2, infos: 3 });
    expect(schemaProblems(v.get('/t/b.pptx')!)).toEqual([]); // an ERRATUM does not count
    expect(v.get('/t/b.pptx')).toMatchObject({ errors: 0, warnings: 0, infos: 5 });
  });

  it('reports a deck the checker never named as unread, not as passing', () => {
    const v = verdicts(OUT, ['/t/c.pptx']).get('/t/c.pptx')!;
    expect(v.xsd).toEqual([]);
    expect(Number.isNaN(v.errors)).toBe(true);
  });
});
