// Bench section 8: `itogi import` of a 500-row workbook (issue 21: under a second). Five directions
// of 100 indicators each (the schema's most, LIMITS.indicators) are exported with the compiled
// CLI, every fact is changed with exceljs (500 changed values), and the import is timed:
//   - cold: the CLI in a new process, as a user runs it, files put back before each run;
//   - warm: read the workbook, plan (judge every cell, edit and validate five files) and write,
//     in this process after a warm-up.
// Alone: `node bench/sheet.mjs [REPO]` (REPO: a built copy of the project, default this one).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

// The child's CPU time, all threads (µs), reported by the child itself: on a shared machine the wall
// time follows the load, the CPU time much less.
const REPORT_CPU =
  'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\ncpu="+(u.userCPUTime+u.systemCPUTime)+"\\n")})';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The seed with `count` indicators (its six, repeated under new numbers), as direction `id`. */
function bigDirection(seed, id, count) {
  const itemsAt = seed.indexOf('  items:\n', seed.indexOf('\nindicators:'));
  const head = seed.slice(0, itemsAt + '  items:\n'.length);
  const items = seed
    .slice(head.length)
    .split(/\n(?=# summary)/)[0]
    .split(/(?= {4}- number: )/)
    .filter((s) => s.startsWith('    - number: '))
    .map((s) => (s.endsWith('\n') ? s : `${s}\n`));
  if (items.length !== 6) throw new Error('the seed changed: not six indicators');
  let out = head.replace('id: institutional-environment', `id: ${id}`);
  for (let n = 1; n <= count; n++) out += items[(n - 1) % 6].replace(/number: \d+/, `number: ${n}`);
  return out;
}

export async function benchSheet(repo, runs) {
  const work = mkdtempSync(join(tmpdir(), 'itogi-bench-sheet-'));
  try {
    const seed = readFileSync(join(repo, 'content/2023/institutional-environment.yaml'), 'utf8');
    const content = join(work, 'content', '2023');
    mkdirSync(content, { recursive: true });
    for (let d = 0; d < 5; d++) writeFileSync(join(content, `d${d}.yaml`), bigDirection(seed, `direction-${d}`, 100));
    cpSync(content, join(work, 'pristine'), { recursive: true });
    const cli = join(repo, 'dist/bin.cjs');
    const exported = spawnSync(process.execPath, [cli, 'export', '--out', 'book.xlsx'], { cwd: work });
    if (exported.status !== 0) throw new Error(exported.stderr.toString());

    // Every fact changed (+1), as a year's figures arriving in one table.
    const { default: excel } = await import(join(repo, 'node_modules/exceljs/excel.js'));
    const workbook = new excel.Workbook();
    await workbook.xlsx.readFile(join(work, 'book.xlsx'));
    let changed = 0;
    for (const sheet of workbook.worksheets)
      for (let r = 2; r <= sheet.rowCount; r++) {
        const cell = sheet.getCell(`E${r}`);
        if (typeof cell.value === 'number') {
          cell.value = Math.round((cell.value + 1) * 100) / 100;
          changed++;
        }
      }
    if (changed !== 500) throw new Error(`not 500 facts to change: ${changed}`);
    await workbook.xlsx.writeFile(join(work, 'filled.xlsx'));
    const restore = () => cpSync(join(work, 'pristine'), content, { recursive: true });

    const cold = [];
    const coldCpu = [];
    for (let i = 0; i < runs; i++) {
      restore();
      const t = performance.now();
      const r = spawnSync(process.execPath, ['--import', REPORT_CPU, cli, 'import', 'filled.xlsx'], { cwd: work });
      cold.push(performance.now() - t);
      coldCpu.push(Number(/cpu=(\d+)/.exec(r.stderr.toString())?.[1] ?? Number.NaN) / 1000);
      const closing = r.stdout.toString().trim().split('\n').at(-1);
      if (r.status !== 0 || closing !== 'Изменено: 500 значений в 5 файлах.')
        throw new Error(`import: ${closing}\n${r.stderr}`);
    }

    const { readTables, planImport, applyImport } = await import(join(repo, 'dist/sheet/import.js'));
    const { collectFiles } = await import(join(repo, 'dist/files.js'));
    const warm = { read: [], plan: [], write: [], total: [] };
    for (let i = 0; i < runs + 2; i++) {
      restore();
      const t0 = performance.now();
      const tables = await readTables(join(work, 'filled.xlsx'), 'filled.xlsx');
      const t1 = performance.now();
      const { files } = await collectFiles(['content'], work);
      const plan = await planImport(tables, 'filled.xlsx', files, work);
      const t2 = performance.now();
      const failed = await applyImport(plan, work);
      const t3 = performance.now();
      if (plan.changes.length !== 500 || failed.length > 0) throw new Error('warm import did not change 500 values');
      if (i < 2) continue;
      warm.read.push(t1 - t0);
      warm.plan.push(t2 - t1);
      warm.write.push(t3 - t2);
      warm.total.push(t3 - t0);
    }
    return {
      rows: 500,
      coldMs: median(cold),
      coldCpuMs: median(coldCpu),
      warm: Object.fromEntries(Object.entries(warm).map(([k, v]) => [`${k}Ms`, median(v)])),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function sheetReport(r) {
  const w = r.warm;
  return [
    `import of ${r.rows} rows (5 files):   cold CLI ${r.coldMs.toFixed(0)} ms (CPU ${r.coldCpuMs.toFixed(0)} ms); warm ${w.totalMs.toFixed(1)} ms = read ${w.readMs.toFixed(1)} + plan ${w.planMs.toFixed(1)} + write ${w.writeMs.toFixed(1)} ms`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const repo = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
  const result = await benchSheet(repo, Number(process.env.BENCH_RUNS ?? 9));
  for (const line of sheetReport(result)) console.log(line);
}
