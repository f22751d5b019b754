// Benchmark: `npm run bench`. Medians over repeated runs; the machine is
// noisy (2 cores), so compare medians and ratios, never single numbers.
// Measures: the CLI cold (one process per deck, as a user runs it), decks
// built in one process (batch), the stages of one deck, and peak memory.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const REPO = resolve(import.meta.dirname, '..');
const { checkFile } = await import(join(REPO, 'dist/api.js'));
const { TemplateRegistry } = await import(join(REPO, 'dist/template/load.js'));
const { layoutDeck } = await import(join(REPO, 'dist/layout/slides.js'));
const { renderDeck } = await import(join(REPO, 'dist/render/pptx.js'));
const { finalizePptx } = await import(join(REPO, 'dist/render/package.js'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

const SEED = join(REPO, 'content/2023/institutional-environment.yaml');

/**
 * The seed as direction `i` of a year: its own id, name, goal, a task, an event and facts
 * (0.90–1.09 of the seed's, so some fall short of plan and the result line changes), so every
 * content slide, the chart and the notes differ from deck to deck as in a real year; what a
 * real year shares (template layouts, master, theme, closing slide) stays shared.
 */
function distinctDirection(text, i) {
  const n = i + 1;
  const changes = [
    ['id: institutional-environment', `id: direction-${i}`],
    ['name: Институциональная среда', `name: Институциональная среда ${n}`],
    ['бизнесом и властью.', `бизнесом и властью (${n}).`],
    ['  - цифровизация деятельности', `  - цифровизация (этап ${n}) деятельности`],
    ['«Социокультурная адаптация мигрантов»', `«Социокультурная адаптация мигрантов ${n}»`],
    ['поддержанных Администрацией города', `поддержанных Администрацией города в ${n} районах`],
  ];
  let out = text;
  for (const [from, to] of changes) {
    if (!out.includes(from)) throw new Error(`the seed changed: no «${from}» to vary`);
    out = out.replace(from, to);
  }
  const facts = /fact: ([\d.]+)/g;
  if ((out.match(facts) ?? []).length !== 6) throw new Error('the seed changed: not six facts to vary');
  return out.replace(facts, (_m, fact) => `fact: ${Number((Number(fact) * (0.9 + (i % 20) / 100)).toFixed(2))}`);
}
const SIXTEEN = join(REPO, 'tests/fixtures/directions/sixteen-indicators.yaml');
// Peak memory of a child, reported by the child itself (no /usr/bin/time on a fresh machine).
// …and its CPU time, all threads together (µs): CPU time / wall time is how many cores the run kept busy.
const REPORT_RSS =
  'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\nmaxrss="+u.maxRSS+" cpu="+(u.userCPUTime+u.systemCPUTime)+"\\n")})';
const peakRssKb = (stderr) => Number(/maxrss=(\d+)/.exec(stderr.toString())?.[1] ?? NaN);
const cpuMs = (stderr) => Number(/cpu=(\d+)/.exec(stderr.toString())?.[1] ?? NaN) / 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const work = mkdtempSync(join(tmpdir(), 'itogi-bench-'));
const results = {};
const loadBefore = (await import('node:os')).loadavg()[0].toFixed(1);

// 1. Cold CLI, paired with pandoc: a new process per run (what `npx itogi build FILE` costs),
//    pandoc, itogi build, itogi check and bare Node taking turns, so load on the (shared)
//    machine falls on all of them alike. CPU time from bash's `times` (children's user + sys).
const SEED_TEXT = join(REPO, 'tests/fixtures/seed/000_f821bce43a08f8aa.txt');
/** The seed transcript as 8 pandoc slides (one `---` per slide break of the itogi deck). */
function seedMarkdown() {
  return `${readFileSync(SEED_TEXT, 'utf8')
    .trim()
    .split(/\n{3,}/)
    .join('\n\n---\n\n')
    .replace(/\n\n(?=СТРАТЕГИЧЕСКАЯ|Основные мероприятия|2\. Мероприятия|\*\*ИТОГ:)/g, '\n\n---\n\n')}\n`;
}
const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
const pandocVersion = hasPandoc ? spawnSync('pandoc', ['--version']).stdout.toString().split('\n')[0] : undefined;
/**
 * NODE_EXTRA_CA_CERTS, when set (this sandbox sets it to the whole system bundle, 220 KB, for its
 * proxy), makes every Node process parse those certificates before any JavaScript runs: ~40 ms
 * of `node -e 0` here, 44 % of its instructions (callgrind). pandoc reads no such variable, and an
 * office PC has none, so the cold runs are timed both with the environment as it is and without it.
 */
const EXTRA_CA = process.env.NODE_EXTRA_CA_CERTS;
const withoutExtraCa = (() => {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
})();
function timed(cmd, args, cwd = REPO, env = process.env) {
  const t = performance.now();
  const r = spawnSync('bash', ['-c', '"$@" >/dev/null 2>"$ERR"; s=$?; times; exit $s', 'bench', cmd, ...args], {
    cwd,
    env: { ...env, ERR: join(work, 'stderr.txt') },
  });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${readFileSync(join(work, 'stderr.txt'), 'utf8')}`);
  // `times`: the shell's own line, then its children's: "0m0.120s 0m0.030s".
  const [user, sys] = r.stdout
    .toString()
    .trim()
    .split('\n')[1]
    .split(' ')
    .map((t) => {
      const [, m, sec] = /(\d+)m([\d.]+)s/.exec(t);
      return (Number(m) * 60 + Number(sec)) * 1000;
    });
  return { wall, cpu: user + sys };
}
{
  const md = join(work, 'seed.md');
  writeFileSync(md, seedMarkdown());
  const runs = {
    node: [],
    build: [],
    check: [],
    pandoc: [],
    ...(EXTRA_CA ? { nodeNoCa: [], buildNoCa: [], checkNoCa: [] } : {}),
  };
  const buildArgs = [join(REPO, 'dist/bin.cjs'), 'build', SEED, '--out', join(work, 'cold')];
  const checkArgs = [join(REPO, 'dist/bin.cjs'), 'check', SEED];
  for (let i = 0; i < Math.max(5, RUNS); i++) {
    runs.node.push(timed(process.execPath, ['-e', '0']));
    if (hasPandoc) runs.pandoc.push(timed('pandoc', [md, '-o', join(work, 'seed-pandoc.pptx')]));
    runs.build.push(timed(process.execPath, buildArgs));
    runs.check.push(timed(process.execPath, checkArgs));
    if (EXTRA_CA) {
      runs.nodeNoCa.push(timed(process.execPath, ['-e', '0'], REPO, withoutExtraCa));
      runs.buildNoCa.push(timed(process.execPath, buildArgs, REPO, withoutExtraCa));
      runs.checkNoCa.push(timed(process.execPath, checkArgs, REPO, withoutExtraCa));
    }
  }
  const med = (xs, k) => median(xs.map((x) => x[k]));
  results.cold = Object.fromEntries(
    Object.entries(runs)
      .filter(([, xs]) => xs.length > 0)
      .map(([k, xs]) => [k, { wallMs: med(xs, 'wall'), cpuMs: med(xs, 'cpu') }]),
  );
  results.cold.nodeStartMs = results.cold.node.wallMs;
  results.cold.cliBuildSeedMs = results.cold.build.wallMs;
}

// 2. In one process: one deck after warm-up, stage by stage.
async function stages(file) {
  const out = { check: [], layout: [], render: [], finalize: [], total: [] };
  // Templates loaded once, as in a long-running process (watch, preview: the workspace's registry).
  const templates = new TemplateRegistry();
  for (let i = 0; i < RUNS + 2; i++) {
    const t0 = performance.now();
    const checked = await checkFile(file, { cwd: REPO, templates });
    const t1 = performance.now();
    const layout = layoutDeck(checked.computed, checked.template.template);
    const t2 = performance.now();
    const raw = await renderDeck(layout, checked.template, { author: 'itogi', subject: 'bench' });
    const t3 = performance.now();
    await finalizePptx(raw, { modified: new Date('2023-12-15T00:00:00Z') });
    const t4 = performance.now();
    if (i < 2) continue; // warm-up: fonts, chart.js, JIT
    out.check.push(t1 - t0);
    out.layout.push(t2 - t1);
    out.render.push(t3 - t2);
    out.finalize.push(t4 - t3);
    out.total.push(t4 - t0);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [`${k}Ms`, median(v)]));
}
results.seedWarm = await stages(SEED);
results.sixteenWarm = await stages(SIXTEEN);

// 3. Batch: 20 directions in one CLI run (every direction of a year in one go).
{
  const dir = join(work, 'content', '2023');
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(SEED, 'utf8');
  for (let i = 0; i < 20; i++) writeFileSync(join(dir, `d${i}.yaml`), distinctDirection(text, i));
  cpSync(join(REPO, 'templates'), join(work, 'templates'), { recursive: true });
  const runs = [];
  let peakKb = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    // --jobs 1: one process, as before workers (section 5 measures them); a fresh folder, so every deck is written.
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        REPORT_RSS,
        join(REPO, 'dist/bin.cjs'),
        'build',
        'content',
        '--out',
        join(work, `batch${i}`),
        '--jobs',
        '1',
        '--no-summary',
      ],
      { cwd: work },
    );
    runs.push(performance.now() - t);
    if (r.status !== 0) throw new Error(r.stderr.toString());
    peakKb = Math.max(peakKb, peakRssKb(r.stderr));
  }
  const batch = median(runs);
  results.batch20 = { totalMs: batch, perDeckMs: batch / 20, peakRssMb: peakKb / 1024 };
}

// 4. Peak memory of the cold single-deck CLI.
{
  const r = spawnSync(
    process.execPath,
    ['--import', REPORT_RSS, join(REPO, 'dist/bin.cjs'), 'build', SEED, '--out', join(work, 'mem')],
    { cwd: REPO },
  );
  results.cold.peakRssMb = peakRssKb(r.stderr) / 1024;
}
// 5. The annual run: 100 distinct directions (distinctDirection) and their city summary (101 decks)
//    with one and with two workers, each into a fresh folder; then the same again over decks
//    already there (nothing rewritten).
{
  const dir = join(work, 'year', 'content', '2023');
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(SEED, 'utf8');
  for (let i = 0; i < 100; i++)
    writeFileSync(join(dir, `d${String(i).padStart(3, '0')}.yaml`), distinctDirection(text, i));
  cpSync(join(REPO, 'templates'), join(work, 'year', 'templates'), { recursive: true });
  const BATCH_RUNS = Number(process.env.BENCH_BATCH_RUNS ?? 3);
  const build = (out, jobs) => {
    const t = performance.now();
    const r = spawnSync(
      process.execPath,
      ['--import', REPORT_RSS, join(REPO, 'dist/bin.cjs'), 'build', 'content', '--out', out, '--jobs', String(jobs)],
      { cwd: join(work, 'year') },
    );
    const elapsed = performance.now() - t;
    if (r.status !== 0) throw new Error(r.stderr.toString());
    const closing = r.stderr
      .toString()
      .split('\n')
      .find((l) => l.startsWith('Собрано:'));
    return { ms: elapsed, cpuMs: cpuMs(r.stderr), rssKb: peakRssKb(r.stderr), closing };
  };
  const byJobs = {};
  for (const jobs of [1, 2]) {
    const runs = [];
    for (let i = 0; i < BATCH_RUNS; i++) runs.push(build(join(work, 'year', `out-${jobs}-${i}`), jobs));
    if (!runs.every((r) => r.closing?.startsWith('Собрано: 101, без изменений: 0,')))
      throw new Error(`not 101 built: ${runs.map((r) => r.closing)}`);
    byJobs[jobs] = {
      totalMs: median(runs.map((r) => r.ms)),
      cpuMs: median(runs.map((r) => r.cpuMs)),
      peakRssMb: Math.max(...runs.map((r) => r.rssKb)) / 1024,
    };
  }
  const unchanged = [];
  for (let i = 0; i < BATCH_RUNS; i++) unchanged.push(build(join(work, 'year', 'out-2-0'), 2));
  if (!unchanged.every((r) => r.closing?.startsWith('Собрано: 0, без изменений: 101,')))
    throw new Error(`not 101 unchanged: ${unchanged.map((r) => r.closing)}`);
  results.batch100 = {
    runs: BATCH_RUNS,
    oneWorkerMs: byJobs[1].totalMs,
    twoWorkersMs: byJobs[2].totalMs,
    speedup: byJobs[1].totalMs / byJobs[2].totalMs,
    oneWorkerCpuMs: byJobs[1].cpuMs,
    twoWorkersCpuMs: byJobs[2].cpuMs,
    oneWorkerPeakRssMb: byJobs[1].peakRssMb,
    twoWorkersPeakRssMb: byJobs[2].peakRssMb,
    unchangedTwoWorkersMs: median(unchanged.map((r) => r.ms)),
  };
}
// 6. `itogi check` of 1 000 distinct files (distinctDirection), one cold CLI run.
{
  const dir = join(work, 'thousand', 'content', '2023');
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(SEED, 'utf8');
  for (let i = 0; i < 1000; i++)
    writeFileSync(join(dir, `d${String(i).padStart(4, '0')}.yaml`), distinctDirection(text, i));
  cpSync(join(REPO, 'templates'), join(work, 'thousand', 'templates'), { recursive: true });
  const runs = [];
  for (let i = 0; i < Number(process.env.BENCH_BATCH_RUNS ?? 3); i++)
    runs.push(timed(process.execPath, [join(REPO, 'dist/bin.cjs'), 'check', 'content'], join(work, 'thousand')));
  results.check1000 = { totalMs: median(runs.map((r) => r.wall)), cpuMs: median(runs.map((r) => r.cpu)) };
}

// 7. Preview/watch: a save of the seed end to end (bench/preview.mjs): the CLI in its own process,
//    timed from the write to the change event on /events, to the page in headless chromium having
//    swapped the slides in, and to watch's deck on disk; and the warm stages of one save.
const previewBench = await import('./preview.mjs');
results.preview = await previewBench.benchPreview(REPO, Math.max(9, RUNS));
// 8. `itogi import` of a 500-row workbook (bench/sheet.mjs): the CLI cold, and read/plan/write warm.
const sheetBench = await import('./sheet.mjs');
results.sheet = await sheetBench.benchSheet(REPO, Math.max(9, RUNS));
const loadAfter = (await import('node:os')).loadavg()[0].toFixed(1);

rmSync(work, { recursive: true, force: true });

const r = results;
console.log(
  `itogi bench — medians of ${RUNS} runs (node ${process.version}, ${execFileSync('nproc').toString().trim()} cores)`,
);
console.log(
  `cold CLI, seed deck:        ${ms(r.cold.cliBuildSeedMs)} (node start alone ${ms(r.cold.nodeStartMs)}), peak RSS ${r.cold.peakRssMb.toFixed(0)} MB`,
);
console.log(`cold CLI, check of the seed: ${ms(r.cold.check.wallMs)}`);
console.log(
  `warm, seed deck:            ${ms(r.seedWarm.totalMs)} = check ${ms(r.seedWarm.checkMs)} + layout ${ms(r.seedWarm.layoutMs)} + render ${ms(r.seedWarm.renderMs)} + finalize ${ms(r.seedWarm.finalizeMs)}`,
);
console.log(
  `warm, 16-indicator deck:    ${ms(r.sixteenWarm.totalMs)} = check ${ms(r.sixteenWarm.checkMs)} + layout ${ms(r.sixteenWarm.layoutMs)} + render ${ms(r.sixteenWarm.renderMs)} + finalize ${ms(r.sixteenWarm.finalizeMs)}`,
);
console.log(
  `batch, 20 decks, one CLI:   ${ms(r.batch20.totalMs)} (${ms(r.batch20.perDeckMs)} per deck), peak RSS ${r.batch20.peakRssMb.toFixed(0)} MB`,
);
const b = r.batch100;
console.log(
  `batch, 100 decks + summary (median of ${b.runs}): --jobs 1 ${(b.oneWorkerMs / 1000).toFixed(2)} s (peak RSS ${b.oneWorkerPeakRssMb.toFixed(0)} MB), --jobs 2 ${(b.twoWorkersMs / 1000).toFixed(2)} s (peak RSS ${b.twoWorkersPeakRssMb.toFixed(0)} MB); 1 / 2 workers = ${b.speedup.toFixed(2)}×`,
);
console.log(
  `batch, 100 decks, CPU time:   --jobs 1 ${(b.oneWorkerCpuMs / 1000).toFixed(1)} s (${(b.oneWorkerCpuMs / b.oneWorkerMs).toFixed(2)} cores busy), --jobs 2 ${(b.twoWorkersCpuMs / 1000).toFixed(1)} s (${(b.twoWorkersCpuMs / b.twoWorkersMs).toFixed(2)} cores busy); load average before: ${loadBefore}`,
);
console.log(
  `batch, 100 decks unchanged: ${(b.unchangedTwoWorkersMs / 1000).toFixed(2)} s with --jobs 2 (nothing rewritten)`,
);
console.log(`ratio cold CLI / warm deck: ${(r.cold.cliBuildSeedMs / r.seedWarm.totalMs).toFixed(1)}×`);
for (const line of previewBench.previewReport(r.preview)) console.log(line);
for (const line of sheetBench.sheetReport(r.sheet)) console.log(line);

// The table for the README: medians, ratios to pandoc where it is installed, the machine.
const c = r.cold;
const ratio = (x, y) => (y ? `${(x / y).toFixed(2)}×` : '—');
const row = (what, itogi, pandoc, rat, target) =>
  console.log(`| ${what} | ${itogi} | ${pandoc} | ${rat} | ${target} |`);
console.log('');
console.log(
  `Machine: ${execFileSync('nproc').toString().trim()} cores, load average ${loadBefore} before / ${loadAfter} after, node ${process.version}, ${pandocVersion ?? 'pandoc not installed: no pairing (apt-get install pandoc)'}; medians of ${Math.max(5, RUNS)} paired runs (wall / CPU time).`,
);
console.log('');
row('measure', 'itogi', 'pandoc', 'ratio (wall / CPU)', 'target');
row('---', '---', '---', '---', '---');
const noCa = EXTRA_CA ? ' (environment as is: NODE_EXTRA_CA_CERTS set)' : '';
const pandocCell = c.pandoc ? `${ms(c.pandoc.wallMs)} / ${ms(c.pandoc.cpuMs)}` : '—';
row(
  `Node start alone (\`node -e 0\`)${noCa}`,
  `${ms(c.node.wallMs)} / ${ms(c.node.cpuMs)}`,
  pandocCell,
  `${ratio(c.node.wallMs, c.pandoc?.wallMs)} / ${ratio(c.node.cpuMs, c.pandoc?.cpuMs)}`,
  '',
);
if (c.nodeNoCa)
  row(
    'Node start alone, without NODE_EXTRA_CA_CERTS',
    `${ms(c.nodeNoCa.wallMs)} / ${ms(c.nodeNoCa.cpuMs)}`,
    pandocCell,
    `${ratio(c.nodeNoCa.wallMs, c.pandoc?.wallMs)} / ${ratio(c.nodeNoCa.cpuMs, c.pandoc?.cpuMs)}`,
    '',
  );
for (const [what, k, target] of [
  ['cold `itogi build` of the seed (8 slides)', 'build', '≤ 1.5× pandoc'],
  ['cold `itogi check` of the seed', 'check', '≤ 1.0× pandoc'],
]) {
  row(
    `${what}${noCa}`,
    `${ms(c[k].wallMs)} / ${ms(c[k].cpuMs)}`,
    pandocCell,
    `${ratio(c[k].wallMs, c.pandoc?.wallMs)} / ${ratio(c[k].cpuMs, c.pandoc?.cpuMs)}`,
    target,
  );
  const x = c[`${k}NoCa`];
  if (x)
    row(
      `${what}, without NODE_EXTRA_CA_CERTS`,
      `${ms(x.wallMs)} / ${ms(x.cpuMs)}`,
      pandocCell,
      `${ratio(x.wallMs, c.pandoc?.wallMs)} / ${ratio(x.cpuMs, c.pandoc?.cpuMs)}`,
      target,
    );
}
row(
  '100 decks + summary, `--jobs 2`, per deck',
  `${ms(b.twoWorkersMs / 101)} / ${ms(b.twoWorkersCpuMs / 101)}`,
  '',
  '',
  '≤ 25 ms',
);
row('100 decks, `--jobs 2`, peak RSS', `${b.twoWorkersPeakRssMb.toFixed(0)} MB`, '', '', '≤ 300 MiB');
row(
  '`itogi check` of 1 000 files, per file',
  `${ms(r.check1000.totalMs / 1000)} / ${ms(r.check1000.cpuMs / 1000)}`,
  '',
  '',
  '≤ 5 ms',
);
const p = r.preview.preview;
row(
  'preview: a save → the change event leaves the server (page: slides swapped in)',
  `${ms(p.eventMs)}${p.swappedMs === undefined ? '' : ` (page ${ms(p.swappedMs)})`}`,
  '',
  '',
  '≤ 100 ms',
);
row('watch: a save → the deck written under output/', ms(r.preview.watch.writtenMs), '', '', '');
row(
  '`itogi import` of 500 rows (5 files, cold CLI; warm)',
  `${ms(r.sheet.coldMs)}; ${ms(r.sheet.warm.totalMs)}`,
  '',
  '',
  '< 1 s',
);
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
