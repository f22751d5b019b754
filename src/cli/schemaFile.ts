/**
 * schema/content.schema.json, which the `# yaml-language-server: $schema=…`
 * line of every direction file points to from content/<year>/: written by
 * `itogi schema`, and by `itogi new` when the folder has none yet.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { contentJsonSchema } from '../content/schema.js';

export const SCHEMA_PATH = join('schema', 'content.schema.json');

export function schemaText(): string {
  return `${JSON.stringify(contentJsonSchema(), null, 2)}\n`;
}

/** Writes the schema under `cwd`; its path as printed. */
export async function writeSchema(cwd: string): Promise<string> {
  const path = resolve(cwd, SCHEMA_PATH);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, schemaText());
  return SCHEMA_PATH;
}
