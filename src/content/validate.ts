/**
 * Stage 2: plain data → typed Content, or located Russian diagnostics.
 * Positions come from the YAML node ranges (see locate.ts).
 */
import { byPosition, diagnostic, formatPath, hasErrors, type Diagnostic } from '../errors.js';
import { positionOfPath } from '../source/locate.js';
import type { Source } from '../source/parse.js';
import { parseWith } from '../errors/zodMap.js';
import { zodDiagnostics } from '../source/zodIssues.js';
import { nameFields } from './locate.js';
import { ContentSchema, SUMMARY_ID, TEMPLATE_NAME_PATTERN, type Content } from './schema.js';

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
    const at = { file: source.file, ...positionOfPath(source, path), path: formatPath(path) };
    out.push(diagnostic('DuplicateIndicatorNumber', at, { number: n, firstLine: firstPos.line }));
  });
  if (data?.direction?.id === SUMMARY_ID) {
    const at = { file: source.file, ...positionOfPath(source, ['direction', 'id']), path: 'direction.id' };
    out.push(diagnostic('ReservedDirectionId', at, { id: SUMMARY_ID }));
  }
  const template = data?.template;
  if (typeof template === 'string' && !TEMPLATE_NAME_PATTERN.test(template) && /[/\\.]/.test(template)) {
    const pos = positionOfPath(source, ['template']);
    out.push(diagnostic('TemplateOutsideFolder', { file: source.file, ...pos, path: 'template' }, { value: template }));
  }
  return out;
}

/** What people write for «no data yet» instead of an empty fact: н/д, -, нет данных, n/a, ? … */
export const NO_DATA =
  /^[«"']?\s*(н\s*[./]?\s*д\.?|нд|нет(\s+данных)?|данных\s+нет|—|–|-+|\?+|n\s*\/?\s*a|na|tbd|нет\s+сведений|ожидается|ожидаются)\s*[»"']?$/i;

/** `fact: н/д` is a pending fact written in words: say how to write one. */
function pendingFact(d: Diagnostic): Diagnostic {
  const p = d.params as { kind?: string; got?: string } | undefined;
  if (d.code !== 'InvalidValue' || p?.kind !== 'type' || !/^indicators\.items\[\d+\]\.fact$/.test(d.path ?? ''))
    return d;
  const got = p.got?.replace(/^«|»$/g, '') ?? '';
  if (!NO_DATA.test(got)) return d;
  const pending = diagnostic('PendingFactWord', { file: d.file, line: d.line, col: d.col, path: d.path! }, { got });
  return { ...pending, ...(d.cause ? { cause: d.cause } : {}) };
}

export interface Validated {
  content?: Content;
  diagnostics: Diagnostic[];
}

export function validateSource(source: Source): Validated {
  const semantic = semanticChecks(source);
  const result = parseWith(ContentSchema, source.data);
  const schemaDiagnostics = result.success
    ? []
    : zodDiagnostics(source, result.error.issues, ContentSchema).map(pendingFact);
  // A path-like template gets the specific message, not the generic pattern one as well.
  const templateSpecific = semantic.some((d) => d.code === 'TemplateOutsideFolder');
  const diagnostics = [
    ...schemaDiagnostics.filter((d) => !(templateSpecific && d.path === 'template')),
    ...semantic,
  ].sort(byPosition);
  const named = nameFields(diagnostics, source.data);
  if (hasErrors(named) || !result.success) return { diagnostics: named };
  return { content: result.data, diagnostics: named };
}
