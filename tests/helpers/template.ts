/** A folder's own copy of the shipped template, changed for a test. */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILTIN_TEMPLATES } from '../../src/template/load.js';

/** `templates/surgut/template.yaml` under the folder a test runs in. */
export const LOCAL_TEMPLATE = join('templates', 'surgut', 'template.yaml');

/** Copies the shipped surgut template into `dir`, changed by `change`; returns the path of its template.yaml. */
export async function localSurgut(dir: string, change: (yaml: string) => string = (y) => y): Promise<string> {
  await cp(join(BUILTIN_TEMPLATES, 'surgut'), join(dir, 'templates', 'surgut'), { recursive: true });
  const file = join(dir, LOCAL_TEMPLATE);
  await writeFile(file, change(await readFile(file, 'utf8')));
  return file;
}

/**
 * A local surgut template whose `muted` colour is too light to read on white (a TemplateLowContrast
 * warning); returns the line of `muted:`, where the warning is located.
 */
export async function lowContrastSurgut(dir: string): Promise<number> {
  let line = 0;
  await localSurgut(dir, (yaml) => {
    line = yaml.split('\n').findIndex((l) => /^ {2}muted: /.test(l)) + 1;
    return yaml.replace(/^( {2}muted: ).*$/m, '$1A0AEC0');
  });
  if (line === 0) throw new Error('no muted: colour in the surgut template');
  return line;
}

/** The lines that say a template's colours are of too low a contrast. */
export const contrastLines = (lines: string[]) => lines.filter((l) => l.includes(': контраст '));
