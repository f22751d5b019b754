/**
 * The command line as typed data: commands and options are declared here and
 * parsed without running anything, so tests can check parsing alone.
 */
import { parseArgs } from 'node:util';
import { idProblem, MAX_YEAR, MIN_YEAR } from '../content/scaffold.js';
import { TEMPLATE_NAME_PATTERN } from '../content/schema.js';
import { closest, closestCommand, fromRussianLayout } from './suggest.js';

/** Where `itogi export` writes without --out. */
const DEFAULT_TABLE_FILE = 'показатели.xlsx';
/** Where `itogi publish` writes the site without --out. */
const DEFAULT_SITE_DIR = 'site';

const EXIT_CODES =
  'Код выхода: 0 — всё в порядке; 1 — в каком-то файле ошибка (остальные всё равно собраны); 2 — неверный вызов.';

/** Each command: what follows its name, what it does, examples (a test runs them through parseCli), exit codes. */
export const COMMANDS = {
  build: {
    args: '[ПУТЬ…]',
    summary: 'собрать презентации (.pptx) по YAML-файлам направлений и сводную по городу за год',
    examples: [
      ['itogi build', 'собрать все направления из content/ в output/<год>/ и сводную по городу'],
      ['itogi build content/2023/economy.yaml', 'собрать одно направление (сводная не пересобирается)'],
      ['itogi build --pdf --out decks', 'собрать в папку decks/ и сделать PDF рядом с каждой презентацией'],
    ],
    exit: EXIT_CODES,
  },
  check: {
    args: '[ПУТЬ…]',
    summary: 'проверить файлы и показать вычисленные показатели и итоги по городу, ничего не записывая',
    examples: [
      ['itogi check', 'проверить все файлы в content/'],
      ['itogi check content/2023/economy.yaml', 'проверить один файл'],
      ['itogi check --verbose', 'то же, с кодом каждой ошибки (для разработчиков)'],
    ],
    exit: EXIT_CODES,
  },
  preview: {
    args: '[ПУТЬ]',
    summary: 'показать слайды в браузере; страница обновляется сама при сохранении файла',
    examples: [
      ['itogi preview', 'открыть в браузере список направлений из content/'],
      ['itogi preview content/2023/economy.yaml', 'показать слайды одного направления'],
      ['itogi preview --host 0.0.0.0 --port 8080', 'показать коллегам в локальной сети'],
    ],
    exit: 'Работает до Ctrl+C (код выхода 0); 1 — путь не найден; 2 — неверный вызов, занятый порт или неверный --host.',
  },
  watch: {
    args: '[ПУТЬ…]',
    summary: 'пересобирать презентации при каждом сохранении файлов',
    examples: [
      ['itogi watch', 'следить за content/ и пересобирать презентации в output/'],
      ['itogi watch content/2023 --out decks', 'следить за одним годом, презентации — в decks/'],
    ],
    exit: 'Работает до Ctrl+C (код выхода 0); 1 — путь не найден; 2 — неверный вызов.',
  },
  new: {
    args: 'ИДЕНТИФИКАТОР',
    summary:
      'создать content/<год>/<идентификатор>.yaml: заготовку со всеми полями или (--from) копию прошлогоднего файла с очищенными фактами',
    examples: [
      ['itogi new digital-city', 'заготовка content/<текущий год>/digital-city.yaml'],
      [
        'itogi new economy --from content/2023/economy.yaml',
        'content/2024/economy.yaml из прошлогоднего: показатели и планы те же, факты очищены',
      ],
    ],
    exit: 'Код выхода: 0 — файл создан; 1 — не создан (такой файл уже есть, ошибка в файле --from); 2 — неверный вызов.',
  },
  export: {
    args: '[ПУТЬ…]',
    summary: 'выгрузить показатели в таблицу (.xlsx или .csv), чтобы заполнить план и факт в Excel, Р7 или МойОфис',
    examples: [
      ['itogi export --out показатели.xlsx', 'все направления из content/: лист на каждое направление'],
      ['itogi export content/2023 --out 2023.csv', 'один год в CSV (разделитель «;»)'],
    ],
    exit: 'Код выхода: 0 — таблица записана; 1 — в каком-то файле ошибка (он не выгружен); 2 — неверный вызов.',
  },
  import: {
    args: 'ТАБЛИЦА [ПУТЬ…]',
    summary: 'записать изменённые в таблице план, факт, наименования и единицы обратно в YAML-файлы',
    examples: [
      ['itogi import показатели.xlsx --dry-run', 'показать, что изменится (было → стало), ничего не записывая'],
      ['itogi import показатели.xlsx', 'записать изменения в файлы из content/'],
      ['itogi import 2023.csv content/2023', 'из CSV, только в файлы папки content/2023'],
    ],
    exit: 'Код выхода: 0 — изменения записаны (или их нет); 1 — ошибка в таблице или в файле, ни один файл не изменён; 2 — неверный вызов.',
  },
  publish: {
    args: '[ПУТЬ]',
    summary:
      'сделать сайт с итогами для публикации: страница на каждое направление и сводная, презентации, PDF и открытые данные (CSV, XLSX)',
    examples: [
      ['itogi publish --out site', 'все направления из content/ — в папку site/, откройте site/index.html'],
      ['itogi publish content/2023 --out site', 'сайт одного года'],
    ],
    exit: 'Код выхода: 0 — сайт записан; 1 — в каком-то файле ошибка (он не опубликован); 2 — неверный вызов.',
  },
  schema: {
    args: '',
    summary: 'записать schema/content.schema.json для подсказок в редакторе',
    examples: [['itogi schema', 'записать схему; редактор с поддержкой YAML подсказывает поля и ошибки']],
    exit: 'Код выхода: 0 — схема записана; 2 — неверный вызов.',
  },
} as const satisfies Record<
  string,
  { args: string; summary: string; examples: readonly (readonly [string, string])[]; exit: string }
