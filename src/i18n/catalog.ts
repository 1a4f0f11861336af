/**
 * Every text a user sees, one file per language in messages/. Bokmål is the default; nynorsk and English
 * follow the same keys (the type checker holds them to bokmål's shape). A trip's and a pattern's sentences
 * are in trip-texts.ts.
 * Words follow the routines: kontaktlærer, tiltaksleder, stafettholder, nærværsmøte, samtykke.
 */
import { toKindergartenWords } from "../domain/templates/common";
import { en } from "./messages/en";
import { type Messages, nb } from "./messages/nb";
import { nn } from "./messages/nn";
import { pluralWord } from "./plural";

export type { Messages };

export type Language = "nb" | "nn" | "en";
const catalogs: Record<Language, Messages> = { nb, nn, en };

/** Teams sends locales like "nb-NO", "nn-NO", "no", "en-US"; anything unknown falls back to bokmål. */
export function pickLanguage(locale: string | undefined): Language {
  const tag = (locale ?? "").toLowerCase();
  if (tag.startsWith("nn")) return "nn";
  if (tag.startsWith("en")) return "en";
  return "nb";
}

/** Who a case's texts speak of: a school's pupil, or a kindergarten's child (000 Del 2 and Del 4). */
export type Institution = "school" | "kindergarten";

const kindergartenCatalogs = new Map<Language, Messages>();

function inKindergartenWords<T>(value: T, language: Language): T {
  if (typeof value === "string") return toKindergartenWords(language, value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => inKindergartenWords(v, language)) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, inKindergartenWords(v, language)])) as T;
  return value;
}

/** The catalog in a language; a kindergarten's speaks of «barnet», «pedagogisk leder» and «barnehagen». */
export function messagesFor(language: Language, institution: Institution = "school"): Messages {
  if (institution === "school") return catalogs[language];
  let catalog = kindergartenCatalogs.get(language);
  if (!catalog) {
    catalog = inKindergartenWords(catalogs[language], language);
    kindergartenCatalogs.set(language, catalog);
  }
  return catalog;
}

/** A text made outside the catalog (a trip's, the pattern's) in the institution's words. */
export function inInstitutionWords(text: string, language: Language, institution: Institution): string {
  return institution === "kindergarten" ? toKindergartenWords(language, text) : text;
}

/**
 * Fills {placeholders}; {count|elev|elever} is the word for the number in {count}, by the language's plural rules
 * (plural.ts). A missing value is left visible rather than silently blank.
 */
export function fill(template: string, values: Record<string, string | number>, language: Language = "nb"): string {
  return template.replace(
    /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g,
    (whole, key: string, one?: string, other?: string) => {
      if (!(key in values)) return whole;
      if (one === undefined || other === undefined) return String(values[key]);
      return pluralWord(Number(values[key]), language, one, other);
    },
  );
}
