/** Issue 20: the template's text colours checked for 4.5:1 when it is loaded, a warning naming the pair. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/api.js';
import { formatDiagnostic } from '../../src/errors.js';
import { contrastRatio, lowContrastPairs } from '../../src/template/contrast.js';
import { BUILTIN_TEMPLATES, loadTemplate } from '../../src/template/load.js';
import { SEED_CONTENT } from '../deck/build.js';
import { localSurgut } from '../helpers/template.js';

let cwd = '';
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'itogi-contrast-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const surgutWith = (change: (yaml: string) => string) => localSurgut(cwd, change);

describe('contrastRatio', () => {
  it('gives WCAG 2.1’s ratios', () => {
    expect(contrastRatio('000000', 'FFFFFF')).toBeCloseTo(21, 5);
    expect(contrastRatio('FFFFFF', 'FFFFFF')).toBe(1);
    // #767676 is the lightest grey that passes 4.5:1 on white; #777777 fails.
    expect(contrastRatio('767676', 'FFFFFF')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('777777', 'FFFFFF')).toBeLessThan(4.5);
    expect(contrastRatio('1F3A68', 'FFFFFF')).toBe(contrastRatio('FFFFFF', '1F3A68'));
  });
});

describe('the template’s colour pairs', () => {
  it('pass in the shipped template: no warning', async () => {
    const { template, warnings } = await loadTemplate('surgut', BUILTIN_TEMPLATES.replace(/\/templates$/, ''));
    expect(lowContrastPairs(template.colors)).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('warn, naming the pair and its ratio, at the colour’s line', async () => {
    let line = 0;
    await surgutWith((y) => {
      line = y.split('\n').findIndex((l) => /^ {2}muted: /.test(l)) + 1;
      return y.replace(/^( {2}muted: ).*$/m, '$1A0AEC0');
    });
    const { warnings } = await loadTemplate('surgut', cwd);
    expect(line).toBeGreaterThan(0);
    expect(warnings.map((d) => formatDiagnostic({ ...d, file: 'T' }))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^T:${line}:10: предупреждение: colors\\.muted: цвет colors\\.muted \\(#A0AEC0\\) на фоне colors\\.background \\(#FFFFFF\\): контраст 2,\\d\\d:1, меньше 4,5:1`,
        ),
      ),
    ]);
  });

  it('reach the user with every file that uses the template', async () => {
    await surgutWith((y) => y.replace(/^( {2}table_header_text: ).*$/m, '$14A6491'));
    const yaml = (await readFile(SEED_CONTENT, 'utf8')).replace(/^template: .*$/m, 'template: surgut');
    const file = join(cwd, 'direction.yaml');
    await writeFile(file, yaml);
    const checked = await checkFile(file, { cwd });
    const said = checked.diagnostics.filter((d) => d.code === 'TemplateLowContrast');
    expect(said, checked.diagnostics.map((d) => d.message).join('\n')).toHaveLength(1);
    expect(said[0]!.severity).toBe('warning');
    expect(said[0]!.message).toContain('цвет colors.table_header_text (#4A6491) на фоне colors.table_header (#1F3A68)');
    expect(checked.computed).toBeDefined();
  });
});
