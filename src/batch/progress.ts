/**
 * How a batch shows itself: on a terminal, one progress line on stderr that is
 * redrawn in place, with every message printed above it; otherwise (a pipe, a
 * log file, CI) the messages alone, plain lines without control characters.
 */
import { progressText, type Tally } from './tally.js';

export interface Terminal {
  write(text: string): void;
  columns: number;
}

export interface Lines {
  out(line: string): void;
  err(line: string): void;
}

export interface Display extends Lines {
  /** `total`: decks the batch will have built or failed when it is done. */
  update(tally: Tally, total: number): void;
  /** Removes the progress line, before the closing line. */
  finish(): void;
}

export function plainDisplay(lines: Lines): Display {
  return { out: (l) => lines.out(l), err: (l) => lines.err(l), update: () => undefined, finish: () => undefined };
}

const CLEAR_LINE = '\r\x1b[2K';

export function barDisplay(lines: Lines, terminal: Terminal, initial: Tally, initialTotal: number): Display {
  let tally = initial;
  let total = initialTotal;
  let shown = false;
  const draw = () => {
    terminal.write(`${CLEAR_LINE}${progressText(tally, total, terminal.columns || 80)}`);
    shown = true;
  };
  const clear = () => {
    if (shown) terminal.write(CLEAR_LINE);
    shown = false;
  };
  const around = (print: (l: string) => void) => (l: string) => {
    clear();
    print(l);
    draw();
  };
  // First drawn on the first update: the batch knows its total (the summaries) only once the files are read.
  return {
    out: around((l) => lines.out(l)),
    err: around((l) => lines.err(l)),
    update(next, nextTotal) {
      tally = next;
      total = nextTotal;
      draw();
    },
    finish: clear,
  };
}