>;

export type Command = keyof typeof COMMANDS;

export const OPTIONS = {
  out: { type: 'string', short: 'o', value: 'ПАПКА', description: 'папка для презентаций (по умолчанию output/)' },
  template: {
    type: 'string',
    short: 't',
    value: 'ИМЯ',
    description: 'шаблон оформления вместо указанного в файлах',
  },
  from: {
    type: 'string',
    short: 'f',
    value: 'ФАЙЛ',
    description: 'взять за основу файл прошлого года (год +1, факты очищены)',
  },
  year: {
    type: 'string',
    short: 'y',
    value: 'ГОД',
    description: 'отчётный год нового файла (по умолчанию текущий или следующий за --from)',
  },
  'no-summary': {
    type: 'boolean',
    description: 'без сводной по городу: build не пишет <год>/summary.pptx, check не печатает итоги по городу',
  },
  'incomplete-summary': {
    type: 'boolean',
    description:
      'собрать сводную по городу, даже если файлы каких-то направлений с ошибками: на каждом её слайде будет пометка «НЕПОЛНАЯ СВОДНАЯ» с их списком',
  },
  port: {
    type: 'string',
    short: 'p',
    value: 'N',
    description: 'порт для preview (по умолчанию 4870; 0 — любой свободный)',
  },
  host: {
    type: 'string',
    value: 'АДРЕС',
    description: 'адрес для preview (по умолчанию 127.0.0.1 — только этот компьютер)',
  },
  'no-open': {
    type: 'boolean',
    description: 'не открывать браузер (preview открывает страницу сам, когда запущен из терминала)',
  },
  jobs: {
    type: 'string',
    short: 'j',
    value: 'N',
    description: 'сколько презентаций собирать одновременно (по умолчанию — по числу ядер; 1 — в одном процессе)',
  },
  pdf: { type: 'boolean', description: 'сделать рядом с каждой презентацией PDF (нужен LibreOffice)' },
  'dry-run': { type: 'boolean', description: 'только показать изменения (было → стало), ничего не записывать' },
  verbose: {
    type: 'boolean',
    description: 'показывать у каждой ошибки её код (для разработчиков и отчётов об ошибках)',
  },
  help: { type: 'boolean', short: 'h', description: 'показать справку' },
  version: { type: 'boolean', short: 'v', description: 'показать версию' },
} as const;

