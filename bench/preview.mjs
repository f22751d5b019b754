// Bench section 7: preview/watch, a save end to end, as a user has it. The compiled CLI runs in its
// own process (`itogi preview` / `itogi watch` in a temp copy of the seed); this process saves the
// seed (writeFile, a one-value edit each time, a second apart: one save per user keystroke burst)
// and times, from just before the write:
//   - the server's `change` event arriving on an open /events stream (localhost: the moment it leaves);
//   - the page in Debian's chromium (playwright-core) having swapped the new slides in (fetch of the
//     fragment, innerHTML, charts drawn) and the next animation frame after it (the frame that shows it);
//   - for watch, the deck written under output/ (its terminal line).
// Plus, in this process, the warm stages of one save: check, layout + slides' HTML, .pptx.
// Alone: `node bench/preview.mjs [REPO]` (REPO: a built copy of the project, default this one).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SEED_REL = join('content', '2023', 'institutional-environment.yaml');
const FACT = '      fact: 80.4';
/** Between saves: the previous save's work (the .pptx after the slides) is done, as between a user's saves. */
const PAUSE_MS = 700;
const WAIT_MS = 10_000;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A temp project: the seed under content/, nothing else (templates come from the package). */
function seedProject(repo, prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'content', '2023'), { recursive: true });
  cpSync(join(repo, SEED_REL), join(dir, SEED_REL));
  return { dir, file: join(dir, SEED_REL), text: readFileSync(join(repo, SEED_REL), 'utf8') };
}

