/**
 * Russian typesetting: the spaces a line must not break at become
 * non-breaking (U+00A0), as a typesetter would set them (Мильчин, «Справочник
 * издателя и автора»): after a one- or two-letter word and a short preposition
 * or conjunction, between a number and its unit or «%», in «№ 45», between a
 * surname and its initials, before a dash, and before a paragraph's short last
 * word. Applied where texts enter the layout (measure.ts never breaks at
 * U+00A0, LibreOffice and PowerPoint neither), so the measured lines and both
 * renderers agree. Only single U+0020 spaces are replaced: the text reads as
 * written, and typesetting a typeset text changes nothing. Pure.
 */

export const NBSP = '\u00a0';

/**
 * Three-letter and longer prepositions, conjunctions and particles that must
 * not end a line (one- and two-letter words never do, whatever they are).
 */
const SHORT_WORDS = [
  'без',
  'для',
  'над',
  'под',
  'при',
  'про',
  'обо',
  'изо',
  'подо',
  'или',
  'как',
  'что',
  'чем',
  'где',
  'между',
  'через',
  'перед',
  'около',
  'возле',
  'после',
  'среди',
  'путём',
  'путем',
] as const;

/** Units and words that follow a number and must stay with it. */
const UNITS = [
  '%',
  '‰',
  '°C',
  'ед\\.',
  'чел\\.',
  'человек',
  'тыс\\.',
  'млн',
  'млрд',
  'руб\\.',
  'рублей',
  'коп\\.',
  'р\\.',
  'км',
  'м',
  'м²',
  'м³',
  'кв\\.',
  'куб\\.',
  'га',
  'т',
  'кг',
  'г\\.',
  'гг\\.',
  'год\\p{L}*',
  'лет',
  'раз\\p{L}*',
  'шт\\.',
  'мест\\p{L}*',
  'д\\.',
  'дн\\p{L}*',
  'ч\\.',
  'час\\p{L}*',
  'мин\\.',
  'п\\.',
  'пп\\.',
  'ст\\.',
  'экз\\.',
  'ед',
  'чел',
  'тыс',
  'руб',
] as const;

/** A word boundary before: not preceded by a letter, digit or a joining mark. */
const START = '(?<![\\p{L}\\p{N}\\p{M}_])';
/** A word boundary after: not followed by a letter, digit or mark. */
const END = '(?![\\p{L}\\p{N}\\p{M}])';

// Each rule starts with the space it binds: the engine then skips to spaces at once, and tests
// the context around them only there (a rule led by `(?<=…\p{L}+)` re-read every word at every letter).
const RULES: readonly RegExp[] = [
  // «в развитии», «НА 10», «для жителей», «ИЗ»: after a one- or two-letter word and a short function word.
  new RegExp(` (?<=${START}(?:\\p{L}{1,2}|${SHORT_WORDS.join('|')}) )(?=\\S)`, 'giu'),
  // «10 тыс.», «80,4 %», «2023 год*»: between a number and its unit.
  new RegExp(` (?<=\\p{N} )(?=(?:${UNITS.join('|')})${END})`, 'giu'),
  // «Исполнение %»: a percent sign never starts a line, whatever stands before it.
  / (?=[%‰](?![\p{L}\p{N}]))(?<=\S )/gu,
  // «№ 45», «§ 3».
  / (?<=[№§] )(?=\S)/gu,
  // «Соколов Д.И.», «ГУМЕНЮК М. А.»: a surname and its initials.
  / (?=\p{Lu}\.\s?\p{Lu}\.)(?<=\p{Lu}\p{L}+ )/gu,
  // «Д. И. Соколов»: initials, and initials before a surname.
  / (?=\p{Lu}\.)(?<=(?<!\p{L})\p{Lu}\. )/gu,
  / (?=\p{Lu}\p{Ll})(?<=(?<!\p{L})\p{Lu}\.\s?\p{Lu}\. )/gu,
  // «ГОРОДА – ГУМЕНЮК»: a dash never starts a line.
  / (?=[–—](?:\s|$))(?<=\S )/gmu,
  // A paragraph's last word of at most four letters or digits (with its quotes and punctuation) never stands alone.
  / (?=[^\s\p{L}\p{N}]?[\p{L}\p{N}]{1,4}[^\s\p{L}\p{N}]*$)(?<=\S )/gmu,
];

/** `text` with its unbreakable spaces made U+00A0; idempotent. */
export function typeset(text: string): string {
  if (!text.includes(' ')) return text;
  let out = text;
  for (const rule of RULES) out = out.replace(rule, NBSP);
  return out;
}

/** The text with every U+00A0 read as a plain space: what a reader of the words compares. */
export function plainSpaces(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}
