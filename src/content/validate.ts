/**
 * Stage 2: plain data → typed Content, or located Russian diagnostics.
 * Positions come from the YAML node ranges (see locate.ts).
 */
import { byPosition, diagnostic, formatPath, hasErrors, type Diagnostic } from '../errors.js';
import { positionOfPath, zodDiagnostics } from './locate.js';
import { ContentSchema, SUMMARY_ID, TEMPLATE_NAME_PATTERN, type Content } from './schema.js';
import type { Source } from './load.js';

/** Checks zod cannot express with positions: unique indicator numbers, template name. */
function semanticChecks(source: Source): Diagnostic[] {
  const out: Diagnostic[] = [];
  const data = source.data as {
    template?: unknown;
    direction?: { id?: unknown };
    indicators?: { items?: unknown };
  } | null;
  const items = Array.isArray(data?.indicators?.items) ? (data!.indicators!.items as unknown[]) : [];
  const firstSeen = new Map<number, number>();
  items.forEach((item, i) => {
    const n = (item as { number?: unknown } | null)?.number;
    if (typeof n !== 'number') return;
    const first = firstSeen.get(n);
    if (first === undefined) {
      firstSeen.set(n, i);
      return;
    }
    const path = ['indicators', 'items', i, 'number'];
    const firstPos = positionOfPath(source, ['indicators', 'items', first, 'number']);
    out.push(
      diagnostic(
        'DuplicateIndicatorNumber',
        { file: source.file, ...positionOfPath(source, path), path: formatPath(path) },
        `номер показателя ${n} уже использован в строке ${firstPos.line}`,
      ),
    );
  });
  if (data?.direction?.id === SUMMARY_ID) {
    const at = { file: source.file, ...positionOfPath(source, ['direction', 'id']), path: 'direction.id' };
    out.push(
      diagnostic(
        'ReservedDirectionId',
        at,
        `идентификатор «${SUMMARY_ID}» зарезервирован: так называется сводная презентация города за год (${SUMMARY_ID}.pptx)`,
      ),
    );
  }
  const template = data?.template;
  if (typeof template === 'string' && !TEMPLATE_NAME_PATTERN.test(template) && /[/\\.]/.test(template)) {
    const pos = positionOfPath(source, ['template']);
    out.push(
      diagnostic(
        'TemplateOutsideFolder',
        { file: source.file, ...pos, path: 'template' },
        `«${template}» — это путь; шаблон ищется только среди папок templates/`,
      ),
    );
  }
  return out;
}

export interface Validated {
  content?: Content;
  diagnostics: Diagnostic[];
}

export function validateSource(source: Source): Validated {
  const semantic = semanticChecks(source);
  const result = ContentSchema.safeParse(source.data);
  const schemaDiagnostics = result.success ? [] : zodDiagnostics(source, result.error.issues, ContentSchema);
  // A path-like template gets the specific message, not the generic pattern one as well.
  const templateSpecific = semantic.some((d) => d.code === 'TemplateOutsideFolder');
  const diagnostics = [
    ...schemaDiagnostics.filter((d) => !(templateSpecific && d.path === 'template')),
    ...semantic,
  ].sort(byPosition);
  if (hasErrors(diagnostics) || !result.success) return { diagnostics };
  return { content: result.data, diagnostics };
}
