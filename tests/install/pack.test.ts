/**
 * How staff get the tool: `npm pack` makes a tarball, `npm install -g` puts
 * it on a machine, and `itogi` then works in any folder with the shipped
 * template. This test does exactly that: packs a copy of this working tree
 * with the dist/ built for this test run (tests/setup/build.ts runs the steps
 * of `npm run build`, which `npm pack` would run as `prepare`), installs the tarball into a
 * temporary prefix from the npm cache (`--prefer-offline`: the registry is
 * asked only for what the cache lacks), and runs the installed `itogi` in a
 * folder outside the repository on a copy of the seed content.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, normalize, REPO, SEED_CONTENT } from '../deck/build.js';
import { builtRoot } from '../helpers/built.js';
import { openPptx, slideTexts } from '../helpers/pptx.js';

const run = promisify(execFile);
const MINUTES = 60_000;

/** npm run by `npm test` exports npm_* settings (prefix, global, …) that must not leak into the nested npm calls. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

async function npm(args: string[], cwd: string): Promise<{ stdout: string; stderr: string; ms: number }> {
  const t0 = performance.now();
  const { stdout, stderr } = await run('npm', args, { cwd, env: cleanEnv, timeout: 10 * MINUTES, maxBuffer: 64 << 20 });
  return { stdout, stderr, ms: Math.round(performance.now() - t0) };
}

/** Tracked files and new ones not ignored: what a fresh clone of this working tree would hold. */
async function copyWorkingTree(to: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO,
    maxBuffer: 16 << 20,
  });
  for (const file of stdout.split('\0').filter((f) => f !== '')) {
    await cp(join(REPO, file), join(to, file), { recursive: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e; // a tracked file deleted in the working tree
    });
  }
  await symlink(join(REPO, 'node_modules'), join(to, 'node_modules'), 'dir');
}

let dir: string;
let tarball: string;
let packed: string[];
let itogi: string;
let work: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'itogi-pack-'));
  const tree = join(dir, 'tree');
  await copyWorkingTree(tree);

  // The run's build instead of `prepare` (npm run build): the project is built once per test run.
  await cp(join(builtRoot(), 'dist'), join(tree, 'dist'), { recursive: true });
  const pack = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], tree);
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(dir, info!.filename);
  packed = info!.files.map((f) => f.path);

  // A tarball install runs no `prepare`: whatever runs must already be in it.
  const prefix = join(dir, 'prefix');
  const install = await npm(
    ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball],
    dir,
  );
  itogi = process.platform === 'win32' ? join(prefix, 'itogi.cmd') : join(prefix, 'bin', 'itogi');
  console.info(`npm pack ${pack.ms} ms, npm install -g ${install.ms} ms`);

  work = join(dir, 'somewhere', 'else');
  await mkdir(join(work, 'content', '2023'), { recursive: true });
  await cp(SEED_CONTENT, join(work, 'content', '2023', 'institutional-environment.yaml'));
}, 20 * MINUTES);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the compiled tool, its preview script, the shipped template, the schema and the guides', () => {
    for (const file of [
      'package.json',
      'README.md',
      'dist/bin.cjs',
      'dist/bin.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/batch/worker.js',
      'dist/assets/preview.js',
      'templates/surgut/template.yaml',
      'schema/content.schema.json',
      'docs/guide.md',
      'docs/content-format.md',
    ])
      expect(packed, file).toContain(file);
    // The bundled CLI and its code caches (check's and the whole), named by a hash of the bundle.
    expect(packed.filter((f) => /^dist\/bundle\/itogi-\w+\.(cjs|cache|check\.cache)$/.test(f))).toHaveLength(3);
  });

  it('carries the shipped template validated in its bundle (src/template/load.ts skips parsing that text)', async () => {
    const bundle = packed.find((f) => /^dist\/bundle\/itogi-\w+\.cjs$/.test(f))!;
    const text = await readFile(join(dir, 'tree', bundle), 'latin1');
    // the template's own text, as a string in the bundle (the schema alone has only the field names)
    // (esbuild writes it as a template literal with real line breaks, or with \n escapes)
    expect(text).toMatch(/body_max_pt: 22(\n|\\n) {2}body_min_pt: 14(\n|\\n)/);
  });

  it('leaves the sources, the tests and the sample content out', () => {
    expect(packed.filter((f) => /^(src|tests|content|bench|scripts|\.ci)\//.test(f))).toEqual([]);
  });
});