export type OptionName = keyof typeof OPTIONS;
/** What parseArgs gives: a string for a string option, true for a flag. */
type OptionValues = { [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };

/** How an option is shown in help. */
type OptionShown = { description: string; short?: string; value?: string };

/** An option that means something else for one command (export's --out is a file, not a folder). */
const OPTION_TEXT: Partial<Record<Command, Partial<Record<OptionName, Partial<OptionShown>>>>> = {
  publish: { out: { description: `папка сайта (по умолчанию ${DEFAULT_SITE_DIR})` } },
  export: {
    out: {
      value: 'ФАЙЛ',
      description: `файл таблицы: .xlsx или .csv (по умолчанию ${DEFAULT_TABLE_FILE})`,
    },
  },
};

/** How an option is shown in a command's help. */
export function optionShown(command: Command, name: OptionName): OptionShown {
  return { ...OPTIONS[name], ...OPTION_TEXT[command]?.[name] };
}

/** Options every command takes: they are not listed in COMMAND_OPTIONS. */
const GLOBAL_OPTIONS: readonly OptionName[] = ['help', 'version'];

/** The options each command takes (besides --help and --version): its parser knows only these. */
export const COMMAND_OPTIONS: Record<Command, readonly OptionName[]> = {
  build: ['out', 'template', 'jobs', 'pdf', 'no-summary', 'incomplete-summary', 'verbose'],
  check: ['template', 'no-summary', 'verbose'],
  preview: ['template', 'port', 'host', 'no-open'],
  watch: ['out', 'template', 'verbose'],
  new: ['from', 'year'],
  export: ['out', 'verbose'],
  import: ['dry-run', 'verbose'],
  publish: ['out', 'template', 'verbose'],
  schema: [],
};

/** Russian words for the commands: «itogi сборка» is answered with «itogi build». */
const COMMAND_WORDS: Record<Command | typeof HELP_WORD, readonly string[]> = {
  build: ['сборка', 'собрать'],
  check: ['проверка', 'проверить'],
  preview: ['просмотр', 'показать'],
  watch: ['слежение', 'следить'],
  new: ['новый', 'создать'],
  export: ['выгрузка', 'выгрузить', 'экспорт'],
  import: ['загрузка', 'загрузить', 'импорт'],
  publish: ['публикация', 'опубликовать', 'сайт'],
  schema: ['схема'],
  help: ['справка', 'помощь'],
};

/** The commands that take an option, after «у»: «команды build», «команд build и watch». */
function ownersOf(name: OptionName): string {
  const owners = (Object.keys(COMMAND_OPTIONS) as Command[]).filter((c) => COMMAND_OPTIONS[c].includes(name));
  return owners.length === 1 ? `команды ${owners[0]}` : `команд ${owners.slice(0, -1).join(', ')} и ${owners.at(-1)}`;
}

export const DEFAULT_CONTENT_DIR = 'content';
export const DEFAULT_OUT_DIR = 'output';

/** The commands of their own request kind; every other command is a `run` request (parseRun). */
type OwnKindCommand = 'new' | 'export' | 'import' | 'publish';

export type CliRequest =
  /** The overview (`itogi --help`, `itogi help`), or one command's help (`itogi help build`, `itogi build --help`). */
  | { kind: 'help'; command?: Command }
  | { kind: 'version' }
  | {
      kind: 'run';
      command: Exclude<Command, OwnKindCommand>;
      paths: string[];
      out: string;
      template?: string;
      noSummary?: true;
      incompleteSummary?: true;
      port?: number;
      host?: string;
      noOpen?: true;
      jobs?: number;
      pdf?: boolean;
      verbose?: true;
    }
  | { kind: 'new'; id: string; from?: string; year?: number }
  /** `itogi export [ПУТЬ…] [--out ФАЙЛ]`: the table file to write (.xlsx or .csv). */
  | { kind: 'export'; paths: string[]; out: string; verbose?: true }
  /** `itogi publish [ПУТЬ] [--out ПАПКА]`: the static site. */
  | { kind: 'publish'; paths: string[]; out: string; template?: string; verbose?: true }
  /** `itogi import ТАБЛИЦА [ПУТЬ…] [--dry-run]`. */
  | { kind: 'import'; table: string; paths: string[]; dryRun?: true; verbose?: true }
  /** `suggestion`: what a typo most likely meant («itogi build», «--out»). */
  | { kind: 'usage-error'; message: string; suggestion?: string };

type UsageError = Extract<CliRequest, { kind: 'usage-error' }>;

const isCommand = (s: string | undefined): s is Command => s !== undefined && Object.hasOwn(COMMANDS, s);

/** `help` is a word before a command, not a command of its own: it is suggested for a typo but not listed. */
const HELP_WORD = 'help';

function unknownCommand(word: string): UsageError {
  const near = closestCommand(word, [...Object.keys(COMMANDS), HELP_WORD], COMMAND_WORDS);
  return {
    kind: 'usage-error',
    message: `неизвестная команда «${word}»${near?.layout ? ` (в английской раскладке — «${near.layout}»)` : ''}; доступны: ${Object.keys(COMMANDS).join(', ')}`,
    ...(near ? { suggestion: `itogi ${near.command}` } : {}),
  };
}

/** node:util parseArgs's errors, said in Russian; `command`: whose options were parsed (none: those before it). */
function parseArgsFailure(e: unknown, argv: readonly string[], command?: Command): UsageError {
  const raw = e instanceof Error ? e.message : String(e);
  const code = (e as NodeJS.ErrnoException).code;
  const quoted = /'([^']+)'/.exec(raw)?.[1];
  // Node quotes an option as '-o, --out <value>': name it by its long form only.
  const option = quoted ? (/--[\w-]+/.exec(quoted)?.[0] ?? quoted) : undefined;
  if (!option) return { kind: 'usage-error', message: 'неверные параметры' };
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/ambiguous/i.test(raw)) {
      // `--jobs -1`: the value starts with a dash, so it was taken for an option; name both.
      const at = argv.findIndex((a) => a === quoted || a === option);
      const value = at >= 0 ? argv[at + 1] : undefined;
      const long = /--[\w-]+/.exec(raw.split('\n').at(-1) ?? '')?.[0] ?? option;
      return {
        kind: 'usage-error',
        message: `параметр ${long}: значение «${value ?? ''}» начинается с «-» и неверно${long === '--jobs' ? ' — укажите число от 1 и больше, например 2' : ''}`,
      };
    }
    const value = /does not take/i.test(raw)
      ? argv.find((a) => a.startsWith(`${option}=`))?.slice(option.length + 1)
      : undefined;
    return {
      kind: 'usage-error',
      message: /argument missing/i.test(raw)
        ? `параметру ${option} нужно значение`
        : `параметр ${option} не принимает значения${value !== undefined ? ` (указано «${value}»)` : ''}`,
    };
  }
  // An option some command takes, given to another one or before the command.
  const known = (Object.keys(OPTIONS) as OptionName[]).find(
    (name) => option === `--${name}` || (OPTIONS[name] as { short?: string }).short === option.slice(1),
  );
  if (known)
    return {
      kind: 'usage-error',
      message:
        command === undefined
          ? `параметр --${known} пишется после команды, например: itogi build --${known}`
          : `параметр --${known} не относится к команде ${command}: он есть у ${ownersOf(known)}`,
    };
  const own = command === undefined ? GLOBAL_OPTIONS : [...COMMAND_OPTIONS[command], ...GLOBAL_OPTIONS];
  const typed = option.startsWith('--') ? option.slice(2) : undefined;
  const near = typed === undefined ? undefined : (closest(typed, own) ?? closest(fromRussianLayout(typed), own));
  return {
    kind: 'usage-error',
    message: `неизвестный параметр ${option}`,
    ...(near ? { suggestion: `--${near}` } : {}),
  };
}

