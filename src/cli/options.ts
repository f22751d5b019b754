/**
 * The command line as typed data: commands and options are declared here and
 * parsed without running anything, so tests can check parsing alone.
 */
import { parseArgs } from 'node:util';
import { idProblem, MAX_YEAR, MIN_YEAR } from '../content/scaffold.js';
import { TEMPLATE_NAME_PATTERN } from '../content/schema.js';

export const COMMANDS = {
  build: {
    usage: 'itogi build [ПУТЬ…] [--out ПАПКА] [--template ИМЯ] [--jobs N] [--pdf] [--no-summary]',
    summary: 'собрать презентации (.pptx) по YAML-файлам направлений и сводную по городу за год',
  },
  check: {
    usage: 'itogi check [ПУТЬ…] [--template ИМЯ] [--no-summary]',
    summary: 'проверить файлы и показать вычисленные показатели и итоги по городу, ничего не записывая',
  },
  preview: {
    usage: 'itogi preview [ПУТЬ] [--port N] [--host АДРЕС]',
    summary: 'показать слайды в браузере; страница обновляется сама при сохранении файла',
  },
  watch: {
    usage: 'itogi watch [ПУТЬ…] [--out ПАПКА]',
    summary: 'пересобирать презентации при каждом сохранении файлов',
  },
  new: {
    usage: 'itogi new ИДЕНТИФИКАТОР [--from ФАЙЛ] [--year ГОД]',
    summary:
      'создать content/<год>/<идентификатор>.yaml: заготовку со всеми полями или (--from) копию прошлогоднего файла с очищенными фактами',
  },
  schema: { usage: 'itogi schema', summary: 'записать schema/content.schema.json для подсказок в редакторе' },
} as const;

export type Command = keyof typeof COMMANDS;

export const OPTIONS = {
  out: { type: 'string', short: 'o', description: 'папка для презентаций (по умолчанию output/)' },
  template: { type: 'string', short: 't', description: 'шаблон оформления вместо указанного в файлах' },
  from: { type: 'string', short: 'f', description: 'new: взять за основу файл прошлого года (год +1, факты очищены)' },
  year: {
    type: 'string',
    short: 'y',
    description: 'new: отчётный год нового файла (по умолчанию текущий или следующий за --from)',
  },
  'no-summary': {
    type: 'boolean',
    description: 'без сводной по городу: build не пишет <год>/summary.pptx, check не печатает итоги по городу',
  },
  port: { type: 'string', short: 'p', description: 'порт для preview (по умолчанию 4870; 0 — любой свободный)' },
  host: { type: 'string', description: 'адрес для preview (по умолчанию 127.0.0.1 — только этот компьютер)' },
  jobs: {
    type: 'string',
    short: 'j',
    description: 'сколько презентаций собирать одновременно (по умолчанию — по числу ядер; 1 — в одном процессе)',
  },
  pdf: { type: 'boolean', description: 'сделать рядом с каждой презентацией PDF (нужен LibreOffice)' },
  help: { type: 'boolean', short: 'h', description: 'показать эту справку' },
  version: { type: 'boolean', short: 'v', description: 'показать версию' },
} as const;

type OptionName = keyof typeof OPTIONS;
type OptionValues = Partial<Record<OptionName, string | boolean | undefined>> & {
  from?: string;
  year?: string;
  out?: string;
  template?: string;
};

/** The options each command takes (besides --help and --version); any other is wrong usage, not silently ignored. */
export const COMMAND_OPTIONS: Record<Command, readonly OptionName[]> = {
  build: ['out', 'template', 'jobs', 'pdf', 'no-summary'],
  check: ['template', 'no-summary'],
  preview: ['template', 'port', 'host'],
  watch: ['out', 'template'],
  new: ['from', 'year'],
  schema: [],
};

function foreignOption(command: Command, values: OptionValues): string | undefined {
  const name = (Object.keys(values) as OptionName[]).find(
    (o) => values[o] !== undefined && o !== 'help' && o !== 'version' && !COMMAND_OPTIONS[command].includes(o),
  );
  return name === undefined ? undefined : `параметр --${name} не относится к команде ${command}`;
}

export const DEFAULT_CONTENT_DIR = 'content';
export const DEFAULT_OUT_DIR = 'output';

