/**
 * schema/content.schema.json: the editor's view of the zod schema
 * (yaml-language-server, draft-07). It is committed, so it must not drift.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { schemaText, SCHEMA_PATH } from '../../src/cli.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

type JsonSchema = {
  $schema?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  description?: string;
  enum?: unknown[];
  pattern?: string;
};

/** Every object node with the path that leads to it. */
function objects(node: JsonSchema, path = '$'): [string, JsonSchema][] {
  const out: [string, JsonSchema][] = [];
  if (node.type === 'object' || node.properties) out.push([path, node]);
  for (const [key, child] of Object.entries(node.properties ?? {})) out.push(...objects(child, `${path}.${key}`));
  if (node.items) out.push(...objects(node.items, `${path}[]`));
  for (const [i, alt] of (node.anyOf ?? []).entries()) out.push(...objects(alt, `${path}|${i}`));
  return out;
}

describe('schema/content.schema.json', () => {
  const committedPath = join(ROOT, SCHEMA_PATH);

  it('the committed file is exactly what schemaText() produces (run `npm run schema` after changing the zod schema)', async () => {
    const committed = await readFile(committedPath, 'utf8');
    expect(committed).toBe(schemaText());
  });

  const schema = JSON.parse(schemaText()) as JsonSchema;

  it('is draft-07 for yaml-language-server', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.type).toBe('object');
  });

  it('every object forbids unknown keys (a typo such as fakt: is flagged in the editor)', () => {
    const all = objects(schema);
    expect(all.map(([p]) => p)).toEqual(
      expect.arrayContaining([
        '$',
        '$.report',
        '$.direction',
        '$.direction.responsible',
        '$.events[]',
        '$.indicators',
        '$.indicators.items[]',
        '$.notes',
      ]),
    );
    for (const [path, node] of all) expect(node.additionalProperties, path).toBe(false);
  });

  it('every field has a Russian description (hover text)', () => {
    for (const [path, node] of objects(schema)) {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        expect(child.description, `${path}.${key}`).toMatch(/[а-яё]/i);
      }
    }
    expect(schema.description).toMatch(/[а-яё]/i);
  });

  it('says what the spec says is required; defaults and no-data stay optional', () => {
    expect(schema.required?.sort()).toEqual(['direction', 'goal', 'indicators', 'report', 'tasks']);
    const indicator = schema.properties!['indicators']!.properties!['items']!.items!;
    expect(indicator.required?.sort()).toEqual(['name', 'number', 'plan', 'unit']);
    expect(indicator.properties!['better']!.enum).toEqual(['higher', 'lower']);
    expect(schema.properties!['report']!.required?.sort()).toEqual(['date', 'year']);
    expect(schema.properties!['report']!.properties!['date']!.pattern).toBeDefined();
    expect(schema.properties!['direction']!.properties!['id']!.pattern).toBeDefined();
  });

  it('speaker notes: optional texts for the table slide and the chart slide', () => {
    const notes = schema.properties!['notes']!;
    expect(schema.required).not.toContain('notes');
    expect(Object.keys(notes.properties!).sort()).toEqual(['chart', 'indicators']);
    expect(notes.required ?? []).toEqual([]);
    for (const field of Object.values(notes.properties!)) expect(field.type).toBe('string');
  });

  it('the seed points its editor at this file, from content/<year>/ of the folder holding schema/', async () => {
    const workspace = join(ROOT, 'tests', 'fixtures', 'workspace');
    const seed = await readFile(join(workspace, 'content', '2023', 'institutional-environment.yaml'), 'utf8');
    const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(seed)?.[1];
    expect(ref).toBe('../../schema/content.schema.json');
    // The repository is such a folder: its content/2023/ sees the committed schema the same way.
    expect(relative(workspace, resolve(workspace, 'content', '2023', ref!))).toBe(relative(ROOT, committedPath));
  });
});
