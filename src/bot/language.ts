import type { TurnContext } from "botbuilder";
import type { Language } from "../i18n/catalog";
import type { BotDeps } from "./deps";
import { readSender } from "./turn";

/**
 * The language to write to this user in: their own choice («språk nynorsk»), else the roster's setting
 * for them, else their Teams client's. Many Norwegian teachers run Teams in English, hence the roster step.
 */
export async function resolveLanguage(context: TurnContext, deps: BotDeps): Promise<Language> {
  const sender = readSender(context);
  if (!sender.aadObjectId) return sender.teamsLanguage;
  const chosen = await deps.conversations.getLanguagePreference(sender.aadObjectId);
  if (chosen) return chosen;
  const staff = await deps.roster.getStaff(sender.aadObjectId);
  return staff?.language ?? sender.teamsLanguage;
}

const languageWords: Record<string, Language> = {
  nb: "nb", bokmål: "nb", bokmal: "nb", norsk: "nb",
  nn: "nn", nynorsk: "nn",
  en: "en", english: "en", engelsk: "en",
};

export function parseLanguageWord(word: string): Language | undefined {
  return languageWords[word.trim().toLowerCase()];
}
