/**
 * The city summary deck read back as a user gets it: every direction's
 * counts, the city totals and the result line are what `itogi check`
 * prints; 30 directions paginate; LibreOffice renders every slide and every
 * name; the same content gives the same bytes; the package passes the
 * OOXML validator.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSummary, checkFile, summarizeYear } from '../../src/api.js';
import { runItogi, WORKSPACE } from '../helpers/cli.js';
import { directionName, writeDirections } from '../helpers/directions.js';
import { hasLibreOffice, hasPoppler, pdfPageTexts, pptxToPdf } from '../helpers/libreoffice.js';
import { checkPackageIntegrity, openPptx, slideTexts } from '../helpers/pptx.js';

const REPO = resolve(import.meta.dirname, '..', '..');
/** ../shared beside the repository (the main checkout) or two levels up (a worktree under wt/). */
const OOXML_CHECK = [
  resolve(REPO, '..', 'shared/tools/ooxml-check/run.sh'),
  resolve(REPO, '..', '..', 'shared/tools/ooxml-check/run.sh'),
].find(existsSync);
const XMLLINT = ['/usr/bin/xmllint', '/usr/local/bin/xmllint'].some((p) => existsSync(p));

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
/** PDF text breaks lines (and may split at hyphens): compare without any white space. */
const squash = (s: string) => s.replace(/[\s\u00a0\u202f\u00ad]+/g, '');

interface CityRow {
  name: string;
  achieved: number;
  missed: number;
  pending: number;
  total: number;
}

/** What `itogi check` printed for the city: its direction rows, the totals row and the result line. */
function cityReport(stdout: string[]): { rows: CityRow[]; totals: CityRow; resultLine: string } {
  const text = stdout.join('\n');
  const from = text.indexOf('Итоги по городу, ');
  expect(from, 'check prints the city report').toBeGreaterThanOrEqual(0);
  const block = text.slice(from).split('\n');
  const end = block.findIndex((l) => l.trim().startsWith('ИТОГ:'));
  const resultLine = block[end]!.trim();
  const lines = block.slice(2, end); // after the summary line and the table header
  const parsed = lines.map((l) => {
    const cells = l.trim().split(/\s{2,}/);
    const [achieved, missed, pending, total] = cells.slice(-4).map(Number) as [number, number, number, number];
    return { name: cells.length === 6 ? cells[1]! : cells[0]!, achieved, missed, pending, total };
  });
  return { rows: parsed.slice(0, -1), totals: parsed.at(-1)!, resultLine };
}

/** The summary deck's table rows, read from the slides' text: «N. name», responsible, «a / t», pending. */
async function deckTable(bytes: Buffer) {
  const pkg = await openPptx(bytes);
  expect(checkPackageIntegrity(pkg)).toEqual([]);
  const texts = pkg.slides.map(slideTexts);
  const all = texts.flat().map(nb);
  const rows: { name: string; achieved: number; total: number; pending: number }[] = [];
  for (let i = 0; i < all.length; i++) {
    const m = /^(\d+)\. (.*)$/s.exec(all[i]!);
    const counts = /^(\d+) \/ (\d+)$/.exec(all[i + 2] ?? '');
    if (!m || !counts || Number(m[1]) !== rows.length + 1) continue;
    rows.push({ name: m[2]!, achieved: Number(counts[1]), total: Number(counts[2]), pending: Number(all[i + 3]) });
  }
  const t = all.indexOf('Итого по городу');
  const [achieved, total] = all[t + 1]!.split(' / ').map(Number) as [number, number];
  return { pkg, texts, all, rows, totals: { achieved, total, pending: Number(all[t + 2]) } };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'itogi-summary-deck-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the summary of content/2023', () => {
  it('holds every direction’s counts, the city totals and the result line that check prints', async () => {
    const out = join(dir, 'content-out');
    const check = await runItogi(['check', 'content'], WORKSPACE);
    expect(check.code).toBe(0);
    const printed = cityReport(check.out);

    const build = await runItogi(['build', 'content', '--out', out], WORKSPACE);
    expect(build.code).toBe(0);
    expect(build.out.at(-1)).toMatch(/^сводная за 2023 год → .*summary\.pptx \(направлений: 4, слайдов: 5, \d+ КБ\)$/);
    const deck = await deckTable(await readFile(join(out, '2023', 'summary.pptx')));

    expect(deck.rows.map((r) => r.name)).toEqual(printed.rows.map((r) => r.name));
    expect(deck.rows.map(({ achieved, total, pending }) => ({ achieved, total, pending }))).toEqual(
      printed.rows.map(({ achieved, total, pending }) => ({ achieved, total, pending })),
    );
    expect(deck.totals).toEqual({
      achieved: printed.totals.achieved,
      total: printed.totals.total,
      pending: printed.totals.pending,
    });
    expect(deck.all).toContain(printed.resultLine);
    // The sample content's own figures: 17 of 24 achieved, 2 pending.
    expect(printed.resultLine).toBe(
      'ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО СЕМНАДЦАТИ ИЗ ДВАДЦАТИ ЧЕТЫРЕХ ПОКАЗАТЕЛЕЙ; ПО ДВУМ ПОКАЗАТЕЛЯМ ДАННЫЕ ОЖИДАЮТСЯ.',
    );
    // Three of the four directions are samples: every slide says so.
    const stamp = 'ОБРАЗЕЦ: вымышленные направления economy, human-capital, urban-environment';
    expect(deck.texts[0]!.map(nb)).toEqual(['ИТОГИ 2023 ГОДА', 'РЕАЛИЗАЦИЯ СТРАТЕГИИ', '22.12.2023', stamp]);
    for (const slide of deck.texts) expect(slide.map(nb)).toContain(stamp);
    // The direction decks are there too.
    expect((await readdir(join(out, '2023'))).sort()).toEqual([
      'economy.pptx',
      'human-capital.pptx',
      'institutional-environment.pptx',
      'summary.pptx',
      'urban-environment.pptx',
    ]);
  });

  it('is byte-identical when built again, in another folder and from the library', async () => {
    const files = (await readdir(join(REPO, 'tests', 'fixtures', 'workspace', 'content', '2023'))).map((f) =>
      join(REPO, 'tests', 'fixtures', 'workspace', 'content', '2023', f),
    );
    const [year] = summarizeYear(await Promise.all(files.map((f) => checkFile(f, { cwd: REPO }))));
    const a = await buildSummary(year!, join(dir, 'a'));
    const b = await buildSummary(year!, join(dir, 'b'));
    expect(a.path).toBe(join(dir, 'a', '2023', 'summary.pptx'));
    expect(a.buffer.equals(b.buffer)).toBe(true);
    const cli = await readFile(join(dir, 'content-out', '2023', 'summary.pptx'));
    expect(cli.equals(a.buffer)).toBe(true);
    // Dated by the latest report.date of the year, not the clock.
    const core = (await openPptx(a.buffer)).parts.get('docProps/core.xml')!;
    expect(core).toContain('2023-12-22T00:00:00Z');
  });
});