/** `itogi help [КОМАНДА]`. */
function parseHelp(words: readonly string[]): CliRequest {
  const [word, ...extra] = words;
  if (word === undefined) return { kind: 'help' };
  if (!isCommand(word)) return unknownCommand(word);
  if (extra.length > 0)
    return { kind: 'usage-error', message: `help: лишнее: ${extra.join(' ')}; пример: itogi help build` };
  return { kind: 'help', command: word };
}

/** parseArgs, strictly, with the given options only: any other is an error of the caller's to word. */
function strictParse(args: readonly string[], names: readonly OptionName[]) {
  const options = Object.fromEntries(names.map((n) => [n, OPTIONS[n]]));
  return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
}

/** Where the command word is: the first word that is not an option or an option's value. */
function commandAt(argv: readonly string[]): number {
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  return tokens.find((t) => t.kind === 'positional')?.index ?? -1;
}

/** `itogi [--help|--version] КОМАНДА [ПАРАМЕТРЫ…]`: each command's options are parsed by its own parser. */
export function parseCli(argv: readonly string[]): CliRequest {
  // `itogi` alone: what there is to do.
  if (argv.length === 0) return { kind: 'help' };
  const at = commandAt(argv);
  const head = at < 0 ? argv : argv.slice(0, at);
  let before;
  try {
    before = strictParse(head, GLOBAL_OPTIONS).values;
  } catch (e) {
    return parseArgsFailure(e, head);
  }
  const word = at < 0 ? undefined : argv[at]!;
  const rest = at < 0 ? [] : argv.slice(at + 1);
  if (word === HELP_WORD) return parseHelp(rest);
  if (word !== undefined && !isCommand(word)) return unknownCommand(word);
  if (before.help) return word === undefined ? { kind: 'help' } : { kind: 'help', command: word };
  if (before.version) return { kind: 'version' };
  if (word === undefined) return { kind: 'help' };
  let parsed;
  try {
    parsed = strictParse(rest, [...COMMAND_OPTIONS[word], ...GLOBAL_OPTIONS]);
  } catch (e) {
    return parseArgsFailure(e, rest, word);
  }
  const values = parsed.values as OptionValues;
  if (values.help) return { kind: 'help', command: word };
  if (values.version) return { kind: 'version' };
  const paths = parsed.positionals;
  if (word === 'new') return parseNew(paths, values);
  if (word === 'export' || word === 'import') return parseTable(word, paths, values);
  if (word === 'publish') return parsePublish(paths, values);
  return parseRun(word, paths, values);
}

