/** Library API: the same core the CLI uses, with typed errors. */
export { checkFile, buildDeck, outputPath, type CheckedFile, type DeckFile, type Options } from './api.js';
export { summarizeYear, buildSummary, summaryPath, SUMMARY_MIN_DIRECTIONS, type YearSummary } from './api.js';
export {
  checkFiles,
  buildDecks,
  saveDeck,
  outDirProblem,
  type BuiltFile,
  type FilesOptions,
  type SavedDeck,
} from './api.js';
export { WriteError } from './output/write.js';
export { computeCity, type CityTotals, type DirectionTotals } from './compute/city.js';
export { collectFiles } from './files.js';
export { ContentSchema, contentJsonSchema, type Content, type Indicator } from './content/schema.js';
export { computeDirection, type ComputedDirection, type ComputedIndicator } from './compute/direction.js';
export { resultLine } from './compute/resultLine.js';
export { layoutDeck } from './layout/slides.js';
export { CATALOGUE, ItogiError, formatDiagnostic, type Diagnostic, type DiagnosticCode } from './errors.js';
export { runCli } from './cli.js';
/** The one core build, watch and preview stand on: files, templates and the rules over them, for a runner of one's own. */
export { Workspace, type Affected, type FileChange, type WorkspaceOptions } from './core/workspace.js';
/** Templates loaded once for many files (Options.templates); a Workspace owns one. */
export { TemplateRegistry, type LoadedTemplate } from './template/load.js';
export { planYears, type YearPlan, type MissingDirection } from './core/years.js';
/** What a stopped run would leave, for a caller that handles signals itself (the CLI does: cli/signals.ts). */
export { cleanUpNow, sweepLeftovers } from './output/cleanup.js';
