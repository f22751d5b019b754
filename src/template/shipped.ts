/**
 * The shipped templates (templates/<name>/template.yaml), validated in advance: the bundle
 * (scripts/bundle-cli.mjs) and the tests (vitest.config.ts) both put this list in as
 * ITOGI_VALIDATED_TEMPLATES, so load.ts takes one path for them wherever it runs.
 */
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { formatDiagnostic, ItogiError, type Diagnostic } from '../errors.js';
import { readSource } from '../source/read.js';
import { availableTemplates, findTemplateDir, validateTemplate } from './load.js';
import type { Template } from './schema.js';

export interface ShippedTemplate {
  /** template.yaml's text as load.ts reads it. */
  text: string;
  template: Template;
}

/** Each template found in `root`'s templates/, validated; a problem stops with its located messages. */
export function validatedShippedTemplates(root: string): ShippedTemplate[] {
  const refuse = (file: string, diagnostics: readonly Diagnostic[]): never => {
    const lines = diagnostics.map((d) => `  ${formatDiagnostic(d, { verbose: true })}`);
    throw new Error(`${file}: the shipped template is not valid:\n${lines.join('\n')}`);
  };
  return availableTemplates(root).map((name) => {
    const file = join(findTemplateDir(name, root)!, 'template.yaml');
    const read = readSource(file);
    if (!('text' in read)) return refuse(file, read.diagnostics);
    let validated: ReturnType<typeof validateTemplate>;
    try {
      validated = validateTemplate(file, read.text);
    } catch (e) {
      if (e instanceof ItogiError) return refuse(file, e.diagnostics);
      throw e;
    }
    if (validated.problems.length > 0) refuse(file, validated.problems);
    // It travels as JSON (a define): it must arrive unchanged.
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(validated.template)), validated.template))
      throw new Error(`${file}: its validated template does not survive JSON`);
    return { text: read.text, template: validated.template };
  });
}