/** A command that reads direction files (build, check, preview, watch) or writes the schema. */
function parseRun(command: Exclude<Command, OwnKindCommand>, paths: string[], values: OptionValues): CliRequest {
  if (command === 'schema' && paths.length > 0)
    return { kind: 'usage-error', message: 'команда schema не принимает путей' };
  const live = parseLiveOptions(command, paths, values);
  if (typeof live === 'string') return { kind: 'usage-error', message: live };
  const jobs =
    typeof values.jobs !== 'string' ? undefined : /^[1-9]\d{0,2}$/.test(values.jobs) ? Number(values.jobs) : NaN;
  if (Number.isNaN(jobs))
    return { kind: 'usage-error', message: `--jobs: «${values.jobs}» — укажите число от 1 до 999, например 2` };
  if (values.out === '') return { kind: 'usage-error', message: 'параметр --out: укажите папку' };
  if (values.template !== undefined && !TEMPLATE_NAME_PATTERN.test(values.template)) {
    return {
      kind: 'usage-error',
      message: `--template: «${values.template}» — укажите имя папки шаблона, например surgut`,
    };
  }
  return {
    kind: 'run',
    command,
    paths: paths.length > 0 ? paths : [DEFAULT_CONTENT_DIR],
    out: values.out ?? DEFAULT_OUT_DIR,
    ...(values.template !== undefined ? { template: values.template } : {}),
    ...(values['no-summary'] ? { noSummary: true as const } : {}),
    ...(values['incomplete-summary'] ? { incompleteSummary: true as const } : {}),
    ...(values['no-open'] ? { noOpen: true as const } : {}),
    ...live,
    ...(jobs !== undefined ? { jobs } : {}),
    ...(values.pdf ? { pdf: true } : {}),
    ...(values.verbose ? { verbose: true as const } : {}),
  };
}

/** `itogi publish [ПУТЬ] [--out ПАПКА] [--template ИМЯ]`. */
function parsePublish(paths: string[], values: OptionValues): CliRequest {
  if (paths.length > 1)
    return { kind: 'usage-error', message: `publish: укажите один путь (файл или папку), а не ${paths.length}` };
  if (values.out === '') return { kind: 'usage-error', message: 'параметр --out: укажите папку' };
  if (values.template !== undefined && !TEMPLATE_NAME_PATTERN.test(values.template))
    return {
      kind: 'usage-error',
      message: `--template: «${values.template}» — укажите имя папки шаблона, например surgut`,
    };
  return {
    kind: 'publish',
    paths: paths.length > 0 ? paths : [DEFAULT_CONTENT_DIR],
    out: values.out ?? DEFAULT_SITE_DIR,
    ...(values.template !== undefined ? { template: values.template } : {}),
    ...(values.verbose ? { verbose: true as const } : {}),
  };
}

