/**
 * Finds and validates a template: `templates/<name>/` of the current folder
 * first, then the templates shipped with the package.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, ItogiError, type Diagnostic } from '../errors.js';
import { loadSource } from '../source/read.js';
import { positionOfPath } from '../source/locate.js';
import { zodDiagnostics } from '../source/zodIssues.js';
import { pictureType } from '../render/picture.js';
import { placeholdersOf } from './placeholders.js';
import { TemplateSchema, type Template } from './schema.js';

/** The package's own templates/ (same relative place from src/ and dist/). */
export const BUILTIN_TEMPLATES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

export const KNOWN_PLACEHOLDERS = [
  'year',
  'date',
  'title',
  'direction.id',
  'direction.name',
  'direction.responsible.position',
  'direction.responsible.name',
] as const;

/** The city summary's labels (summary_*) have no single direction to fill {direction.…} from. */
export const SUMMARY_PLACEHOLDERS = ['year', 'date', 'title'] as const;

export interface LoadedTemplate {
  template: Template;
  dir: string;
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

const cache = new Map<string, LoadedTemplate>();

/** Forgets every loaded template: `preview` and `watch` call it when a template file is saved. */
export function forgetLoadedTemplates(): void {
  cache.clear();
}

/** Loads and validates `templates/<name>/template.yaml`; throws ItogiError with located diagnostics. */
export async function loadTemplate(name: string, cwd = process.cwd()): Promise<LoadedTemplate> {
  const dir = findTemplateDir(name, cwd);
  if (!dir) {
    const known = availableTemplates(cwd);
    throw new ItogiError([
      diagnostic(
        'TemplateNotFound',
        { file: 'template' },
        `шаблон «${name}» не найден; доступные шаблоны: ${known.join(', ') || 'нет'}`,
      ),
    ]);
  }
  const cached = cache.get(dir);
  if (cached) return cached;

  const file = join(dir, 'template.yaml');
  const { source, diagnostics } = await loadSource(file);
  if (!source) throw new ItogiError(diagnostics.map((d) => ({ ...d, code: 'TemplateInvalid' as const })));
  const parsed = TemplateSchema.safeParse(source.data);
  if (!parsed.success)
    throw new ItogiError(
      zodDiagnostics(source, parsed.error.issues, TemplateSchema).map((d) => ({
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
            'подстановка {title} не может стоять в самом заголовке report_title',
          ),
        );
        continue;
      }
      if (!(KNOWN_PLACEHOLDERS as readonly string[]).includes(p)) {
        problems.push(
          diagnostic(
            'TemplateInvalid',
            { file, ...positionOfPath(source, ['labels', key]), path: `labels.${key}` },
            `неизвестная подстановка {${p}}; допустимы: ${KNOWN_PLACEHOLDERS.map((k) => `{${k}}`).join(', ')}`,
          ),
        );
      } else if (key.startsWith('summary_') && !(SUMMARY_PLACEHOLDERS as readonly string[]).includes(p)) {
        const allowed = SUMMARY_PLACEHOLDERS.map((k) => `{${k}}`).join(', ');
        problems.push(
          diagnostic(
            'TemplateInvalid',
            { file, ...positionOfPath(source, ['labels', key]), path: `labels.${key}` },
            `в сводной презентации города нет одного направления: подстановка {${p}} здесь недопустима; допустимы: ${allowed}`,
          ),
        );
      }
    }
  }
  if (
    template.fonts.body_min_pt > template.fonts.body_max_pt ||
    template.fonts.table_min_pt > template.fonts.table_max_pt
  ) {
    problems.push(
      diagnostic(
        'TemplateInvalid',
        { file, ...positionOfPath(source, ['fonts']), path: 'fonts' },
        'минимальный размер шрифта больше максимального',
      ),
    );
  }
  const images: LoadedTemplate['images'] = {};
  const realDir = realpathSync(dir);
  for (const [key, rel] of Object.entries(template.images) as [keyof Template['images'], string | undefined][]) {
    if (!rel) continue;
    const path = resolve(dir, rel);
    const at = { file, ...positionOfPath(source, ['images', key]), path: `images.${key}` };
    if (!existsSync(path)) {
      problems.push(diagnostic('TemplateInvalid', at, `картинка «${rel}» не найдена в папке шаблона`));
      continue;
    }
    // A symlink may not lead out of the template folder either.
    if (!realpathSync(path).startsWith(realDir + sep)) {
      problems.push(diagnostic('TemplateInvalid', at, `картинка «${rel}» лежит вне папки шаблона`));
      continue;
    }
    const bytes = await readFile(path);
    // The renderer embeds PNG and JPEG only: say so here, at the template's line, not mid-build.
    if (!pictureType(bytes)) {
      problems.push(diagnostic('TemplateInvalid', at, `картинка «${rel}» — не PNG и не JPEG, хотя так названа`));
      continue;
    }
    images[key] = bytes;
  }
  if (problems.length > 0) throw new ItogiError(problems);
  const loaded = { template, dir, images };
  cache.set(dir, loaded);
  return loaded;
}
