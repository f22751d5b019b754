import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate, validateTemplate } from '../../src/template/load.js';
import { validatedShippedTemplates } from '../../src/template/shipped.js';
import { ROOT as REPO_ROOT } from '../helpers/cli.js';

declare const ITOGI_VALIDATED_TEMPLATES: readonly { text: string; template: unknown }[] | undefined;

describe('shipped templates validated in advance', () => {
  it('reach the tests as they reach the bundle: every template in templates/, with its text', () => {
    expect(typeof ITOGI_VALIDATED_TEMPLATES).not.toBe('undefined');
    const text = readFileSync(join(REPO_ROOT, 'templates/surgut/template.yaml'), 'utf8');
    expect(ITOGI_VALIDATED_TEMPLATES!.map((t) => t.text)).toContain(text);
    expect(ITOGI_VALIDATED_TEMPLATES).toEqual(validatedShippedTemplates(REPO_ROOT));
  });

  it('are what validating their text gives', () => {
    for (const { text, template } of ITOGI_VALIDATED_TEMPLATES!)
      expect(template).toEqual(validateTemplate('template.yaml', text).template);
  });

  it('are loaded without validating again: the template is the frozen one put in', async () => {
    const loaded = await loadTemplate('surgut', REPO_ROOT);
    expect(Object.isFrozen(loaded.template)).toBe(true);
    expect(Object.isFrozen(loaded.template.colors)).toBe(true);
    expect(ITOGI_VALIDATED_TEMPLATES!.some((t) => t.template === loaded.template)).toBe(true);
  });
});
