/**
 * The catalogue's data (Astro's core/errors shape): every problem itogi
 * reports has a stable code, a severity, a Russian message template (a
 * function of typed params) and a hint of its own.
 */
import { boundPhrase } from './grammar.js';
import type { Diagnostic } from './diagnostic.js';
import { writeFailureReason } from './system.js';

export type Severity = 'error' | 'warning';

/** One catalogue entry: `message` and `hintFor` are functions of the code's own params. */
export interface Entry<P> {
  severity: Severity;
  message: (p: P) => string;
  /** What to do. */
  hint: string;
  /** A hint that depends on the params (falls back to `hint` when it gives nothing). */
  hintFor?: (p: P) => string | undefined;
}

const INVALID_VALUE_HINT = 'исправьте значение по этому правилу';
const FORBIDDEN_CHAR_HINT = 'замените его пробелом или удалите';

/** How a value broke a bound: what it is, which side, and the bound the schema sets. */
export interface BoundParams {
  kind: 'bound';
  subject: 'number' | 'string' | 'array' | 'other';
  side: 'min' | 'max';
  inclusive: boolean;
  bound: number;
  got: string;
}

type InvalidValueParams =
  | { kind: 'type'; expected: string; got: string; hint?: string }
  | BoundParams
  | { kind: 'choice'; values: readonly string[]; got: string }
  /** A rule the schema states in its own words (a pattern, a refinement). */
  | { kind: 'rule'; rule: string; got?: string; hint?: string };

/** Why LibreOffice gave no PDF (output/pdf.ts throws it in a PdfError); `detail` is what LibreOffice said. */
export type PdfFailure = { kind: 'missing' } | { kind: 'timeout'; ms: number } | { kind: 'failed'; detail: string };

/** How to install LibreOffice on this system, for the message when it is missing. */
function sofficeInstallHint(platform: NodeJS.Platform): string {
  if (platform === 'win32')
    return 'установите LibreOffice (libreoffice.org) или укажите путь к soffice.exe в переменной ITOGI_SOFFICE';
  if (platform === 'darwin') return 'установите LibreOffice: brew install --cask libreoffice';
  return 'установите LibreOffice: sudo apt-get install libreoffice-impress';
}

/** A PdfError's message, and the LibreOfficeMissing and PdfFailed messages made from it. */
export function pdfFailureText(f: PdfFailure, platform: NodeJS.Platform = process.platform): string {
  if (f.kind === 'missing') return `LibreOffice (soffice) не найден: ${sofficeInstallHint(platform)}`;
  if (f.kind === 'timeout')
    return `LibreOffice не успел сделать PDF за ${f.ms < 1000 ? `${f.ms} мс` : `${Math.round(f.ms / 1000)} с`}`;
  return `LibreOffice не смог сделать PDF: ${f.detail}`;
}

/** Why a plan or fact cell of a table holds no number: text that is none, a formula never computed, a date… */
export type NotNumber = 'text' | 'formula' | 'boolean' | 'date' | 'error' | 'other';

const NOT_NUMBER: Record<NotNumber, string> = {
  text: 'не число',
  other: 'не число',
  formula: 'формула без вычисленного значения; откройте файл в Excel или LibreOffice и сохраните его',
  boolean: 'логическое значение, а не число',
  date: 'дата, а не число; дробную часть пишите через запятую (80,4), иначе таблица может принять число за дату',
  error: 'ошибка в ячейке (значение не вычислено)',
};

/** Why a cell's value cannot go into the YAML (itogi import). */
export type SheetValueProblem =
  | { kind: 'duplicateRow'; number: number; first: string }
  | { kind: 'numberChanged'; number: number }
  | { kind: 'forbiddenChar'; char: number }
  | { kind: 'notNumber'; cell: NotNumber }
  | { kind: 'emptyPlan' }
  /** The edit could not be made in the file's text: `detail` is the editor's or the parser's own words. */
  | { kind: 'notWritten'; file: string; detail: string }
  /** What `check` finds in the edited file, said at the cell the value came from. */
  | { kind: 'problem'; problem: Pick<Diagnostic, 'message' | 'hint'> };

