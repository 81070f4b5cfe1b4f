// What a message is. Most are a string with {param} placeholders. A count is a plural: the forms of
// Intl.PluralRules for the language ({one, other} in English; Chinese has only `other`), chosen by the
// `count` param — t('browse.count', {count: 1}) → "1 conversation" — with {count} written in the
// language's number format.
//
// The dictionaries are split by feature (en/<feature>.ts and zh-CN/<feature>.ts, merged in en/index.ts and
// zh-CN/index.ts) so that work on different parts of the window touches different files. To add a message:
// put it in the English file of its feature, then in the Chinese file of the same name (the type checker
// insists); a new feature file goes into both index.ts files and the key-uniqueness test.

/** The plural forms of one message; `other` is required in every language. */
export type PluralForms = { readonly other: string } & { readonly [F in Exclude<Intl.LDMLPluralRule, 'other'>]?: string };

export type Message = string | PluralForms;

/** Another language's version of a group of English messages: every key, a plural where English has one. */
export type Translation<T extends Readonly<Record<string, Message>>> = {
  readonly [K in keyof T]: T[K] extends string ? string : PluralForms;
};

export function isPlural(m: Message): m is PluralForms {
  return typeof m !== 'string';
}