/** `itogi export [ПУТЬ…] [--out ФАЙЛ]`, `itogi import ТАБЛИЦА [ПУТЬ…] [--dry-run]`. */
function parseTable(command: 'export' | 'import', paths: string[], values: OptionValues): CliRequest {
  const verbose = values.verbose ? { verbose: true as const } : {};
  if (command === 'export') {
    const out = values.out ?? DEFAULT_TABLE_FILE;
    if (!/\.(xlsx|csv)$/i.test(out))
      return {
        kind: 'usage-error',
        message: `--out: «${out}» — укажите файл .xlsx или .csv, например --out ${DEFAULT_TABLE_FILE}`,
      };
    return { kind: 'export', paths: paths.length > 0 ? paths : [DEFAULT_CONTENT_DIR], out, ...verbose };
  }
  const [table, ...rest] = paths;
  if (table === undefined || !/\.(xlsx|csv)$/i.test(table))
    return {
      kind: 'usage-error',
      message:
        table === undefined
          ? 'укажите таблицу .xlsx или .csv, например: itogi import показатели.xlsx'
          : `«${table}» — первым укажите таблицу .xlsx или .csv, например: itogi import показатели.xlsx`,
    };
  return {
    kind: 'import',
    table,
    paths: rest.length > 0 ? rest : [DEFAULT_CONTENT_DIR],
    ...(values['dry-run'] ? { dryRun: true as const } : {}),
    ...verbose,
  };
}

/** `itogi new <id> [--from FILE] [--year N]`: one id, a slug like direction.id; a year the schema accepts. */
function parseNew(paths: string[], values: OptionValues): CliRequest {
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

const PATH_NOTE = 'ПУТЬ — YAML-файл или папка (ищется вглубь); без пути — папка content/.';

/** `itogi build [ПУТЬ…] [--out ПАПКА] …`: from the command's options, so it cannot drift from what is accepted. */
function usageLine(command: Command): string {
  const options = COMMAND_OPTIONS[command].map((name) => {
    const o = optionShown(command, name);
    return `[--${name}${o.value ? ` ${o.value}` : ''}]`;
  });
  return ['itogi', command, COMMANDS[command].args, ...options].filter(Boolean).join(' ');
}

function optionLines(names: readonly OptionName[], command?: Command): string[] {
  return names.map((name) => {
    const o: OptionShown = command ? optionShown(command, name) : OPTIONS[name];
    return `  ${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}\n          ${o.description}`;
  });
}

/** `itogi --help`, `itogi help`: what each command does and its usage line; its options are in its own help. */
export function helpText(version: string): string {
  const commands = (Object.keys(COMMANDS) as Command[]).map((c) => `  ${usageLine(c)}\n      ${COMMANDS[c].summary}`);
  return [
    `itogi ${version}: итоги года по направлениям стратегии — YAML → проверка → PowerPoint`,
    '',
    'Команды:',
    ...commands,
    '',
    'Общие параметры:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Параметры и примеры команды: itogi help КОМАНДА (или itogi КОМАНДА --help), например itogi help build.',
    PATH_NOTE,
    EXIT_CODES,
    'preview и watch работают до Ctrl+C (код выхода 0); занятый порт или неверный --host — код 2.',
  ].join('\n');
}

/** `itogi help build`, `itogi build --help`: the command's usage line, its options only, examples. */
export function commandHelpText(command: Command): string {
  const { args, summary, examples, exit } = COMMANDS[command];
  const options = COMMAND_OPTIONS[command];
  return [
    `itogi ${command}: ${summary}`,
    '',
    `Использование: ${usageLine(command)}`,
    '',
    ...(options.length > 0 ? ['Параметры:', ...optionLines(options, command), ''] : []),
    'Примеры:',
    ...examples.map(([line, what]) => `  ${line}\n      ${what}`),
    '',
    ...(args.includes('ПУТЬ') ? [PATH_NOTE] : []),
    exit,
    'Все команды: itogi --help',
  ].join('\n');
}
