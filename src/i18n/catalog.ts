/**
 * Every text a user sees, one file per language in messages/. Bokmål is the default; nynorsk and English
 * follow the same keys (the type checker holds them to bokmål's shape). A trip's and a pattern's sentences
 * are in trip-texts.ts.
 * Words follow the routines: kontaktlærer, tiltaksleder, stafettholder, nærværsmøte, samtykke.
 */
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

export function messagesFor(language: Language): Messages {
  return catalogs[language];
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
