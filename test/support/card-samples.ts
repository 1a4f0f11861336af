import { messagesFor, type Language } from "../../src/i18n/catalog";

/**
 * Sample data for every template in cards/, per language, shaped like what the bot binds.
 * The card validation test fails for a template that has no entry here.
 */
export const cardSamples: Record<string, (language: Language) => object> = {
  welcome: (language) => ({ ...messagesFor(language).welcome, rosterLine: "Du står som kontaktlærer for 6 elever i 7B ved Demo skole." }),
};