/** `shown`: the cell as the table shows it. */
type SheetValueParams = { shown: string } & SheetValueProblem;

function sheetValueText(p: SheetValueParams): string {
  switch (p.kind) {
    case 'duplicateRow':
      return `показатель № ${p.number} уже есть в таблице (${p.first})`;
    case 'numberChanged':
      return `номер показателя менять нельзя: в этой строке № ${p.number}`;
    case 'forbiddenChar':
      return forbiddenCharText(p.char);
    case 'notNumber':
      return NOT_NUMBER[p.cell];
    case 'emptyPlan':
      return 'план не может быть пустым';
    case 'notWritten':
      return `не записывается в ${p.file}: ${p.detail}`;
    case 'problem':
      // The cell is quoted already: not again as the YAML would write it («получено «1.2345678»»).
      return p.problem.message.replace(/[,;] получено .*$/, '');
  }
}

function sheetValueHint(p: SheetValueParams): string | undefined {
  switch (p.kind) {
    case 'duplicateRow':
      return 'оставьте одну строку';
    case 'numberChanged':
      return `верните № ${p.number}`;
    case 'forbiddenChar':
      return FORBIDDEN_CHAR_HINT;
    case 'notNumber':
      return p.cell === 'text'
        ? 'напишите число цифрами, дробную часть через запятую: 1 234,5 или 80,4; если данных нет — оставьте пустым или «н/д»'
        : undefined;
    case 'emptyPlan':
      return 'напишите плановое значение числом, например 72 или 80,4';
    case 'notWritten':
      return undefined;
    case 'problem':
      // InvalidValue's generic hint says nothing a cell needs: the code's own hint is said instead.
      return p.problem.hint === INVALID_VALUE_HINT ? undefined : p.problem.hint;
  }
}

/** What is wrong with one of a template's pictures; completes «картинка «…» …». */
export type PictureProblem =
  | { kind: 'missing' | 'outside' | 'folder' | 'special' | 'damaged' }
  | { kind: 'unreadable'; code?: string | undefined }
  | { kind: 'bytes'; bytes: number; limit: number }
  | { kind: 'pixels'; width: number; height: number; limit: number }
  /** `found`: what the bytes are (output of describeBytes), when known. */
  | { kind: 'notPicture'; found?: string };

function pictureProblemText(p: PictureProblem): string {
  switch (p.kind) {
    case 'missing':
      return 'не найдена в папке шаблона';
    case 'outside':
      return 'лежит вне папки шаблона';
    case 'unreadable':
      return `не читается (${p.code ?? 'ошибка'})`;
    case 'folder':
      return '— папка, а не файл';
    case 'special':
      return '— не обычный файл (канал, устройство или сокет)';
    case 'bytes':
      return `слишком велика: ${p.bytes} байт, допустимо до ${p.limit} (10 МБ)`;
    case 'notPicture':
      return p.found ? `— не PNG и не JPEG (${p.found})` : '— не PNG и не JPEG, хотя так названа';
    case 'damaged':
      return '— повреждённый файл: размер в пикселях не читается';
    case 'pixels':
      return `слишком велика: ${p.width}×${p.height} пикселей, допустимо до ${p.limit} по каждой стороне`;
  }
}

/** What is wrong in a template (its template.yaml or a picture it names). */
type TemplateProblem =
  | { kind: 'picture'; file: string; problem: PictureProblem }
  /** {title} in report_title itself. */
  | { kind: 'titleInTitle' }
  | { kind: 'unknownPlaceholder'; placeholder: string; allowed: readonly string[] }
  /** A placeholder of one direction in a summary label; `label` when said at build time, `allowed` when at load. */
  | { kind: 'summaryPlaceholder'; placeholder: string; label?: string; allowed?: readonly string[] }
  | { kind: 'fontRange' }
  /** fonts.table_pt outside the template's own table_min_pt..table_max_pt. */
  | { kind: 'tableSize'; size: number; min: number; max: number }
  | { kind: 'notFile' }
  | { kind: 'tooLarge'; bytes: number; limit: number };

