/**
 * The keywords the schema data writes as one letter (a fifth of its bytes):
 * the same table as SHORT_KEYWORDS in runtime/validation/schema-text.ts,
 * which reads them back (the packages share no code;
 * test/validation/schema-text.test.ts holds the two equal). Only the keys of
 * a schema are shortened, never the names inside `properties`.
 */
export const SHORT_FORMS: ReadonlyMap<string, string> = new Map([
  ['type', 't'],
  ['properties', 'p'],
  ['additionalProperties', 'a'],
  ['enum', 'e'],
  ['required', 'r'],
  ['allOf', 'A'],
  ['anyOf', 'n'],
  ['oneOf', 'o'],
  ['items', 'i'],
  ['discriminator', 'd'],
  ['const', 'c'],
]);

/** A keyword as the data writes it. */
export const shortKeyword = (keyword: string): string => SHORT_FORMS.get(keyword) ?? keyword;
