/**
 * src/errors/zodMap.ts (the zod error map) and src/source/zodIssues.ts (its
 * issues located in the YAML): zod issues → catalogue diagnostics. Bounds a
 * schema sets (.max/.min on numbers, texts, lists) come out as located Russian
 * lines that name the bound, with no message written in the schema; a message
 * the schema words itself is kept as the rule, whether or not the parse went
 * through parseWith.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatDiagnostic } from '../../src/errors.js';
import { parseSource } from '../../src/source/parse.js';
import { parseWith, zodErrorMap } from '../../src/errors/zodMap.js';
import { zodDiagnostics } from '../../src/source/zodIssues.js';

const Schema = z.strictObject({
  position: z.string().max(300),
  fact: z.number().max(1e12).min(-1e12),
  items: z.array(z.string()).max(2),
  code: z.string().min(3),
  share: z.number().gt(0).lt(100),
  id: z.string().regex(/^[a-z]+$/, { message: 'только строчные латинские буквы' }),
});

const TEXT = [
  `position: ${'а'.repeat(301)}`,
  'fact: 1e308',
  'items: [a, b, c]',
  'code: ab',
  'share: 100',
  'id: Abc',
].join('\n');

const EXPECTED = [
  't.yaml:1:11: ошибка: position: текст должен быть не длиннее 300 символов, получено «' +
    `${'а'.repeat(57)}…»; сократите текст: длиннее его не вместит слайд`,
  't.yaml:2:7: ошибка: fact: значение должно быть не больше 1e12, получено «1e308»; проверьте число: нет ли лишних цифр, знака или опечатки',
  't.yaml:3:8: ошибка: items: в списке должно быть не больше 2 элементов, получено 3; уберите лишние элементы списка',
  't.yaml:4:7: ошибка: code: текст должен быть не короче 3 символов, получено «ab»; допишите текст',
  't.yaml:5:8: ошибка: share: значение должно быть меньше 100, получено «100»; проверьте число: нет ли лишних цифр, знака или опечатки',
  't.yaml:6:5: ошибка: id: только строчные латинские буквы; получено «Abc»; исправьте значение по этому правилу',
];

describe('bounds the schema sets, located and named', () => {
  const { source } = parseSource('t.yaml', TEXT);

  it('through parseWith (zod messages replaced by the error map)', () => {
    const result = parseWith(Schema, source!.data);
    expect(result.success).toBe(false);
    const issues = result.success ? [] : result.error.issues;
    expect(issues.find((i) => i.path[0] === 'fact')?.message).toBe('не больше 1e12');
    expect(zodDiagnostics(source!, issues, Schema).map((d) => formatDiagnostic(d))).toEqual(EXPECTED);
  });

  it('through a plain safeParse (zod’s English defaults are recognised, never printed)', () => {
    const result = Schema.safeParse(source!.data);
    const issues = result.success ? [] : result.error.issues;
    expect(zodDiagnostics(source!, issues, Schema).map((d) => formatDiagnostic(d))).toEqual(EXPECTED);
  });

  it('the error map words every issue kind in Russian', () => {
    const result = z
      .strictObject({ a: z.number(), b: z.enum(['x', 'y']) })
      .safeParse({ a: 'q', b: 'z', c: 1 }, { error: zodErrorMap });
    const messages = result.success ? [] : result.error.issues.map((i) => i.message);
    expect(messages).toEqual(['ожидается число', 'допустимые значения: x, y', 'неизвестное поле «c»']);
  });
});