function templateProblemText(p: TemplateProblem): string {
  const braced = (names: readonly string[]) => names.map((k) => `{${k}}`).join(', ');
  switch (p.kind) {
    case 'picture':
      return `картинка «${p.file}» ${pictureProblemText(p.problem)}`;
    case 'titleInTitle':
      return 'подстановка {title} не может стоять в самом заголовке report_title';
    case 'unknownPlaceholder':
      return `неизвестная подстановка {${p.placeholder}}; допустимы: ${braced(p.allowed)}`;
    case 'summaryPlaceholder':
      return `в сводной презентации города нет одного направления: подстановка {${p.placeholder}}${
        p.label === undefined ? '' : ` в строке «${p.label}»`
      } здесь недопустима${p.allowed ? `; допустимы: ${braced(p.allowed)}` : ''}`;
    case 'fontRange':
      return 'минимальный размер шрифта больше максимального';
    case 'tableSize':
      return `размер шрифта таблиц должен быть от table_min_pt до table_max_pt (от ${p.min} до ${p.max} пт); получено «${p.size}»`;
    case 'notFile':
      return 'template.yaml шаблона — не обычный файл';
    case 'tooLarge':
      return `файл шаблона слишком велик (${p.bytes} байт, допустимо до ${p.limit})`;
  }
}

/** Why a PDF was not made: LibreOffice's failure, or the PDF could not be written, or something unforeseen. */
type PdfFailedParams =
  | PdfFailure
  | { kind: 'write'; code?: string | undefined }
  | { kind: 'unexpected'; detail: string };

function invalidValueMessage(p: InvalidValueParams): string {
  switch (p.kind) {
    case 'type':
      return `ожидается ${p.expected}, получено ${p.got}`;
    case 'bound': {
      const what =
        p.subject === 'string'
          ? 'текст должен быть'
          : p.subject === 'array'
            ? 'в списке должно быть'
            : 'значение должно быть';
      return `${what} ${boundPhrase(p)}, получено ${p.got}`;
    }
    case 'choice':
      return `допустимые значения: ${p.values.join(', ')}; получено ${p.got}`;
    case 'rule':
      return p.got === undefined ? p.rule : `${p.rule}; получено ${p.got}`;
  }
}

/** What to write instead, by the kind of value expected (`expected` is the Russian type name). */
const TYPE_HINTS: Partial<Record<string, string>> = {
  число: 'напишите число цифрами, например 72 или 80.4',
  'целое число': 'напишите целое число цифрами, например 45',
  текст: 'напишите текст в той же строке после двоеточия',
  список: 'напишите элементы списка с новой строки, каждый после «- »',
  'набор полей «ключ: значение»': 'напишите вложенные поля с новой строки, с отступом в два пробела',
};

function invalidValueHint(p: InvalidValueParams): string | undefined {
  if ((p.kind === 'type' || p.kind === 'rule') && p.hint) return p.hint;
  if (p.kind === 'type') return TYPE_HINTS[p.expected];
  if (p.kind === 'bound') {
    if (p.subject === 'string')
      return p.side === 'max' ? 'сократите текст: длиннее его не вместит слайд' : 'допишите текст';
    if (p.subject === 'array')
      return p.side === 'max' ? 'уберите лишние элементы списка' : 'добавьте элементы в список';
    if (p.subject === 'number') return 'проверьте число: нет ли лишних цифр, знака или опечатки';
  }
  if (p.kind === 'choice') return 'напишите одно из допустимых значений';
  return undefined;
}

const CHAR_NAMES: Partial<Record<number, string>> = {
  0: 'нулевой символ',
  8: 'возврат на шаг, Backspace',
  11: 'разрыв строки из Word',
  12: 'разрыв страницы',
  27: 'Escape',
  127: 'Delete',
  8234: 'встраивание слева направо',
  8235: 'встраивание справа налево',
  8236: 'конец встраивания',
  8237: 'принудительно слева направо',
  8238: 'принудительно справа налево: переставляет буквы на экране',
  8294: 'изоляция слева направо',
  8295: 'изоляция справа налево',
  8296: 'изоляция по первой букве',
  8297: 'конец изоляции',
};

