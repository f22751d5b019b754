/**
 * The core every runner stands on: what one update of saved files changes
 * (the files to report and build, the years whose summary may differ), and
 * the templates it owns.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../src/core/workspace.js';
import { hasErrors } from '../../src/errors.js';
import { BUILTIN_TEMPLATES } from '../../src/template/load.js';
import { writeDirections } from '../helpers/directions.js';

let cwd: string;
let files: string[];
let workspace: Workspace;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'itogi-workspace-'));
  files = await writeDirections(join(cwd, 'content', '2023'), 3);
  workspace = new Workspace({ cwd, outDir: 'output' });
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const names = (changes: { path: string }[]) => changes.map((c) => c.path.slice(cwd.length + 1));

describe('Workspace.update', () => {
  it('first update: every file to build and the year to summarize; nothing new after it', async () => {
    const first = await workspace.update(files);
    expect(names(first.files)).toEqual([
      'content/2023/direction-01.yaml',
      'content/2023/direction-02.yaml',
      'content/2023/direction-03.yaml',
    ]);
    expect(first.files.every((c) => c.reread && !hasErrors(c.checked.diagnostics))).toBe(true);
    expect(first.years.map((p) => [p.year, p.state, p.summary?.files.length])).toEqual([[2023, 'complete', 3]]);
    expect(await workspace.update([])).toEqual({ files: [], gone: [], years: [] });
  });

  it('a broken save: that file alone, and its year held back naming it', async () => {
    await workspace.update(files);
    await writeFile(files[1]!, (await readFile(files[1]!, 'utf8')).replace('fact: 80.4', 'fact: 80,4,5'));
    const next = await workspace.update([files[1]!]);
    expect(names(next.files)).toEqual(['content/2023/direction-02.yaml']);
    expect(hasErrors(next.files[0]!.checked.diagnostics)).toBe(true);
    const [plan] = next.years;
    expect(plan?.state).toBe('incomplete');
    expect(plan?.missing).toEqual([{ file: join('content', '2023', 'direction-02.yaml'), id: 'direction-02' }]);
    expect(workspace.summary(plan!)).toBeUndefined();
    expect(workspace.held(plan!)?.message).toContain('direction-02');
    const marked = await workspace.summary(plan!, true);
    expect(marked?.layout.slides.length).toBeGreaterThan(0);
  });

  it('a copy saved later: both files judged anew, neither built; removing it frees the original', async () => {
    await workspace.update(files);
    const copy = join(cwd, 'content', '2023', 'direction-01 - копия.yaml');
    await cp(files[0]!, copy);
    const saved = await workspace.update([copy]);
    expect(names(saved.files).sort()).toEqual([
      'content/2023/direction-01 - копия.yaml',
      'content/2023/direction-01.yaml',
    ]);
    expect(saved.files.map((c) => c.reread)).toEqual(saved.files.map((c) => c.path === copy));
    for (const c of saved.files) expect(c.checked.diagnostics.map((d) => d.code)).toContain('DuplicateOutput');

    await rm(copy);
    const removed = await workspace.update([copy]);
    expect(names(removed.gone)).toEqual(['content/2023/direction-01 - копия.yaml']);
    expect(names(removed.files)).toEqual(['content/2023/direction-01.yaml']);
    expect(hasErrors(removed.files[0]!.checked.diagnostics)).toBe(false);
    expect(removed.years.map((p) => p.state)).toEqual(['complete']);
  });

  it('a file named alone and missing is kept (and reported) when asked, forgotten otherwise', async () => {
    await workspace.update(files);
    await rm(files[2]!);
    const kept = await workspace.update([files[2]!], (p) => p === files[2]);
    expect(names(kept.files)).toEqual(['content/2023/direction-03.yaml']);
    expect(kept.files[0]!.checked.diagnostics.map((d) => d.code)).toContain('FileUnreadable');
    const forgotten = await new Workspace({ cwd, outDir: 'output' }).update(files);
    expect(forgotten.files).toHaveLength(2);
  });
});

describe('Workspace templates', () => {
  it('are read once per workspace and again after forgetTemplates, never shared between workspaces', async () => {
    const local = join(cwd, 'templates', 'surgut');
    await cp(join(BUILTIN_TEMPLATES, 'surgut'), local, { recursive: true });
    const yaml = join(local, 'template.yaml');
    const retitle = async (title: string) =>
      writeFile(yaml, (await readFile(yaml, 'utf8')).replace(/^(\s*report_title:).*$/m, `$1 '${title}'`));
    await retitle('ПЕРВЫЙ {year}');
    const first = await workspace.update([files[0]!]);
    const titleOf = (c: (typeof first.files)[number]) => c.checked.template?.template.labels.report_title;
    expect(titleOf(first.files[0]!)).toBe('ПЕРВЫЙ {year}');

    await retitle('ВТОРОЙ {year}');
    expect(titleOf((await workspace.update([files[0]!])).files[0]!)).toBe('ПЕРВЫЙ {year}');
    expect(titleOf((await new Workspace({ cwd, outDir: 'output' }).update([files[0]!])).files[0]!)).toBe(
      'ВТОРОЙ {year}',
    );
    workspace.forgetTemplates();
    expect(titleOf((await workspace.update([files[0]!])).files[0]!)).toBe('ВТОРОЙ {year}');
  });
});
