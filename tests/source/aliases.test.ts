/**
 * Aliases within the alias count can still multiply one long list: what they
 * expand to is bounded as a file is, so a file of a few hundred kilobytes can
 * never become a deck of thousands of slides.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/content/load.js';
import { SEED_CONTENT } from '../deck/build.js';

const seed = readFileSync(SEED_CONTENT, 'utf8');

/** The seed with `groups` event groups sharing one anchored list of `items` items of `chars` characters. */
function multiplied(groups: number, items: number, chars: number): string {
  const list = Array.from({ length: items }, (_, i) => `      - мероприятие ${i} ${'ж'.repeat(chars)}`).join('\n');
  const shared = Array.from({ length: groups - 1 }, (_, g) => `  - title: группа ${g + 2}\n    items: *all`).join('\n');
  const events = `events:\n  - title: группа 1\n    items: &all\n${list}\n${shared}\n`;
  return seed.replace(/^events:\n(?:[ -].*\n)*/m, events);
}

describe('what aliases expand to', () => {
  it('49 aliases of a 100-item list (a ~250 KB file): refused at the first alias, with the bound', () => {
    const text = multiplied(50, 100, 2400);
    expect(text.length).toBeLessThan(300_000);
    const { source, diagnostics } = parseSource('x.yaml', text);
    expect(source).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual(['AliasLimit']);
    expect(diagnostics[0]!.message).toBe(
      'ссылки-псевдонимы раскрываются в слишком большой текст (больше 1048576 символов; ссылок в файле: 49)',
    );
    expect(diagnostics[0]!.line).toBe(text.split('\n').findIndex((l) => l.includes('*all')) + 1);
  });

  it('a few aliases of a short list stay allowed', () => {
    const { source, diagnostics } = parseSource('x.yaml', multiplied(3, 3, 20));
    expect(diagnostics).toEqual([]);
    expect(source).toBeDefined();
  });
});
