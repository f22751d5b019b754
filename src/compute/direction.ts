/**
 * One direction computed: every indicator's execution, status and table
 * texts, the tally and the result line. Pure: no I/O, no template.
 */
import type { Content, Indicator } from '../content/schema.js';
import { execution, status, type Execution, type Measured, type Status } from './execution.js';
import { formatExecution, formatNumber, NO_DATA } from './format.js';
import { resultLine, type Tally } from './resultLine.js';

export interface ComputedIndicator {
  indicator: Indicator;
  execution: Execution;
  status: Status;
  /** First table column: '<number>. <name>, <unit>' plus ' (<note>)' when there is a note. */
  label: string;
  planText: string;
  /** The fact formatted, or 'н/д' when there is no fact yet (as in the execution cell). */
  factText: string;
  /** '111,7 %', 'н/д' (no fact) or '—' (zero divisor). */
  executionText: string;
  /** Position in content.indicators.items. */
  index: number;
}

export interface ComputedDirection {
  content: Content;
  indicators: ComputedIndicator[];
  tally: Tally;
  /** content.summary when given, else the generated line. */
  resultLine: string;
  generatedResultLine: string;
}

/** '46. Количество горожан…, чел. (ежегодно)'; a footnote `mark` goes right after the name ('102. Уровень износа…**, %'). */
export function indicatorLabel(i: Pick<Indicator, 'number' | 'name' | 'unit' | 'note'>, mark = ''): string {
  return `${i.number}. ${i.name}${mark}, ${i.unit}${i.note !== undefined ? ` (${i.note})` : ''}`;
}

/** The schema fills defaults; `??` keeps hand-built objects (e.g. from JS) working too. */
function measured(i: Indicator): Measured {
  return { plan: i.plan, fact: i.fact, better: i.better ?? 'higher', precision: i.precision ?? 1 };
}

export function computeIndicator(indicator: Indicator, index: number): ComputedIndicator {
  const m = measured(indicator);
  const e = execution(m);
  return {
    indicator,
    execution: e,
    status: status(m),
    label: indicatorLabel(indicator),
    planText: formatNumber(indicator.plan),
    factText: indicator.fact === null || indicator.fact === undefined ? NO_DATA : formatNumber(indicator.fact),
    executionText: formatExecution(e),
    index,
  };
}

export function computeDirection(content: Content): ComputedDirection {
  const indicators = content.indicators.items.map(computeIndicator);
  const tally: Tally = {
    year: content.report.year,
    total: indicators.length,
    achieved: indicators.filter((i) => i.status === 'achieved').length,
    pending: indicators.filter((i) => i.status === 'pending').length,
  };
  const generatedResultLine = resultLine(tally);
  return {
    content,
    indicators,
    tally,
    resultLine: content.summary ?? generatedResultLine,
    generatedResultLine,
  };
}
