/**
 * What a valid file may still hold that should not reach the audience
 * unnoticed: a sample's invented figures, texts left from `itogi new`, plans
 * carried over from last year and never revised, an execution so far from
 * 100 % that a typo is likelier than a result, an event group with nothing
 * in it. Warnings: the deck is built, and the run says where to look.
 */
import { isScalar, isSeq, visit } from 'yaml';
import type { ComputedDirection } from '../compute/direction.js';
import { positionOfPath } from '../content/locate.js';
import { PLACEHOLDERS } from '../content/scaffold.js';
import { diagnostic, formatPath, type Diagnostic } from '../errors.js';
import type { Source } from '../source/parse.js';

/** Executions outside these bounds (percent) ask for the fact to be looked at again. */
const PLAUSIBLE_EXECUTION = { min: 50, max: 200 } as const;

const placeholderTexts = new Set<string>(Object.values(PLACEHOLDERS));

/** Every string of the content with its path, in document order. */
function* strings(value: unknown, path: (string | number)[] = []): Generator<[string, (string | number)[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...path, i]);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

/** Where the «уточните» reminders `itogi new --from` leaves on carried-over plans are. */
function reminders(source: Source): { line: number; col: number }[] {
  const lines: { line: number; col: number }[] = [];
  visit(source.doc, {
    Scalar(_, node) {
      if (isScalar(node) && node.comment && /уточните/i.test(node.comment) && node.range)
        lines.push(source.lineCounter.linePos(node.range[0]));
    },
  });
  return lines;
}

/**
 * A list item of plain text that runs on after a line ending in «;» or «.»: the next
 * line was most likely an item of its own whose «- » was lost, and YAML glued it to
 * this one. Where each such line starts.
 */
function gluedItems(source: Source): { line: number; col: number }[] {
  const out: { line: number; col: number }[] = [];
  visit(source.doc, {
    Seq(_, seq) {
      if (!isSeq(seq)) return;
      for (const item of seq.items) {
        if (!isScalar(item) || item.type !== 'PLAIN' || !item.range) continue;
        const raw = source.text.slice(item.range[0], item.range[1]);
        let offset = item.range[0];
        const lines = raw.split('\n');
        for (const [i, line] of lines.entries()) {
          const next = lines[i + 1];
          if (next !== undefined && /[;.]\s*$/.test(line) && next.trim() !== '')
            out.push(source.lineCounter.linePos(offset + line.length + 1 + next.search(/\S/)));
          offset += line.length + 1;
        }
      }
    },
  });
  return out;
}

export function contentWarnings(source: Source, computed: ComputedDirection): Diagnostic[] {
  const { content } = computed;
  const at = (path: (string | number)[]) => ({
    file: source.file,
    ...positionOfPath(source, path),
    path: formatPath(path),
  });
  const out: Diagnostic[] = [];
  if (content.sample) out.push(diagnostic('SampleData', at(['sample']), {}));
  for (const [value, path] of strings(source.data))
    if (placeholderTexts.has(value.trim())) out.push(diagnostic('PlaceholderText', at(path), { text: value.trim() }));
  for (const at of gluedItems(source)) out.push(diagnostic('GluedListItem', { file: source.file, ...at }, {}));
  for (const at of reminders(source)) out.push(diagnostic('PlanNotRevised', { file: source.file, ...at }, {}));
  for (const i of computed.indicators) {
    if (i.execution.kind !== 'value') continue;
    const percent = Number(i.execution.percent);
    if (percent < PLAUSIBLE_EXECUTION.min || percent > PLAUSIBLE_EXECUTION.max)
      out.push(
        diagnostic('ImplausibleExecution', at(['indicators', 'items', i.index, 'fact']), {
          execution: i.executionText,
        }),
      );
  }
  content.events.forEach((group, g) => {
    if (group.items.length === 0) out.push(diagnostic('EmptyEventGroup', at(['events', g]), { title: group.title }));
  });
  return out;
}
