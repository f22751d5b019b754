/** What a batch build did, and the line that closes it. */

export interface Tally {
  /** Decks written. */
  built: number;
  /** Decks left as they were: the same bytes were already there. */
  unchanged: number;
  /** Files that gave no deck (bad input, a duplicate, a deck that could not be written). */
  failed: number;
  /** Warnings reported while checking. */
  warnings: number;
  /** With --pdf: PDFs written, and PDFs that could not be made. */
  pdfWritten: number;
  pdfFailed: number;
}

export const emptyTally = (): Tally => ({
  built: 0,
  unchanged: 0,
  failed: 0,
  warnings: 0,
  pdfWritten: 0,
  pdfFailed: 0,
});

/** «0,4 с», «12,0 с», «2 мин 5 с». Tenths by hand, not Intl.NumberFormat: loading ICU's Russian number data cost ~9 ms of a cold build. */
export function formatDuration(ms: number): string {
  if (ms < 59_950) {
    const tenths = Math.round(Math.max(0, ms) / 100);
    return `${Math.floor(tenths / 10)},${tenths % 10} с`;
  }
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)} мин ${total % 60} с`;
}

/** «Собрано: 3, без изменений: 17, с ошибками: 1, предупреждений: 2 — 4,2 с»; PDF counts only with --pdf. */
export function closingLine(t: Tally, ms: number, pdf: boolean): string {
  const parts = [
    `Собрано: ${t.built}`,
    `без изменений: ${t.unchanged}`,
    `с ошибками: ${t.failed}`,
    `предупреждений: ${t.warnings}`,
  ];
  if (pdf) parts.push(`PDF записано: ${t.pdfWritten}`);
  if (t.pdfFailed > 0) parts.push(`PDF с ошибками: ${t.pdfFailed}`);
  return `${parts.join(', ')} — ${formatDuration(ms)}`;
}

/** The progress bar's text: «Сборка ██████░░░░ 12/20 · собрано 10, без изменений 1, с ошибками 1», cut to the terminal. */
export function progressText(t: Tally, total: number, columns: number): string {
  const done = t.built + t.unchanged + t.failed;
  const width = 20;
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  const counts = [
    `собрано ${t.built}`,
    `без изменений ${t.unchanged}`,
    ...(t.failed > 0 ? [`с ошибками ${t.failed}`] : []),
  ].join(', ');
  const text = `Сборка ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total} · ${counts}`;
  // One character short of the width: writing the last column wraps on some terminals.
  return [...text].slice(0, Math.max(10, columns - 1)).join('');
}