describe('itogi installed with npm install -g, run outside the repository', () => {
  it('builds the seed with the shipped template: the same deck, byte for byte, as the repository builds', async () => {
    const t0 = performance.now();
    const { stderr } = await run(itogi, ['build', '--no-summary'], { cwd: work, env: cleanEnv, timeout: 5 * MINUTES });
    console.info(`installed itogi build: ${Math.round(performance.now() - t0)} ms`);
    expect(stderr).toMatch(/^Собрано: 1, без изменений: 0, с ошибками: 0/m); // the closing line goes to stderr
    const deck = await readFile(join(work, 'output', '2023', 'institutional-environment.pptx'));
    const pkg = await openPptx(deck);
    const title = normalize(slideTexts(pkg.slides[0]!).join(' '));
    expect(title).toContain('ИТОГИ 2023 ГОДА');
    expect(title).toContain('«ИНСТИТУЦИОНАЛЬНАЯ СРЕДА (ГРАЖДАНСКОЕ ОБЩЕСТВО И ВЛАСТЬ)»');
    const here = await build(SEED_CONTENT, join(dir, 'repo-build'));
    expect(deck.equals(here.buffer), 'the installed tool and the repository build the same bytes').toBe(true);
  });

  it('starts from the code caches made when it was packed (same Node here): check its own, the rest the whole', async () => {
    const debug = async (args: string[]) =>
      (await run(itogi, args, { cwd: work, env: { ...cleanEnv, ITOGI_DEBUG: '1' }, timeout: 5 * MINUTES })).stderr;
    expect(await debug(['check'])).toMatch(
      /itogi: кэш скомпилированного кода: использован \(itogi-\w+\.check\.cache\)/,
    );
    expect(await debug(['schema'])).toMatch(/itogi: кэш скомпилированного кода: использован \(itogi-\w+\.cache\)/);
    // A worker thread runs under the V8 flags the launcher set, which the caches were made with.
    const two = join(dir, 'two');
    await mkdir(join(two, 'content', '2023'), { recursive: true });
    await cp(SEED_CONTENT, join(two, 'content', '2023', 'institutional-environment.yaml'));
    await cp(
      join(REPO, 'tests', 'fixtures', 'workspace', 'content', '2023', 'economy.yaml'),
      join(two, 'content', '2023', 'economy.yaml'),
    );
    const { stderr } = await run(itogi, ['build', '--jobs', '2'], {
      cwd: two,
      env: { ...cleanEnv, ITOGI_DEBUG: '1' },
      timeout: 5 * MINUTES,
    });
    // The flag is set on V8 11 (Node 20) only, where it was measured (src/launch/bundle.ts).
    expect(stderr).toMatch(
      process.versions.v8.startsWith('11.') ? /флаги V8: --interrupt-budget=\d+/ : /флаги V8: нет/,
    );
    expect(stderr).toMatch(/itogi: поток сборки: кэш скомпилированного кода: использован/);
    expect(stderr).toMatch(/^Собрано: 3, без изменений: 0, с ошибками: 0/m);
  });

  it('validates an edited copy of the shipped template again (the bundle holds the shipped one validated)', async () => {
    const edited = join(dir, 'edited');
    await mkdir(join(edited, 'templates', 'surgut'), { recursive: true });
    await cp(join(work, 'content'), join(edited, 'content'), { recursive: true });
    const shipped = await readFile(join(REPO, 'templates', 'surgut', 'template.yaml'), 'utf8');
    expect(shipped).toContain('  body_min_pt: 14\n');
    await writeFile(
      join(edited, 'templates', 'surgut', 'template.yaml'),
      shipped.replace('  body_min_pt: 14\n', '  body_min_pt: 24\n'),
    );
    const failed = await run(itogi, ['check'], { cwd: edited, env: cleanEnv, timeout: 5 * MINUTES }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stderr).toContain('минимальный размер шрифта больше максимального');
  });

  it('checks the seed there and prints its result line', async () => {
    const { stdout, stderr } = await run(itogi, ['check'], { cwd: work, env: cleanEnv, timeout: 5 * MINUTES });
    expect(stdout).toContain('ИТОГ: ДОСТИЖЕНИЕ В 2023 ГОДУ ПЛАНОВЫХ ЗНАЧЕНИЙ ПО ВСЕМ ШЕСТИ ПОКАЗАТЕЛЯМ.');
    expect(stderr).toBe('Проверено: 1 из 1\n'); // nothing else: no V8 flag warning, no debug line
  });
});
