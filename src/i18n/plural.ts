/**
 * The one way Nærvær puts a word after a count: «1 elev», «2 elever», «0 elever», in the reader's language by
 * the language's own plural rules (Intl.PluralRules), so a fraction («1,5 timer») and zero take the plural.
 */

type PluralLanguage = "nb" | "nn" | "en";

const rules: Readonly<Record<PluralLanguage, Intl.PluralRules>> = {
  nb: new Intl.PluralRules("nb"),
  nn: new Intl.PluralRules("nn"),
  en: new Intl.PluralRules("en"),
};

/** The singular or the plural for `n`: «elev» for 1, «elever» otherwise. */
export function pluralWord(n: number, language: PluralLanguage, one: string, other: string): string {
  return rules[language].select(n) === "one" ? one : other;
}

/** The count and its word: «1 elev», «2 elever». */
export function countOf(n: number, language: PluralLanguage, one: string, other: string): string {
  return `${n} ${pluralWord(n, language, one, other)}`;
}