/** The CLI in its own process; resolves when `ready` matches a line of its stdout. */
function startCli(repo, args, cwd, ready) {
  const child = spawn(process.execPath, [join(repo, 'dist', 'bin.cjs'), ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const waiters = [];
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (d) => {
    const at = now();
    buffered += d;
    const parts = buffered.split('\n');
    buffered = parts.pop();
    for (const line of parts) {
      lines.push({ line, at });
      for (const w of [...waiters]) w();
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d) => process.stderr.write(`  [${args[0]}] ${d}`));
  /** The first line from index `from` on that matches. */
  const line = (re, from = 0) =>
    new Promise((resolveLine, reject) => {
      const look = () => {
        const hit = lines.slice(from).find((l) => re.test(l.line));
        if (!hit) return false;
        waiters.splice(waiters.indexOf(look), 1);
        clearTimeout(timer);
        resolveLine(hit);
        return true;
      };
      const timer = setTimeout(() => reject(new Error(`no line ${re} from itogi ${args[0]}`)), WAIT_MS * 3);
      waiters.push(look);
      look();
    });
  const stop = () =>
    new Promise((r) => {
      child.once('exit', r);
      child.kill('SIGINT');
    });
  return { child, lines, line, stop, started: line(ready) };
}

/** CPU time of a process so far (user + system, ms; Linux /proc, in clock ticks of 10 ms). */
function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** An open /events stream: every `change` event with the time it arrived. */
function eventStream(port) {
  const events = [];
  const req = request({ host: '127.0.0.1', port, path: '/events', headers: { Host: `127.0.0.1:${port}` } }, (res) => {
    res.setEncoding('utf8');
    let buffered = '';
    res.on('data', (d) => {
      const at = now();
      buffered += d;
      const blocks = buffered.split('\n\n');
      buffered = blocks.pop();
      for (const b of blocks) if (b.startsWith('event: change')) events.push({ at, data: b });
    });
  });
  req.end();
  return { events, close: () => req.destroy() };
}

async function until(what, ok) {
  const end = Date.now() + WAIT_MS;
  for (;;) {
    const v = await ok();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** Headless chromium on the deck page, recording when each new version is swapped in and its next frame. */
async function openPage(url) {
  if (!existsSync(CHROMIUM)) return undefined;
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'itogi-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForSelector('.itogi-slide');
  // live.js sets data-version after the new slides are in and drawn: the observer runs right after that script.
  await page.evaluate(() => {
    const body = document.body;
    const drawn = [];
    window.itogiBenchDrawn = drawn;
    new MutationObserver(() => {
      const swapped = performance.timeOrigin + performance.now();
      const version = body.dataset.version;
      requestAnimationFrame(() => drawn.push({ version, swapped, frame: performance.timeOrigin + performance.now() }));
    }).observe(body, { attributes: true, attributeFilter: ['data-version'] });
  });
  // The edit form's saves: when each answer arrives (the server answers once the file is written).
  await page.evaluate(() => {
    const fetched = window.fetch;
    window.itogiBenchWrites = [];
    window.fetch = function (url, init) {
      const answer = fetched.call(this, url, init);
      if (String(url).endsWith('/edit'))
        answer.then(() => window.itogiBenchWrites.push(performance.timeOrigin + performance.now()));
      return answer;
    };
  });
  return {
    /** Types a fact into the edit form and leaves the field (a save); resolves when the page has the answer. */
    async typeFact(value) {
      const before = await page.evaluate(() => window.itogiBenchWrites.length);
      await page.fill('[name="indicators.items[0].fact"]', value);
      await page.press('[name="indicators.items[0].fact"]', 'Tab');
      await until('the save', async () => (await page.evaluate(() => window.itogiBenchWrites.length)) > before);
      return page.evaluate((n) => window.itogiBenchWrites[n], before);
    },
    drawnCount: () => page.evaluate(() => window.itogiBenchDrawn.length),
    drawn: (i) => page.evaluate((n) => window.itogiBenchDrawn[n], i),
    text: () => page.evaluate(() => document.getElementById('itogi-live').textContent),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** `itogi preview` of the seed: saves → event on the stream → page swapped → frame. */
async function measurePreview(repo, runs) {
  const project = seedProject(repo, 'itogi-bench-preview-');
  const cli = startCli(repo, ['preview', '--port', '0', 'content'], project.dir, /^Просмотр: http/);
  try {
    const port = Number(/:(\d+)\//.exec((await cli.started).line)[1]);
    const stream = eventStream(port);
    const page = await openPage(`http://127.0.0.1:${port}/d/2023/institutional-environment/`).catch((e) => {
      process.stderr.write(`  chromium not used: ${e.message}\n`);
      return undefined;
    });
    const event = [];
    const swapped = [];
    const frame = [];
    await sleep(PAUSE_MS);
    let cpuFrom = Number.NaN;
    for (let i = 0; i < runs + 2; i++) {
      if (i === 2) cpuFrom = cpuOf(cli.child.pid);
      const seen = stream.events.length;
      const drawnBefore = page ? await page.drawnCount() : 0;
      const fact = `      fact: ${61 + i}`;
      const t = now();
      writeFileSync(project.file, project.text.replace(FACT, fact));
      const e = await until('the change event', () => stream.events[seen]);
      const d = page ? await until('the page', async () => (await page.drawnCount()) > drawnBefore) : undefined;
      await sleep(PAUSE_MS);
      // Warm-up saves are not counted; a save must have reached the page (or the stream) exactly once.
      if (i < 2) continue;
      event.push(e.at - t);
      if (page) {
        const x = await page.drawn(drawnBefore);
        swapped.push(x.swapped - t);
        frame.push(x.frame - t);
        if (d === undefined) throw new Error('no page update');
      }
    }
    const cpuPerSaveMs = (cpuOf(cli.child.pid) - cpuFrom) / runs;
    const extraEvents = stream.events.length - (runs + 2);
    // Saves from the page's edit form: from the written file (the save's answer) to the new slides swapped in.
    const formSwapped = [];
    const formFrame = [];
    for (let i = 0; page && i < runs + 2; i++) {
      const drawnBefore = await page.drawnCount();
      const written = await page.typeFact(`${70 + i},5`);
      await until('the page', async () => (await page.drawnCount()) > drawnBefore);
      const x = await page.drawn(drawnBefore);
      await sleep(PAUSE_MS);
      if (i < 2) continue;
      formSwapped.push(x.swapped - written);
      formFrame.push(x.frame - written);
    }
    stream.close();
    await page?.close();
    return {
      eventMs: median(event),
      eventMinMs: Math.min(...event),
      eventMaxMs: Math.max(...event),
      ...(page
        ? {
            swappedMs: median(swapped),
            frameMs: median(frame),
            formSwappedMs: median(formSwapped),
            formFrameMs: median(formFrame),
            formFrameMaxMs: Math.max(...formFrame),
          }
        : {}),
      // More change events than saves: rebuilds the page did not need (each one a fetch and a redraw).
      extraEvents,
      cpuPerSaveMs,
    };
  } finally {
    await cli.stop();
    rmSync(project.dir, { recursive: true, force: true });
  }
}

/** `itogi watch` of the seed: saves → the deck's line (written under output/). */
async function measureWatch(repo, runs) {
  const project = seedProject(repo, 'itogi-bench-watch-');
  const cli = startCli(repo, ['watch'], project.dir, /^Слежу за изменениями/);
  try {
    await cli.started;
    await sleep(PAUSE_MS);
    const written = [];
    let cpuFrom = Number.NaN;
    for (let i = 0; i < runs + 2; i++) {
      if (i === 2) cpuFrom = cpuOf(cli.child.pid);
      const from = cli.lines.length;
      const t = now();
      writeFileSync(project.file, project.text.replace(FACT, `      fact: ${61 + i}`));
      const l = await cli.line(/→ output\/2023\/institutional-environment\.pptx/, from);
      await sleep(PAUSE_MS);
      if (i >= 2) written.push(l.at - t);
    }
    return { writtenMs: median(written), cpuPerSaveMs: (cpuOf(cli.child.pid) - cpuFrom) / runs };
  } finally {
    await cli.stop();
    rmSync(project.dir, { recursive: true, force: true });
  }
}

/** One save's work in a warm process, by stage (no watcher, no server). */
async function measureStages(repo, runs) {
  const { checkFile, buildDeck } = await import(join(repo, 'dist/api.js'));
  const { layoutDeck } = await import(join(repo, 'dist/layout/slides.js'));
  const { renderSlidesHtml } = await import(join(repo, 'dist/render/html.js'));
  // A running preview keeps its templates loaded (its workspace's registry); older builds cached them per module.
  const { TemplateRegistry } = await import(join(repo, 'dist/template/load.js'));
  const templates = TemplateRegistry ? new TemplateRegistry() : undefined;
  const stages = { check: [], html: [], pptx: [] };
  const file = join(repo, SEED_REL);
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const checked = await checkFile(file, { cwd: repo, templates });
    const t1 = performance.now();
    renderSlidesHtml(layoutDeck(checked.computed, checked.template.template), checked.template);
    const t2 = performance.now();
    await buildDeck(checked, join(tmpdir(), 'itogi-bench-unused'));
    const t3 = performance.now();
    if (i < 2) continue;
    stages.check.push(t1 - t0);
    stages.html.push(t2 - t1);
    stages.pptx.push(t3 - t2);
  }
  return { checkMs: median(stages.check), htmlMs: median(stages.html), pptxMs: median(stages.pptx) };
}

export async function benchPreview(repo, runs) {
  // Not on the path of a save: the watcher's look again at a file, for a write chokidar did not report.
  const { SECOND_LOOK_MS } = await import(join(repo, 'dist/preview/watcher.js')).catch(() => ({}));
  return {
    runs,
    secondLookMs: SECOND_LOOK_MS,
    stages: await measureStages(repo, runs),
    preview: await measurePreview(repo, runs),
    watch: await measureWatch(repo, runs),
  };
}

/** The lines section 7 prints. */
export function previewReport(r) {
  const f = (x) => `${x.toFixed(1)} ms`;
  const p = r.preview;
  return [
    `preview/watch, a save of the seed → (medians of ${r.runs} saves, CLI in its own process):`,
    `  the change event on /events: ${f(p.eventMs)} (min ${f(p.eventMinMs)}, max ${f(p.eventMaxMs)}); extra events: ${p.extraEvents}; CPU of itogi preview per save (mean, the .pptx included): ${f(p.cpuPerSaveMs)}`,
    p.swappedMs === undefined
      ? '  the page: not measured (no /usr/bin/chromium)'
      : `  the page in headless chromium: slides swapped in ${f(p.swappedMs)}, next frame ${f(p.frameMs)}`,
    p.formFrameMs === undefined
      ? '  the edit form: not measured (no /usr/bin/chromium)'
      : `  a save from the page's edit form: slides updated ${f(p.formSwappedMs)} after the write, next frame ${f(p.formFrameMs)} (max ${f(p.formFrameMaxMs)}); target ≤ 100 ms: ${p.formFrameMs <= 100 ? 'met' : 'NOT met'}`,
    `  itogi watch: the deck written under output/ ${f(r.watch.writtenMs)}; CPU per save (mean): ${f(r.watch.cpuPerSaveMs)}`,
    `  one save's work, warm: check ${f(r.stages.checkMs)} + layout and slides' HTML ${f(r.stages.htmlMs)} + .pptx ${f(r.stages.pptxMs)}`,
    r.secondLookMs === undefined
      ? '  the watcher waits for a quiet spell before each rebuild (a build from before the second look)'
      : `  the watcher reports a save at once and looks at the file again ${r.secondLookMs} ms later (off the path)`,
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const repo = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
  const r = await benchPreview(repo, Number(process.env.BENCH_RUNS ?? 15));
  for (const line of previewReport(r)) console.log(line);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(r, null, 2));
}
