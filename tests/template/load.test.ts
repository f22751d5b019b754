/** Templates are data: validated with located errors, looked up locally first, then in the package. */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ItogiError, formatDiagnostic } from '../../src/errors.js';
import { createCanvas } from '@napi-rs/canvas';
import { BUILTIN_TEMPLATES, loadTemplate, MAX_IMAGE_BYTES, TemplateRegistry } from '../../src/template/load.js';
import { fill } from '../../src/template/placeholders.js';

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'itogi-template-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

/** A local copy of surgut with one line of its template.yaml changed. */
async function localSurgut(change: (yaml: string) => string): Promise<string> {
  const dir = join(cwd, 'templates', 'surgut');
  await cp(join(BUILTIN_TEMPLATES, 'surgut'), dir, { recursive: true });
  const file = join(dir, 'template.yaml');
  await writeFile(file, change(await readFile(file, 'utf8')));
  return file;
}

async function problems(): Promise<string[]> {
  try {
    await loadTemplate('surgut', cwd);
  } catch (e) {
    if (e instanceof ItogiError) return e.diagnostics.map((d) => formatDiagnostic({ ...d, file: 'T' }));
    throw e;
  }
  return [];
}

describe('loadTemplate', () => {
  it('loads the shipped surgut template from any folder', async () => {
    const { template, dir } = await loadTemplate('surgut', cwd);
    expect(dir).toBe(join(BUILTIN_TEMPLATES, 'surgut'));
    expect(template.sequence[0]).toBe('title');
    expect(template.slide.width_in / template.slide.height_in).toBeCloseTo(16 / 9, 2);
  });

  it('prefers templates/ of the current folder', async () => {
    await localSurgut((y) => y.replace('closing: СПАСИБО ЗА ВНИМАНИЕ!', 'closing: БЛАГОДАРИМ ЗА ВНИМАНИЕ!'));
    const { template, dir } = await loadTemplate('surgut', cwd);
    expect(dir).toBe(join(cwd, 'templates', 'surgut'));
    expect(template.labels.closing).toBe('БЛАГОДАРИМ ЗА ВНИМАНИЕ!');
  });

  it.each([
    [
      'an unknown placeholder',
      (y: string) => y.replace('continued: (продолжение)', 'continued: (продолжение {yaer})'),
      /labels\.continued: неизвестная подстановка \{yaer\}/,
    ],
    [
      '{title} inside report_title',
      (y: string) => y.replace('report_title: Итоги {year} года', 'report_title: "{title}"'),
      /labels\.report_title: подстановка \{title\} не может стоять/,
    ],
    [
      'a colour that is not hex',
      (y: string) => y.replace('primary: 1F3A68', 'primary: синий'),
      /colors\.primary: цвет задаётся шестью шестнадцатеричными цифрами/,
    ],
    [
      'an image outside its folder',
      (y: string) => y.replace('sequence:', 'images:\n  logo: ../../secret.png\nsequence:'),
      /images\.logo: картинка — файл \.png\/\.jpg внутри папки шаблона/,
    ],
    [
      'a missing image',
      (y: string) => y.replace('sequence:', 'images:\n  logo: logo.png\nsequence:'),
      /images\.logo: картинка «logo\.png» не найдена/,
    ],
    [
      'a direction placeholder in a summary label',
      (y: string) =>
        y.replace('summary_title: Реализация стратегии', 'summary_title: РЕАЛИЗАЦИЯ НАПРАВЛЕНИЯ «{direction.name}»'),
      /labels\.summary_title: в сводной презентации города нет одного направления: подстановка \{direction\.name\} здесь недопустима; допустимы: \{year\}, \{date\}, \{title\}/,
    ],
    [
      'an unknown slide kind',
      (y: string) => y.replace('sequence: [title,', 'sequence: [titel,'),
      /sequence\[0\]: допустимые значения/,
    ],
    [
      'an unknown chart kind',
      (y: string) => y.replace('chart: native', 'chart: png'),
      /chart: допустимые значения[\s\S]*native[\s\S]*picture/,
    ],
    [
      'a slide narrower than the title slide can be laid out on',
      (y: string) => y.replace('width_in: 13.333', 'width_in: 7.5'),
      /slide\.width_in: /,
    ],
    [
      'a slide lower than the layout needs',
      (y: string) => y.replace('height_in: 7.5', 'height_in: 4'),
      /slide\.height_in: /,
    ],
    [
      'a body minimum above the goal slide’s 28 pt',
      (y: string) => y.replace('body_min_pt: 14', 'body_min_pt: 30'),
      /fonts\.body_min_pt: /,
    ],
    [
      'a label longer than 150 characters',
      (y: string) => y.replace('closing: СПАСИБО ЗА ВНИМАНИЕ!', `closing: ${'СПАСИБО '.repeat(19)}`),
      /labels\.closing: /,
    ],
  ])('refuses %s with a located error', async (_, change, message) => {
    await localSurgut(change);
    const lines = await problems();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toMatch(/^T:\d+:\d+: ошибка: /);
    expect(lines.join('\n')).toMatch(message);
  });

  it.each([
    ['above table_max_pt', 20, 10],
    ['below table_min_pt', 11, 12],
  ])('refuses a table size %s with one message at table_pt’s line', async (_, size, min) => {
    let line = 0;
    await localSurgut((y) => {
      const out = y
        .replace(/^( {2}table_min_pt:) 10$/m, `$1 ${min}`)
        .replace(/^ {2}# table_pt: .*$/m, `  table_pt: ${size}`);
      line = out.split('\n').indexOf(`  table_pt: ${size}`) + 1;
      return out;
    });
    expect(line).toBeGreaterThan(0);
    expect(await problems()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^T:${line}:13: ошибка: fonts\\.table_pt: размер шрифта таблиц должен быть от table_min_pt до table_max_pt \\(от ${min} до 16 пт\\); получено «${size}»`,
        ),
      ),
    ]);
  });

  it('takes a table size at either end of the template’s range', async () => {
    await localSurgut((y) => y.replace(/^ {2}# table_pt: .*$/m, '  table_pt: 16'));
    expect((await loadTemplate('surgut', cwd)).template.fonts.table_pt).toBe(16);
    await localSurgut((y) => y.replace(/^ {2}# table_pt: .*$/m, '  table_pt: 10'));
    expect((await loadTemplate('surgut', cwd)).template.fonts.table_pt).toBe(10);
  });

  it('fills in the summary labels a template written before the summary deck leaves out', async () => {
    await localSurgut((y) => y.replace(/^ {2}summary_[a-z_]+: .*\n/gm, ''));
    const { template } = await loadTemplate('surgut', cwd);
    const shipped = (await loadTemplate('surgut', BUILTIN_TEMPLATES.replace(/\/templates$/, ''))).template;
    const summaryLabels = (l: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(l).filter(([k]) => k.startsWith('summary_')));
    expect(Object.keys(summaryLabels(template.labels)).length).toBeGreaterThanOrEqual(13);
    expect(summaryLabels(template.labels)).toEqual(summaryLabels(shipped.labels));
  });

  it('draws the chart natively unless the template says picture (surgut says native explicitly)', async () => {
    expect((await loadTemplate('surgut', cwd)).template.chart).toBe('native');
    await localSurgut((y) => y.replace(/^chart: native$/m, 'chart: picture'));
    expect((await loadTemplate('surgut', cwd)).template.chart).toBe('picture');
  });

  it('defaults to the native chart when a template has no chart: line', async () => {
    const file = await localSurgut((y) => y.replace(/^chart: native$/m, ''));
    expect(await readFile(file, 'utf8')).not.toMatch(/^chart:/m);
    expect((await loadTemplate('surgut', cwd)).template.chart).toBe('native');
  });

  it('refuses a logo that is not really a PNG or JPEG, at its line', async () => {
    const file = await localSurgut((y) => y.replace('sequence:', 'images:\n  logo: logo.png\nsequence:'));
    await writeFile(join(file, '..', 'logo.png'), 'GIF89a not a png');
    expect((await problems()).join('\n')).toMatch(
      /^T:\d+:\d+: ошибка: images\.logo: картинка «logo\.png» — не PNG и не JPEG/,
    );
  });

  it('suggests template keys, not content keys, for a typo', async () => {
    await localSurgut((y) => y.replace('sequence:', 'sequense:'));
    const text = (await problems()).join('\n');
    expect(text).toMatch(/sequense/);
    expect(text).toMatch(/«sequence»/);
  });

  it('names the available templates when one is missing', async () => {
    await expect(loadTemplate('nope', cwd)).rejects.toThrow(/шаблон «nope» не найден; доступные шаблоны: surgut/);
  });
});

/** mkfifo(1) makes a named pipe; a read of one blocks until someone writes. */
function mkfifo(path: string): boolean {
  try {
    execFileSync('mkfifo', [path]);
    return true;
  } catch {
    return false;
  }
}

describe('template pictures and files that are not what they seem', () => {
  /** A local surgut whose logo is `logo.png`; returns the logo's path. */
  const withLogo = async () => {
    const file = await localSurgut((y) => y.replace('sequence:', 'images:\n  logo: logo.png\nsequence:'));
    return join(file, '..', 'logo.png');
  };
  const logoProblem = async () => (await problems()).join('\n');

  it('loads a real PNG logo and keeps its bytes', async () => {
    const png = createCanvas(300, 300).toBuffer('image/png');
    await writeFile(await withLogo(), png);
    expect((await loadTemplate('surgut', cwd)).images.logo).toEqual(png);
  });

  it('refuses a logo that is a named pipe at once, instead of waiting for a writer forever', async (t) => {
    if (!mkfifo(await withLogo())) t.skip('mkfifo is not available');
    expect(await logoProblem()).toMatch(/^T:\d+:\d+: ошибка: images\.logo: картинка «logo\.png» — не обычный файл/);
  });

  it('refuses a logo that is a folder, in Russian and at its line', async () => {
    await mkdir(await withLogo());
    expect(await logoProblem()).toMatch(/^T:\d+:\d+: ошибка: images\.logo: картинка «logo\.png» — папка, а не файл/);
  });

  it('refuses a logo over the byte limit without reading it (a sparse 150 MB file)', async () => {
    const logo = await withLogo();
    await writeFile(logo, createCanvas(10, 10).toBuffer('image/png'));
    await truncate(logo, 150 * 1024 * 1024);
    expect(await logoProblem()).toMatch(
      new RegExp(`картинка «logo\\.png» слишком велика: ${150 * 1024 * 1024} байт, допустимо до ${MAX_IMAGE_BYTES}`),
    );
  });

  it.each([
    ['PNG', 'image/png', 5000, 40],
    ['JPEG', 'image/jpeg', 40, 4097],
  ] as const)('refuses a %s logo with too many pixels, read from its header', async (_, mime, width, height) => {
    await writeFile(await withLogo(), createCanvas(width, height).toBuffer(mime as 'image/png'));
    expect(await logoProblem()).toMatch(
      new RegExp(`картинка «logo\\.png» слишком велика: ${width}×${height} пикселей, допустимо до 4096`),
    );
  });

  it('refuses a PNG whose header is cut off', async () => {
    await writeFile(await withLogo(), createCanvas(10, 10).toBuffer('image/png').subarray(0, 16));
    expect(await logoProblem()).toMatch(/картинка «logo\.png» — повреждённый файл/);
  });

  it('speaks of the template, not of a direction file, when template.yaml is empty or not a mapping', async () => {
    await localSurgut(() => '   \n');
    const empty = await logoProblem();
    expect(empty).toMatch(/^T:1:1: ошибка: файл пуст; исправьте template\.yaml шаблона$/);
    await localSurgut(() => '- a\n- b\n');
    const list = await logoProblem();
    expect(list).toMatch(/исправьте template\.yaml шаблона/);
    for (const text of [empty, list]) expect(text).not.toMatch(/content\/|направлени|report:/);
  });

  it('refuses a template.yaml that is a named pipe', async (t) => {
    const file = await localSurgut((y) => y);
    await rm(file);
    if (!mkfifo(file)) t.skip('mkfifo is not available');
    expect(await logoProblem()).toMatch(/^T: ошибка: template\.yaml шаблона — не обычный файл/);
  });
});

describe('fill', () => {
  it.each([
    ['Итоги {year} года', 'Итоги 2023 года'],
    ['«{direction.name}»', '«Среда»'],
    ['без подстановок', 'без подстановок'],
  ])('%s', (label, expected) => {
    expect(fill(label, { year: 2023, 'direction.name': 'Среда' })).toBe(expected);
  });

  it('throws for a placeholder it has no value for', () => {
    expect(() => fill('{nope}', {})).toThrow(/неизвестная подстановка \{nope\}/);
  });
});

describe('TemplateRegistry: templates loaded once per runner, forgotten on request', () => {
  const withTitle = (title: string) => (y: string) => y.replace(/^(\s*report_title:).*$/m, `$1 '${title}'`);

  it('loads a template once, until told to forget it; a second registry reads the file as it is now', async () => {
    const file = await localSurgut(withTitle('Первый'));
    const registry = new TemplateRegistry();
    const first = await registry.load('surgut', cwd);
    await writeFile(file, withTitle('Второй')(await readFile(file, 'utf8')));
    expect(await registry.load('surgut', cwd)).toBe(first);
    expect((await new TemplateRegistry().load('surgut', cwd)).template.labels.report_title).toBe('Второй');
    registry.forget();
    expect((await registry.load('surgut', cwd)).template.labels.report_title).toBe('Второй');
    expect(first.template.labels.report_title).toBe('Первый');
  });

  it('keeps no broken template: a fixed file loads at the next try without forgetting', async () => {
    const file = await localSurgut((y) => y.replace(/^(\s*report_title:).*$/m, '$1 [не строка'));
    const registry = new TemplateRegistry();
    await expect(registry.load('surgut', cwd)).rejects.toBeInstanceOf(ItogiError);
    await writeFile(file, withTitle('Исправлено')(await readFile(file, 'utf8')));
    expect((await registry.load('surgut', cwd)).template.labels.report_title).toBe('Исправлено');
  });
});
