/**
 * Finds and validates a template: `templates/<name>/` of the current folder
 * first, then the templates shipped with the package.
 */
import { constants, existsSync, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE, diagnostic, ItogiError, type Diagnostic, type ParamsOf, type PictureProblem } from '../errors.js';
import { lowContrastPairs } from './contrast.js';
import { pictureSize, pictureType, type ReadAt } from '../pictures.js';
import { positionOfPath } from '../source/locate.js';
import { parseSource, type Source } from '../source/parse.js';
import { MAX_FILE_BYTES, readSource } from '../source/read.js';
import { zodDiagnostics } from '../source/zodIssues.js';
import { placeholdersOf } from './placeholders.js';
import { type Template, templateSchema } from './schema.js';

/** The package's own templates/ (same relative place from src/ and dist/). */
export const BUILTIN_TEMPLATES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

const KNOWN_PLACEHOLDERS = [
  'year',
  'date',
  'title',
  'direction.id',
  'direction.name',
  'direction.responsible.position',
  'direction.responsible.name',
] as const;

/** The city summary's labels (summary_*) have no single direction to fill {direction.…} from. */
const SUMMARY_PLACEHOLDERS = ['year', 'date', 'title'] as const;

export interface LoadedTemplate {
  template: Template;
  dir: string;
  /** What does not stop a deck but should be fixed: colour pairs below 4.5:1 (contrast.ts). */
  warnings: Diagnostic[];
  /** Image bytes by key (e.g. logo), read once. */
  images: Partial<Record<keyof Template['images'], Buffer>>;
}

export function templateSearchPath(cwd = process.cwd()): string[] {
  const local = resolve(cwd, 'templates');
  return local === BUILTIN_TEMPLATES ? [local] : [local, BUILTIN_TEMPLATES];
}

export function findTemplateDir(name: string, cwd = process.cwd()): string | undefined {
  for (const root of templateSearchPath(cwd)) {
    const dir = join(root, name);
    if (existsSync(join(dir, 'template.yaml'))) return dir;
  }
  return undefined;
}

export function availableTemplates(cwd = process.cwd()): string[] {
  const names = new Set<string>();
  for (const root of templateSearchPath(cwd)) {
    try {
      for (const entry of readdirSync(root)) if (existsSync(join(root, entry, 'template.yaml'))) names.add(entry);
    } catch {
      /* a missing templates/ folder simply has no templates */
    }
  }
  return [...names].sort();
}

/**
 * The templates one runner has loaded, by folder: a batch loads each once for
 * all its files; `watch` and `preview` forget them when a template file is
 * saved. Owned by whoever runs (core/workspace.ts), never module state, so
 * two runners in one process never see each other's edits.
 */
export class TemplateRegistry {
  private readonly loaded = new Map<string, LoadedTemplate>();

  /** Loads `templates/<name>/template.yaml` once; throws ItogiError with located diagnostics. */
  async load(name: string, cwd = process.cwd()): Promise<LoadedTemplate> {
    const dir = templateDir(name, cwd);
    const cached = this.loaded.get(dir);
    if (cached) return cached;
    const loaded = await loadFrom(dir);
    this.loaded.set(dir, loaded);
    return loaded;
  }

  /** Every template is read again at the next load (a template file was saved). */
  forget(): void {
    this.loaded.clear();
  }
}

/** Loads and validates `templates/<name>/template.yaml`, read afresh; throws ItogiError with located diagnostics. */
export async function loadTemplate(name: string, cwd = process.cwd()): Promise<LoadedTemplate> {
  return loadFrom(templateDir(name, cwd));
}

function templateDir(name: string, cwd: string): string {
  const dir = findTemplateDir(name, cwd);
  if (dir) return dir;
  const known = availableTemplates(cwd);
  throw new ItogiError([diagnostic('TemplateNotFound', { file: 'template' }, { name, available: known })]);
}

