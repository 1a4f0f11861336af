import type { TurnContext } from "botbuilder";
import { pickLanguage, type Language } from "../i18n/catalog";
import type { BotDeps } from "./deps";
import { readSender } from "./turn";

/**
 * The language to write to this user in: their own choice («språk nynorsk»), else the roster's setting
 * for them, else their Teams client's. Many Norwegian teachers run Teams in English, hence the roster step.
 */
export async function resolveLanguage(
  context: TurnContext,
  deps: Pick<BotDeps, "conversations" | "roster">,
): Promise<Language> {
  const sender = readSender(context);
  return sender.aadObjectId ? languageOfUser(deps, sender.aadObjectId, sender.teamsLanguage) : sender.teamsLanguage;
}

/** The same order for proactive messages, where the Teams locale is the one stored with the conversation. */
export async function languageOfUser(
  deps: Pick<BotDeps, "conversations" | "roster">,
  aadObjectId: string,
  teamsLanguage?: Language,
): Promise<Language> {
  const chosen = await deps.conversations.getLanguagePreference(aadObjectId);
  if (chosen) return chosen;
  const staff = await deps.roster.getStaff(aadObjectId);
  if (staff?.language) return staff.language;
  if (teamsLanguage) return teamsLanguage;
  return pickLanguage((await deps.conversations.getPersonal(aadObjectId))?.locale);
}

const languageWords: Record<string, Language> = {
  nb: "nb",
  bokmål: "nb",
  bokmal: "nb",
  norsk: "nb",
  nn: "nn",
  nynorsk: "nn",
  en: "en",
  english: "en",
  engelsk: "en",
};

export function parseLanguageWord(word: string): Language | undefined {
  return languageWords[word.trim().toLowerCase()];
}
