/**
 * A template's warning (its low contrast) is said once per template in a run,
 * at the template's line, however many direction files use the template, and
 * counted once: `check` and `build` here, the watch in
 * tests/preview/watch-rules.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closingLine, runItogi, useTempDir } from '../helpers/cli.js';
import { writeDirections } from '../helpers/directions.js';
import { contrastLines, lowContrastSurgut } from '../helpers/template.js';

describe('a template’s warning, with three directions that use it', () => {
  const tmp = useTempDir('itogi-template-warnings-');
  /** Where the warning is located: the line of `muted:` in the folder's template. */
  let line = 0;

  const setUp = async () => {
    await writeDirections(join(tmp(), 'content', '2023'), 3);
    line = await lowContrastSurgut(tmp());
  };
  const saidOnce = (lines: string[]) =>
    expect(contrastLines(lines)).toEqual([
      expect.stringMatching(
        new RegExp(`^templates/surgut/template\\.yaml:${line}:10: предупреждение: colors\\.muted: цвет colors\\.muted`),
      ),
    ]);

  it('check says it once', async () => {
    await setUp();
    const { code, err } = await runItogi(['check', 'content', '--no-summary'], tmp());
    expect(code).toBe(0);
    saidOnce(err);
    expect(err.at(-1)).toBe('Проверено: 3 из 3');
  });

  it('build says it once and counts it once', async () => {
    await setUp();
    const { code, out, err } = await runItogi(
      ['build', 'content', '--out', 'out', '--jobs', '1', '--no-summary'],
      tmp(),
    );
    expect(code).toBe(0);
    expect(out.filter((l) => l.includes('.pptx'))).toHaveLength(3);
    saidOnce(err);
    expect(err.at(-1)).toEqual(closingLine({ built: 3, unchanged: 0, failed: 0, warnings: 1 }));
  });
});