export type CliRequest =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'run';
      command: Exclude<Command, 'new'>;
      paths: string[];
      out: string;
      template?: string;
      noSummary?: true;
      port?: number;
      host?: string;
      jobs?: number;
      pdf?: boolean;
    }
  | { kind: 'new'; id: string; from?: string; year?: number }
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
      return {
        kind: 'usage-error',
        message: /argument missing/i.test(raw)
          ? `параметру ${option} нужно значение`
          : `параметр ${option} не принимает значения`,
      };
    }
    return { kind: 'usage-error', message: `неизвестный параметр ${option}` };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (!command) {
    const names = Object.keys(COMMANDS);
    return {
      kind: 'usage-error',
      message: `не указана команда (${names.slice(0, -1).join(', ')} или ${names.at(-1)})`,
    };
  }
  if (!isCommand(command))
    return {
      kind: 'usage-error',
      message: `неизвестная команда «${command}»; доступны: ${Object.keys(COMMANDS).join(', ')}`,
    };
  if (command !== 'new' && (values.from !== undefined || values.year !== undefined)) {
    return {
      kind: 'usage-error',
      message: `параметр ${values.from !== undefined ? '--from' : '--year'} относится только к команде new`,
    };
  }
  if (command === 'new') return parseNew(paths, values);
  if (command === 'schema' && paths.length > 0)
    return { kind: 'usage-error', message: 'команда schema не принимает путей' };
  if (command !== 'build' && command !== 'watch' && values.out !== undefined)
    return { kind: 'usage-error', message: `параметр --out относится только к командам build и watch` };
  const live = parseLiveOptions(command, paths, values);
  if (typeof live === 'string') return { kind: 'usage-error', message: live };
  for (const option of ['jobs', 'pdf'] as const) {
    if (command !== 'build' && values[option] !== undefined)
      return { kind: 'usage-error', message: `параметр --${option} относится только к команде build` };
  }
  const jobs = values.jobs === undefined ? undefined : /^[1-9]\d{0,2}$/.test(values.jobs) ? Number(values.jobs) : NaN;
  if (Number.isNaN(jobs))
    return { kind: 'usage-error', message: `--jobs: «${values.jobs}» — укажите число от 1 до 999, например 2` };
  if (values.out === '') return { kind: 'usage-error', message: 'параметр --out: укажите папку' };
  if (values.template !== undefined && !TEMPLATE_NAME_PATTERN.test(values.template)) {
    return {
      kind: 'usage-error',
      message: `--template: «${values.template}» — укажите имя папки шаблона, например surgut`,
    };
  }
  const foreign = foreignOption(command, values);
  if (foreign) return { kind: 'usage-error', message: foreign };
  return {
    kind: 'run',
    command,
    paths: paths.length > 0 ? paths : [DEFAULT_CONTENT_DIR],
    out: values.out ?? DEFAULT_OUT_DIR,
    ...(values.template !== undefined ? { template: values.template } : {}),
    ...(values['no-summary'] ? { noSummary: true as const } : {}),
    ...live,
    ...(jobs !== undefined ? { jobs } : {}),
    ...(values.pdf ? { pdf: true } : {}),
  };
}

/** `itogi new <id> [--from FILE] [--year N]`: one id, a slug like direction.id; a year the schema accepts. */
function parseNew(paths: string[], values: OptionValues): CliRequest {
  if (values.out !== undefined)
    return { kind: 'usage-error', message: 'параметр --out относится только к командам build и watch' };
  if (values.template !== undefined)
    return {
      kind: 'usage-error',
      message: 'параметр --template не относится к команде new; шаблон указывается в файле (template:)',
    };
  const [id, ...extra] = paths;
  if (id === undefined)
    return { kind: 'usage-error', message: 'укажите идентификатор направления, например: itogi new digital-city' };
  if (extra.length > 0)
    return { kind: 'usage-error', message: `команда new принимает один идентификатор, лишнее: ${extra.join(' ')}` };
  const bad = idProblem(id);
  if (bad) return { kind: 'usage-error', message: `идентификатор ${bad}` };
  if (values.from === '') return { kind: 'usage-error', message: 'параметр --from: укажите файл прошлого года' };
  let year: number | undefined;
  if (values.year !== undefined) {
    year = /^\d{4}$/.test(values.year) ? Number(values.year) : NaN;
    if (!(year >= MIN_YEAR && year <= MAX_YEAR))
      return {
        kind: 'usage-error',
        message: `--year: «${values.year}» — укажите год от ${MIN_YEAR} до ${MAX_YEAR}, например 2024`,
      };
  }
  const foreign = foreignOption('new', values);
  if (foreign) return { kind: 'usage-error', message: foreign };
  return {
    kind: 'new',
    id,
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(year !== undefined ? { year } : {}),
  };
}

/** --port and --host belong to preview, which shows one file or one folder; a message when the call is wrong. */
function parseLiveOptions(
  command: Command,
  paths: string[],
  values: { port?: string; host?: string },
): { port?: number; host?: string } | string {
  for (const name of ['port', 'host'] as const) {
    if (values[name] !== undefined && command !== 'preview')
      return `параметр --${name} относится только к команде preview`;
  }
  if (command === 'preview' && paths.length > 1) return 'команде preview нужен один путь: файл направления или папка';
  const out: { port?: number; host?: string } = {};
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535)
      return `--port: «${values.port}» — укажите номер порта от 0 до 65535 (0 — любой свободный)`;
    out.port = Number(values.port);
  }
  if (values.host !== undefined) {
    if (!/^[A-Za-z0-9.:-]{1,255}$/.test(values.host))
      return `--host: «${values.host}» — укажите IP-адрес этого компьютера, например 0.0.0.0 (все сети)`;
    out.host = values.host;
  }
  return out;
}

export function helpText(version: string): string {
  const commands = Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`);
  const options = Object.entries(OPTIONS).map(
    ([name, o]) =>
      `  ${'short' in o ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ' ЗНАЧЕНИЕ' : ''}\n      ${o.description}`,
  );
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
    'preview и watch работают до Ctrl+C (код выхода 0); занятый порт или неверный --host — код 2.',
  ].join('\n');
}