/** «недопустимый управляющий символ U+000B (разрыв строки из Word)». */
function forbiddenCharText(code: number): string {
  const u = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return `недопустимый символ ${u} (половина суррогатной пары)`;
  if (code === 0xfffe || code === 0xffff) return `недопустимый символ ${u} (не символ Юникода)`;
  const name = CHAR_NAMES[code];
  return `недопустимый управляющий символ ${u}${name ? ` (${name})` : ''}`;
}

const INTERNAL_HINT = 'это ошибка itogi; сообщите разработчикам, приложив YAML-файл';

export const CATALOGUE = {
  FileUnreadable: {
    severity: 'error',
    /** The system's own code (EACCES…) goes to the diagnostic's `cause`: shown only with --verbose. */
    message: (p: { reason: 'missing' | 'folder' | 'special' | 'symlink' | 'other' }) =>
      p.reason === 'missing'
        ? 'файл не найден'
        : p.reason === 'symlink'
          ? 'это символьная ссылка, а не файл: ссылки не читаются, чтобы в презентацию не попало чужое содержимое'
          : p.reason === 'folder'
            ? 'это папка, а не файл'
            : p.reason === 'special'
              ? 'это не обычный файл (канал, сокет или устройство): такой файл не читается'
              : 'не удалось прочитать файл',
    hint: 'проверьте путь и права на чтение',
    hintFor: (p: { reason: string }) =>
      p.reason === 'symlink' ? 'положите на её место сам файл направления (скопируйте его)' : undefined,
  },
  FileTooLarge: {
    severity: 'error',
    message: (p: { bytes: number; limit: number }) => `файл слишком велик (${p.bytes} байт, допустимо до ${p.limit})`,
    hint: 'файл направления занимает несколько килобайт; проверьте, тот ли это файл',
  },
  NotUtf8: {
    severity: 'error',
    message: (p: { found: 'utf16' | 'other' }) =>
      p.found === 'utf16'
        ? 'файл в кодировке UTF-16, а нужна UTF-8'
        : 'файл не в кодировке UTF-8 (вероятно, Windows-1251)',
    hint: 'сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → Кодировка: UTF-8)',
  },
  ForbiddenCharacter: {
    severity: 'error',
    message: (p: { char: number; escape?: string }) =>
      p.escape ? `${forbiddenCharText(p.char)}, записанный как «${p.escape}»` : forbiddenCharText(p.char),
    hint: FORBIDDEN_CHAR_HINT,
  },
  EmptyFile: {
    severity: 'error',
    message: (_: Record<string, never>) => 'файл пуст',
    hint: 'заполните файл по образцу content/2023/institutional-environment.yaml',
  },
  YamlSyntax: {
    severity: 'error',
    /** `problem`: what the YAML parser stumbled on, said in Russian (see src/source/yamlMessages.ts). */
    message: (p: { problem: string; hint?: string }) => p.problem,
    hint: 'проверьте отступы (пробелы, не табуляция), двоеточия и кавычки в этой строке',
    hintFor: (p: { hint?: string }) => p.hint,
  },
  NestingTooDeep: {
    severity: 'error',
    message: (p: { limit: number; what: 'flow' | 'block' }) =>
      p.what === 'flow'
        ? `слишком глубокая вложенность скобок [ ] или { }: больше ${p.limit} уровней`
        : `слишком глубокая вложенность списков и полей: больше ${p.limit} уровней`,
    hint: 'в файле направления не бывает больше трёх-четырёх уровней; проверьте отступы и скобки',
  },
  DuplicateKey: {
    severity: 'error',
    message: (p: { key?: string }) => (p.key ? `поле «${p.key}» встречается повторно` : 'поле встречается повторно'),
    hint: 'оставьте одно из повторяющихся полей',
  },
  LostListDash: {
    severity: 'error',
    message: (p: { keys: readonly string[] }) =>
      `поля ${p.keys.map((k) => `«${k}»`).join(', ')} повторяются в одном пункте списка: похоже, у этой строки потерян «- », с которого начинается новый пункт`,
    hint: 'поставьте «- » перед первым полем нового пункта, как у пунктов выше; ничего не удаляйте',
  },
  AliasLimit: {
    severity: 'error',
    message: (p: { aliases: number; expanded?: number; limit?: number }) =>
      p.expanded === undefined
        ? `слишком много раскрытий ссылок-псевдонимов (ссылок в файле: ${p.aliases})`
        : `ссылки-псевдонимы раскрываются в слишком большой текст (больше ${p.limit} символов; ссылок в файле: ${p.aliases})`,
    hint: 'уберите ссылки-псевдонимы (*имя): они здесь не нужны',
  },
  NotAMapping: {
    severity: 'error',
    message: (_: Record<string, never>) => 'ожидается набор полей «ключ: значение»',
    hint: 'файл должен начинаться с полей report:, direction:, goal: …',
  },
  InvalidValue: {
    severity: 'error',
    message: invalidValueMessage,
    hint: INVALID_VALUE_HINT,
    hintFor: invalidValueHint,
  },
  PendingFactWord: {
    severity: 'error',
    message: (p: { got: string }) => `ожидается число, получено «${p.got}»`,
    hint: 'если данных ещё нет, напишите fact: null или оставьте значение пустым (fact:)',
  },
  MissingField: {
    severity: 'error',
    message: (p: { field: string; expected: string }) => `не хватает обязательного поля «${p.field}» (${p.expected})`,
    hint: 'добавьте это поле',
    hintFor: (p: { field: string }) => `добавьте строку «${p.field}: …» в этот раздел`,
  },
  UnknownKey: {
    severity: 'error',
    message: (p: { key: string; suggestion?: string }) => `неизвестное поле «${p.key}»`,
    hint: 'удалите его или исправьте опечатку',
    hintFor: (p: { suggestion?: string }) => (p.suggestion ? `возможно, имелось в виду «${p.suggestion}»` : undefined),
  },
  DuplicateIndicatorNumber: {
    severity: 'error',
    message: (p: { number: number; firstLine: number }) =>
      `номер показателя ${p.number} уже использован в строке ${p.firstLine}`,
    hint: 'номера показателей в файле должны быть разными',
  },
  TemplateOutsideFolder: {
    severity: 'error',
    message: (p: { value: string }) => `«${p.value}» — это путь; шаблон ищется только среди папок templates/`,
    hint: 'укажите только имя папки шаблона, например surgut',
  },
  TemplateNotFound: {
    severity: 'error',
    message: (p: { name: string; available: readonly string[] }) =>
      `шаблон «${p.name}» не найден; доступные шаблоны: ${p.available.join(', ') || 'нет'}`,
    hint: 'укажите имя одной из папок templates/ или создайте там папку шаблона с template.yaml',
  },
  TemplateInvalid: {
    severity: 'error',
    message: templateProblemText,
    hint: 'исправьте template.yaml шаблона',
    hintFor: (p: TemplateProblem) =>
      p.kind === 'picture'
        ? 'положите в папку шаблона PNG или JPEG (до 10 МБ, до 4096 пикселей по стороне) или исправьте путь в template.yaml'
        : undefined,
  },
  ZeroDivisor: {
    severity: 'warning',
    /** `field`: the divisor that is 0 (fact for an indicator whose growth is bad); `achieved`: the status shown. */
    message: (p: { field: 'plan' | 'fact'; achieved: boolean }) =>
      `${
        p.field === 'plan'
          ? 'плановое значение равно 0'
          : 'фактическое значение равно 0 (обратный показатель: исполнение = план / факт)'
      }: процент исполнения не вычисляется; по сравнению факта с планом показатель ${
        p.achieved ? 'считается достигнутым' : 'считается не достигнутым'
      }`,
    hint: 'в таблице вместо процента будет «—»; проверьте значение',
  },
  NegativeValue: {
    severity: 'warning',
    message: (p: { value: number }) => `отрицательное значение ${p.value}`,
    hint: 'процент исполнения отрицательных величин легко понять неверно; проверьте знак',
  },
  TemplateLowContrast: {
    severity: 'warning',
    message: (p: { text: string; background: string; ratio: string }) =>
      `цвет ${p.text} на фоне ${p.background}: контраст ${p.ratio}:1, меньше 4,5:1 — текст трудно прочесть слабовидящим (ГОСТ Р 52872-2019)`,
    hint: 'сделайте один из двух цветов темнее или светлее; проверить пару можно любым калькулятором контраста WCAG',
  },
  SampleData: {
    severity: 'warning',
    message: (_: Record<string, never>) =>
      'образец с вымышленными данными: на каждом его слайде и в сводной по городу будет «ОБРАЗЕЦ»',
    hint: 'перед настоящей сборкой удалите этот файл или замените данные настоящими и уберите строку sample',
  },
  PlaceholderText: {
    severity: 'warning',
    message: (p: { text: string }) => `текст-заготовка «${p.text}» из itogi new не заменён`,
    hint: 'напишите настоящий текст',
  },
  GluedListItem: {
    severity: 'warning',
    message: (_: Record<string, never>) =>
      'строка похожа на отдельный пункт списка, у которого потерян «- »: сейчас она приклеена к пункту выше',
    hint: 'если это новый пункт, поставьте перед ним «- », как у пунктов выше',
  },
  PlanNotRevised: {
    severity: 'warning',
    message: (_: Record<string, never>) => 'план перенесён с прошлого года и помечен «уточните»',
    hint: 'проверьте план и удалите комментарий «уточните…» в этой строке',
  },
  ImplausibleExecution: {
    severity: 'warning',
    message: (p: { execution: string }) => `исполнение ${p.execution}: проверьте факт`,
    hint: 'так далеко от 100 % исполнение бывает редко; нет ли опечатки в факте или плане (лишней цифры, не той единицы)?',
  },
  EmptyEventGroup: {
    severity: 'warning',
    message: (p: { title?: string }) =>
      `в группе мероприятий${p.title ? ` «${p.title}»` : ''} нет ни одного мероприятия`,
    hint: 'добавьте мероприятия (каждое с новой строки после «- ») или удалите группу',
  },
  PathNotFound: {
    severity: 'error',
    message: (_: Record<string, never>) => 'нет такого файла или папки',
    hint: 'укажите YAML-файл или папку с ними',
  },
  StrayFile: {
    severity: 'warning',
    message: (p: { kind: 'symlink' | 'name' }) =>
      p.kind === 'symlink'
        ? 'символьная ссылка не читается: в сборку не попадает'
        : 'похоже на файл направления, но не читается: читаются только файлы .yaml и .yml',
    hint: 'если это файл направления, переименуйте его в <направление>.yaml; если нет — уберите его из папки',
    hintFor: (p: { kind: string }) =>
      p.kind === 'symlink' ? 'если это файл направления, положите на место ссылки сам файл' : undefined,
  },
  NoContentFiles: {
    severity: 'error',
    message: (_: Record<string, never>) => 'в папке нет YAML-файлов',
    hint: 'положите файлы направлений в content/<год>/<направление>.yaml',
  },
  ReservedDirectionId: {
    severity: 'error',
    message: (p: { id: string }) =>
      `идентификатор «${p.id}» зарезервирован: так называется сводная презентация города за год (${p.id}.pptx)`,
    hint: 'выберите другой direction.id, например по названию направления',
  },
  /** Two files with the same report.year and direction.id; `copies`: those named like a copy («… (2).yaml»), if not all. */
  DuplicateOutput: {
    severity: 'error',
    message: (p: { year: number; id: string; others: readonly string[]; deck: string; copies: readonly string[] }) =>
      `report.year ${p.year} и direction.id «${p.id}» те же, что в ${p.others.join(', ')}: ни одна из них не собирается в ${p.deck}, пока лишний файл не удалён или не переименован${
        p.copies.length > 0 ? `; похоже на копию: ${p.copies.map((c) => `«${c}»`).join(', ')}` : ''
      }`,
    hint: 'у каждого направления за год должен быть свой direction.id',
  },
  /** One file named twice in a command: its deck is built once. */
  FileNamedTwice: {
    severity: 'error',
    message: (p: { deck: string }) => `этот файл уже указан: ${p.deck} собирается из него один раз`,
    hint: 'укажите каждый файл один раз',
  },
  SummaryIncomplete: {
    severity: 'error',
    message: (p: { year: number; missing: readonly string[]; previous?: string; checkOnly?: boolean }) =>
      `${p.checkOnly ? `итоги по городу за ${p.year} год неполные` : `сводная за ${p.year} год не обновлена`}: не вошли направления из файлов с ошибками — ${p.missing.join(', ')}${
        p.previous ? `; ${p.previous} осталась от прежнего запуска, в ней прежние данные` : ''
      }`,
    hint: 'исправьте эти файлы; собрать сводную без них (с пометкой «НЕПОЛНАЯ СВОДНАЯ» на каждом слайде) можно с --incomplete-summary',
  },
  StaleDeck: {
    severity: 'warning',
    message: (p: { deck: string }) =>
      `${p.deck} не обновлена: она собрана из прежней версии этого файла и показывает прежние данные`,
    hint: 'исправьте ошибки в файле и соберите снова',
  },
  FileExists: {
    severity: 'error',
    message: (_: Record<string, never>) => 'файл уже существует, itogi new его не перезаписывает',
    hint: 'выберите другой идентификатор или удалите (переименуйте) существующий файл',
  },
  WriteFailed: {
    severity: 'error',
    /** `code`: the system's (EBUSY, ENOSPC…); `creating` when the file could not even be created. */
    message: (p: { code?: string | undefined; creating?: boolean }) =>
      `не удалось ${p.creating ? 'создать' : 'записать'} файл: ${writeFailureReason(p.code)}`,
    hint: 'проверьте, что файл не открыт в PowerPoint и папка доступна для записи',
    // A locked file is the usual cause on Windows; a full or read-only disk is not helped by closing PowerPoint.
    hintFor: (p: { code?: string | undefined }) =>
      ({
        EROFS: 'диск открыт только для чтения: снимите защиту от записи или выберите другую папку',
        ENOSPC: 'освободите место на диске или выберите папку на другом диске',
        ENOTDIR: 'уберите или переименуйте файл, который стоит на месте папки',
        EISDIR: 'уберите или переименуйте папку, которая стоит на месте файла',
      })[p.code ?? ''],
  },
  LibreOfficeMissing: {
    severity: 'error',
    message: (_: Record<string, never>) => pdfFailureText({ kind: 'missing' }),
    hint: 'презентации собраны без PDF; после установки запустите сборку с --pdf ещё раз',
  },
  PdfFailed: {
    severity: 'error',
    message: (p: PdfFailedParams) =>
      p.kind === 'write'
        ? `не удалось записать файл: ${writeFailureReason(p.code)}`
        : p.kind === 'unexpected'
          ? `непредвиденная ошибка: ${p.detail}`
          : pdfFailureText(p),
    hint: 'презентация записана; PDF будет сделан заново при следующем запуске с --pdf',
  },
  /** A PDF left from an earlier --pdf run, older than its rewritten deck, that could not be removed. */
  StalePdfNotRemoved: {
    severity: 'error',
    message: (p: { code?: string | undefined }) =>
      `PDF с прежними данными не удалось удалить: ${writeFailureReason(p.code)}`,
    hint: 'удалите его или соберите с --pdf',
  },
  /** `detail`: the unforeseen error's own text (shown as it is: it is for the developers). */
  RenderFailed: {
    severity: 'error',
    message: (p: { stage: 'deck' | 'page'; detail: string }) =>
      `${p.stage === 'deck' ? 'не удалось собрать презентацию' : 'не удалось показать слайды на странице'}: ${p.detail}`,
    hint: INTERNAL_HINT,
  },
  InternalError: {
    severity: 'error',
    /** `check`: an unforeseen error while checking a file; `scaffold`: itogi new made a text that fails the check. */
    message: (p: { stage: 'check'; detail: string } | { stage: 'scaffold' }) =>
      p.stage === 'check'
        ? `непредвиденная ошибка при проверке файла: ${p.detail}`
        : 'созданный файл не прошёл бы проверку; файл не записан',
    hint: INTERNAL_HINT,
  },
  /** `path` is a file (or `file`, a file on its way), or named like a deck (`deckName`): no folder to write into. */
  OutNotFolder: {
    severity: 'error',
    message: (p: { kind: 'file'; path: string; file: string } | { kind: 'deckName'; path: string }) =>
      p.kind === 'deckName'
        ? `«${p.path}» — это имя файла, а нужна папка: в ней каждая презентация записывается под своим именем (<год>/<direction.id>.pptx)`
        : `«${p.file}»${p.file === p.path ? '' : ` в пути «${p.path}»`} — это файл, а не папка`,
    hint: 'укажите папку для презентаций, например output',
  },
  /** itogi import: a table that cannot be read, or holds no table itogi export wrote. */
  SheetUnreadable: {
    severity: 'error',
    message: (
      p: { kind: 'extension' | 'missing' | 'notXlsx' | 'notExport' } | { kind: 'unreadable'; code?: string },
    ) => {
      switch (p.kind) {
        case 'extension':
          return 'нужен файл .xlsx или .csv';
        case 'missing':
          return 'файл не найден';
        case 'unreadable':
          return `не удалось прочитать файл (${p.code ?? 'ошибка'})`;
        case 'notXlsx':
          return 'файл не читается как книга Excel (.xlsx)';
        case 'notExport':
          return 'в таблице нет столбца «Ключ»: это не выгрузка itogi export';
      }
    },
    hint: 'загрузите таблицу, выгруженную командой itogi export, в формате .xlsx или .csv (разделитель «;»)',
  },
  /** A plan, fact, name or unit cell that cannot go into the YAML; located «Лист «…», E7» in `field`. */
  SheetValue: {
    severity: 'error',
    message: (p: SheetValueParams) => `«${p.shown}» — ${sheetValueText(p)}`,
    hint: 'исправьте ячейку и загрузите таблицу снова; ни один файл не изменён',
    hintFor: sheetValueHint,
  },
  /** The table (export) or a direction file (import) could not be written. */
  SheetWriteFailed: {
    severity: 'error',
    message: (p: { code?: string | undefined }) => `не удалось записать файл: ${writeFailureReason(p.code)}`,
    hint: 'проверьте, что файл не открыт в другой программе (Excel, Р7, МойОфис, редактор) и папка доступна для записи',
  },
  /** itogi import: a direction file changed on disk between reading it and writing the table's values. */
  SheetFileChanged: {
    severity: 'error',
    message: (_: Record<string, never>) => 'файл изменился, пока загружалась таблица',
    hint: 'ни один файл не изменён, загрузите таблицу ещё раз',
  },
  /** A row itogi import cannot match: no key, a key of no indicator in the YAML files, or no key of an export. */
  SheetUnknownRow: {
    severity: 'warning',
    message: (
      p:
        | { kind: 'noKey' }
        | { kind: 'notInYaml'; number: number; id: string; year: number }
        | { kind: 'foreignKey'; key: string },
    ) =>
      p.kind === 'noKey'
        ? 'строки нет в выгрузке: столбец «Ключ» пуст'
        : p.kind === 'notInYaml'
          ? `показателя № ${p.number} направления «${p.id}» за ${p.year} год нет в YAML-файлах`
          : `ключ «${p.key}» не из выгрузки itogi export`,
    hint: 'строка пропущена; новый показатель добавьте в YAML-файл направления и выгрузите таблицу заново',
  },
  SheetMissingIndicator: {
    severity: 'warning',
    message: (p: { sheet: string }) => `нет в таблице (${p.sheet})`,
    hint: 'его значения в файле не изменены',
  },
} as const satisfies Record<string, Entry<never>>;

export type DiagnosticCode = keyof typeof CATALOGUE;
/** The typed params of a code's message template. */
export type ParamsOf<C extends DiagnosticCode> = Parameters<(typeof CATALOGUE)[C]['message']>[0];
