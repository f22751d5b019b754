/**
 * The pipeline's import direction as data: every module of src/ belongs to
 * one stage, and a module may import only from its own stage or earlier ones
 * (issue 10 §2). Import declarations are read with the TypeScript compiler
 * (static, type-only, re-exports and `import()` alike), so a moved line or a
 * multi-line import cannot hide one.
 */
import { dirname, posix } from 'node:path';
import ts from 'typescript';

/** Earlier stages first; a stage's modules may import its own and every earlier stage. */
export const STAGES: readonly { name: string; modules: readonly string[] }[] = [
  {
    name: 'shared',
    modules: [
      'src/errors.ts',
      'src/errors/**',
      'src/failures.ts',
      'src/fonts.ts',
      'src/fontMetrics.ts',
      'src/files.ts',
      'src/pictures.ts',
      'src/source/**',
    ],
  },
  { name: 'load', modules: ['src/content/**', 'src/template/**'] },
  { name: 'compute', modules: ['src/compute/**'] },
  { name: 'layout', modules: ['src/layout/**'] },
  { name: 'render', modules: ['src/render/**'] },
  { name: 'output', modules: ['src/output/**'] },
  { name: 'library', modules: ['src/api.ts', 'src/index.ts', 'src/core/**'] },
  { name: 'runners', modules: ['src/batch/**', 'src/preview/**', 'src/sheet/**', 'src/publish/**'] },
  { name: 'cli', modules: ['src/cli.ts', 'src/cli/**', 'src/bin.ts', 'src/launch/**'] },
];

/** Imports forbidden inside one stage: a template is read without knowing what content is. */
const FORBIDDEN: readonly { from: string; to: string; why: string }[] = [
  { from: 'src/template/**', to: 'src/content/**', why: 'a template must not import content' },
];

interface Import {
  from: string;
  to: string;
  line: number;
}

interface Violation extends Import {
  why: string;
}

const matches = (file: string, pattern: string) =>
  pattern.endsWith('/**') ? file.startsWith(pattern.slice(0, -2)) : file === pattern;

/** Index into STAGES, or undefined for a module no stage claims (itself a failure: place it). */
export function stageOf(file: string): number | undefined {
  const i = STAGES.findIndex((s) => s.modules.some((m) => matches(file, m)));
  return i < 0 ? undefined : i;
}

/** `./x.js` from src/a/b.ts → src/a/x.ts (NodeNext imports name the emitted .js). */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined; // a package
  return posix.normalize(posix.join(dirname(from), specifier)).replace(/\.js$/, '.ts');
}

/** Every relative import of one module: import / export … from, `import x = require()`, `import()`. */
export function importsOf(file: string, text: string): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const to = resolveSpecifier(file, specifier.text);
    if (to === undefined) return;
    found.push({ from: file, to, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node, node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      add(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The imports that point against the stage order, or cross a forbidden line, or leave a module without a stage. */
export function violations(modules: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const [file, text] of modules) {
    const from = stageOf(file);
    if (from === undefined) {
      out.push({ from: file, to: file, line: 1, why: 'module in no stage: add it to STAGES' });
      continue;
    }
    for (const imp of importsOf(file, text)) {
      const to = stageOf(imp.to);
      if (to !== undefined && to > from)
        out.push({ ...imp, why: `${STAGES[from]!.name} imports the later stage ${STAGES[to]!.name}` });
      for (const rule of FORBIDDEN)
        if (matches(imp.from, rule.from) && matches(imp.to, rule.to)) out.push({ ...imp, why: rule.why });
    }
  }
  return out;
}