describe('the summary of 30 directions', () => {
  let content: string;
  let out: string;
  let bytes: Buffer;
  let printed: ReturnType<typeof cityReport>;
  beforeAll(async () => {
    content = join(dir, 'thirty');
    out = join(dir, 'thirty-out');
    await writeDirections(content, 30);
    const check = await runItogi(['check', content]);
    expect(check.code).toBe(0);
    printed = cityReport(check.out);
    const build = await runItogi(['build', content, '--out', out]);
    expect(build.code).toBe(0);
    bytes = await readFile(join(out, '2023', 'summary.pptx'));
  });

  it('lists all 30 over several table slides, counts and totals as check prints them', async () => {
    const deck = await deckTable(bytes);
    expect(deck.rows.map((r) => r.name)).toEqual(Array.from({ length: 30 }, (_, i) => directionName(i + 1)));
    expect(deck.rows.map(({ achieved, total, pending }) => ({ achieved, total, pending }))).toEqual(
      printed.rows.map(({ achieved, total, pending }) => ({ achieved, total, pending })),
    );
    expect(deck.totals).toEqual({
      achieved: printed.totals.achieved,
      total: printed.totals.total,
      pending: printed.totals.pending,
    });
    expect(printed.totals.total).toBe(180);
    expect(deck.all).toContain(printed.resultLine);
    const continued = deck.all.filter((t) => /направлений Стратегии за 2023 год \(продолжение\)$/.test(t));
    expect(continued.length).toBeGreaterThanOrEqual(1);
    expect(deck.texts[0]).toContain('29.12.2023');
  });

  it.skipIf(OOXML_CHECK === undefined || !XMLLINT)('passes ooxml-check (XSD + structure)', () => {
    const r = spawnSync(OOXML_CHECK!, [join(out, '2023', 'summary.pptx')], { encoding: 'utf8' });
    const errors = r.stdout.split('\n').filter((l) => /^\s+(ERROR|XSD)\s/.test(l));
    expect(errors).toEqual([]);
    expect(r.stdout).toContain('summary.pptx');
  });

  it.skipIf(!hasLibreOffice() || !hasPoppler())(
    'renders in LibreOffice: a page per slide, every direction name and the result line in the PDF text',
    async () => {
      const pkg = await openPptx(bytes);
      const pdf = await pptxToPdf(join(out, '2023', 'summary.pptx'), join(dir, 'pdf'));
      const pages = await pdfPageTexts(pdf);
      expect(pages.length).toBe(pkg.slides.length);
      const text = squash(pages.join('\n'));
      const missing = [
        ...Array.from({ length: 30 }, (_, i) => directionName(i + 1)),
        printed.resultLine,
        'Итого по городу',
      ].filter((t) => !text.includes(squash(t)));
      expect(missing).toEqual([]);
    },
  );
});