async function loadFrom(dir: string): Promise<LoadedTemplate> {
  const file = join(dir, 'template.yaml');
  const text = readTemplateText(file);
  const known = VALIDATED_TEMPLATES.find((v) => v.text === text);
  const { template, problems, source } = known
    ? { template: known.template, problems: [] as Diagnostic[], source: undefined }
    : validateTemplate(file, text);
  // Positions only for a problem with a picture: a template validated in advance is parsed then.
  const sourceOf = () => source ?? parseSource(file, text).source!;

  const images: LoadedTemplate['images'] = {};
  const realDir = realpathSync(dir);
  for (const [key, rel] of Object.entries(template.images) as [keyof Template['images'], string | undefined][]) {
    if (!rel) continue;
    const read = await readTemplateImage(realDir, resolve(dir, rel));
    if ('problem' in read) {
      const at = { file, ...positionOfPath(sourceOf(), ['images', key]), path: `images.${key}` };
      problems.push(diagnostic('TemplateInvalid', at, { kind: 'picture', file: rel, problem: read.problem }));
    } else images[key] = read.bytes;
  }
  if (problems.length > 0) throw new ItogiError(problems);
  const warnings = lowContrastPairs(template.colors).map((pair) =>
    diagnostic(
      'TemplateLowContrast',
      { file, ...positionOfPath(sourceOf(), ['colors', pair.text]), path: `colors.${pair.text}` },
      {
        text: `colors.${pair.text} (#${template.colors[pair.text]})`,
        background: `colors.${pair.background} (#${template.colors[pair.background]})`,
        ratio: pair.ratio.toFixed(2).replace('.', ','),
      },
    ),
  );
  return { template, dir, images, warnings };
}

/**
 * The shipped templates validated in advance (shipped.ts; put in by the bundle and by the
 * tests' config): a template.yaml with exactly that text is not parsed and validated again,
 * as both depend on the text alone (bench/README.md has its figure). Any other text, an
 * edited copy included, is validated. Only tsc's dist/ (the library entry) has none.
 */
declare const ITOGI_VALIDATED_TEMPLATES: readonly { text: string; template: Template }[] | undefined;
const VALIDATED_TEMPLATES =
  typeof ITOGI_VALIDATED_TEMPLATES === 'undefined' ? [] : ITOGI_VALIDATED_TEMPLATES.map(deepFreeze);

/** One object serves every folder with that text, reloads included: nothing may change it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Parses and validates a template's text: the template and the problems of its labels and
 * fonts (a picture's are added by the caller); a text that is no valid template at all throws.
 * @public scripts/bundle-cli.mjs validates the shipped templates with it.
 */
export function validateTemplate(
  file: string,
  text: string,
): { template: Template; problems: Diagnostic[]; source: Source } {
  const { source, diagnostics } = parseSource(file, text);
  if (!source) throw new ItogiError(diagnostics.map(asTemplateProblem));
  const schema = templateSchema();
  const parsed = schema.safeParse(source.data);
  if (!parsed.success)
    throw new ItogiError(
      zodDiagnostics(source, parsed.error.issues, schema).map((d) => ({
        ...d,
        code: 'TemplateInvalid' as const,
      })),
    );
  const template = parsed.data;

  const problems: Diagnostic[] = [];
  for (const [key, label] of Object.entries(template.labels)) {
    if (typeof label !== 'string') continue;
    for (const p of placeholdersOf(label)) {
      // {title} is made from report_title: it cannot appear in it.
      if (key === 'report_title' && p === 'title') {
        problems.push(
          diagnostic(
            'TemplateInvalid',
            { file, ...positionOfPath(source, ['labels', key]), path: `labels.${key}` },
            { kind: 'titleInTitle' },
          ),
        );
        continue;
      }
      if (!(KNOWN_PLACEHOLDERS as readonly string[]).includes(p)) {
        problems.push(
          diagnostic(
            'TemplateInvalid',
            { file, ...positionOfPath(source, ['labels', key]), path: `labels.${key}` },
            { kind: 'unknownPlaceholder', placeholder: p, allowed: KNOWN_PLACEHOLDERS },
          ),
        );
      } else if (key.startsWith('summary_') && !(SUMMARY_PLACEHOLDERS as readonly string[]).includes(p)) {
        problems.push(
          diagnostic(
            'TemplateInvalid',
            { file, ...positionOfPath(source, ['labels', key]), path: `labels.${key}` },
            { kind: 'summaryPlaceholder', placeholder: p, allowed: SUMMARY_PLACEHOLDERS },
          ),
        );
      }
    }
  }
  const { fonts } = template;
  if (fonts.body_min_pt > fonts.body_max_pt || fonts.table_min_pt > fonts.table_max_pt) {
    problems.push(
      diagnostic(
        'TemplateInvalid',
        { file, ...positionOfPath(source, ['fonts']), path: 'fonts' },
        { kind: 'fontRange' },
      ),
    );
  } else if (
    fonts.table_pt !== undefined &&
    (fonts.table_pt < fonts.table_min_pt || fonts.table_pt > fonts.table_max_pt)
  ) {
    // table_pt is one of the sizes the template allows its tables.
    problems.push(
      diagnostic(
        'TemplateInvalid',
        { file, ...positionOfPath(source, ['fonts', 'table_pt']), path: 'fonts.table_pt' },
        { kind: 'tableSize', size: fonts.table_pt, min: fonts.table_min_pt, max: fonts.table_max_pt },
      ),
    );
  }
  return { template, problems, source };
}

