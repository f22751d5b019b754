/**
 * The command line as typed data: commands and options are declared here and
 * parsed without running anything, so tests can check parsing alone.
 */
import { parseArgs } from 'node:util';
import { TEMPLATE_NAME_PATTERN } from '../content/schema.js';

export const COMMANDS = {
  build: { usage: 'itogi build [ПУТЬ…] [--out ПАПКА] [--template ИМЯ] [--jobs N] [--pdf]', summary: 'собрать презентации (.pptx) по YAML-файлам направлений' },
  check: { usage: 'itogi check [ПУТЬ…] [--template ИМЯ]', summary: 'проверить файлы и показать вычисленные показатели, ничего не записывая' },
  schema: { usage: 'itogi schema', summary: 'записать schema/content.schema.json для подсказок в редакторе' },
} as const;

export type Command = keyof typeof COMMANDS;

export const OPTIONS = {
  out: { type: 'string', short: 'o', description: 'папка для презентаций (по умолчанию output/)' },
  template: { type: 'string', short: 't', description: 'шаблон оформления вместо указанного в файлах' },
  jobs: { type: 'string', short: 'j', description: 'сколько презентаций собирать одновременно (по умолчанию — по числу ядер; 1 — в одном процессе)' },
  pdf: { type: 'boolean', short: 'p', description: 'сделать рядом с каждой презентацией PDF (нужен LibreOffice)' },
  help: { type: 'boolean', short: 'h', description: 'показать эту справку' },
  version: { type: 'boolean', short: 'v', description: 'показать версию' },
} as const;

export const DEFAULT_CONTENT_DIR = 'content';
export const DEFAULT_OUT_DIR = 'output';

export type CliRequest =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; command: Command; paths: string[]; out: string; template?: string; jobs?: number; pdf?: boolean }
  | { kind: 'usage-error'; message: string };

const isCommand = (s: string | undefined): s is Command => s !== undefined && Object.hasOwn(COMMANDS, s);

export function parseCli(argv: readonly string[]): CliRequest {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const code = (e as NodeJS.ErrnoException).code;
    const quoted = /'([^']+)'/.exec(raw)?.[1];
    // Node quotes an option as '-o, --out <value>': name it by its long form only.
    const option = quoted ? (/--[\w-]+/.exec(quoted)?.[0] ?? quoted) : undefined;
    if (!option) return { kind: 'usage-error', message: 'неверные параметры' };
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      return { kind: 'usage-error', message: /argument missing/i.test(raw) ? `параметру ${option} нужно значение` : `параметр ${option} не принимает значения` };
    }
    return { kind: 'usage-error', message: `неизвестный параметр ${option}` };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (!command) return { kind: 'usage-error', message: 'не указана команда (build, check или schema)' };
  if (!isCommand(command)) return { kind: 'usage-error', message: `неизвестная команда «${command}»; доступны: ${Object.keys(COMMANDS).join(', ')}` };
  if (command === 'schema' && paths.length > 0) return { kind: 'usage-error', message: 'команда schema не принимает путей' };
  if (command !== 'build' && values.out !== undefined) return { kind: 'usage-error', message: `параметр --out относится только к команде build` };
  for (const option of ['jobs', 'pdf'] as const) {
    if (command !== 'build' && values[option] !== undefined) return { kind: 'usage-error', message: `параметр --${option} относится только к команде build` };
  }
  const jobs = values.jobs === undefined ? undefined : /^[1-9]\d{0,2}$/.test(values.jobs) ? Number(values.jobs) : NaN;
  if (Number.isNaN(jobs)) return { kind: 'usage-error', message: `--jobs: «${values.jobs}» — укажите число от 1 до 999, например 2` };
  if (values.out === '') return { kind: 'usage-error', message: 'параметр --out: укажите папку' };
  if (values.template !== undefined && !TEMPLATE_NAME_PATTERN.test(values.template)) {
    return { kind: 'usage-error', message: `--template: «${values.template}» — укажите имя папки шаблона, например surgut` };
  }
  return {
    kind: 'run',
    command,
    paths: paths.length > 0 ? paths : [DEFAULT_CONTENT_DIR],
    out: values.out ?? DEFAULT_OUT_DIR,
    ...(values.template !== undefined ? { template: values.template } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    ...(values.pdf ? { pdf: true } : {}),
  };
}

export function helpText(version: string): string {
  const commands = Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`);
  const options = Object.entries(OPTIONS).map(([name, o]) => `  -${o.short}, --${name}${o.type === 'string' ? ' ЗНАЧЕНИЕ' : ''}\n      ${o.description}`);
  return [
    `itogi ${version}: итоги года по направлениям стратегии — YAML → проверка → PowerPoint`,
    '',
    'Команды:',
    ...commands,
    '',
    'Параметры:',
    ...options,
    '',
    'ПУТЬ — YAML-файл или папка (ищется вглубь); без пути — папка content/.',
    'Код выхода: 0 — всё в порядке; 1 — в каком-то файле ошибка (остальные всё равно собраны); 2 — неверный вызов.',
  ].join('\n');
}