/**
 * A template's own file as text, read as a content file is (source/read.ts: synchronously)
 * but refused first when it is not a regular file (a FIFO would block the read forever) or
 * too large; every message speaks of the template, not of a direction's file.
 */
function readTemplateText(file: string): string {
  const info = statOrUndefined(file);
  const refuse = (why: ParamsOf<'TemplateInvalid'>) => new ItogiError([diagnostic('TemplateInvalid', { file }, why)]);
  if (!info?.isFile()) throw refuse({ kind: 'notFile' });
  if (info.size > MAX_FILE_BYTES) throw refuse({ kind: 'tooLarge', bytes: info.size, limit: MAX_FILE_BYTES });
  const read = readSource(file);
  if (!('text' in read)) throw new ItogiError(read.diagnostics.map(asTemplateProblem));
  return read.text;
}

/** Any failure to stat is «not a file». */
function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Load problems whose hint speaks of a direction file («заполните файл по образцу content/…»). */
const DIRECTION_FILE_HINTS = new Set<Diagnostic['code']>(['EmptyFile', 'FileTooLarge', 'NotAMapping']);

/** A load diagnostic as a template problem: a hint about direction files gives way to the template's. */
function asTemplateProblem(d: Diagnostic): Diagnostic {
  if (!DIRECTION_FILE_HINTS.has(d.code)) return { ...d, code: 'TemplateInvalid' };
  return { ...d, code: 'TemplateInvalid', hint: CATALOGUE.TemplateInvalid.hint };
}

/**
 * A logo drawn 1 inch wide needs about 300 px at print resolution; 4 096 px a
 * side keeps a decoded picture (width × height × 4 bytes) within 64 MB in
 * PowerPoint and the preview.
 */
const MAX_IMAGE_PX = 4096;
/** A 4 096 px picture compresses to a few MB; the deck embeds the bytes as they are (and base64 in the preview). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * Reads one picture of a template: a regular file inside the template folder,
 * at most MAX_IMAGE_BYTES, a PNG or JPEG of at most MAX_IMAGE_PX a side (size
 * from the header, before the bytes are read). The file is opened without
 * blocking and judged by its open handle, so a FIFO or a folder put in its
 * place between checks is refused too. `problem`: what is wrong (the catalogue words it).
 */
async function readTemplateImage(
  realDir: string,
  path: string,
): Promise<{ bytes: Buffer } | { problem: PictureProblem }> {
  if (!existsSync(path)) return { problem: { kind: 'missing' } };
  // A symlink may not lead out of the template folder either.
  if (!realpathSync(path).startsWith(realDir + sep)) return { problem: { kind: 'outside' } };
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { problem: { kind: 'unreadable', code: (e as NodeJS.ErrnoException).code } };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { problem: { kind: 'folder' } };
    if (!info.isFile()) return { problem: { kind: 'special' } };
    if (info.size > MAX_IMAGE_BYTES) return { problem: { kind: 'bytes', bytes: info.size, limit: MAX_IMAGE_BYTES } };
    const read: ReadAt = async (position, length) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    // The renderer embeds PNG and JPEG only: say so here, at the template's line, not mid-build.
    const type = pictureType(await read(0, 8));
    if (!type) return { problem: { kind: 'notPicture' } };
    const size = await pictureSize(type, read, info.size);
    if (!size || size.width === 0 || size.height === 0) return { problem: { kind: 'damaged' } };
    if (size.width > MAX_IMAGE_PX || size.height > MAX_IMAGE_PX)
      return { problem: { kind: 'pixels', width: size.width, height: size.height, limit: MAX_IMAGE_PX } };
    const bytes = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(bytes, 0, info.size, 0);
    return { bytes: bytes.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}
