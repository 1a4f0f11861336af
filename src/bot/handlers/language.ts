import type { TurnContext } from "botbuilder";
import { messagesFor } from "../../i18n/catalog";
import type { BotDeps } from "../deps";
import { parseLanguageWord, resolveLanguage } from "../language";
import { readSender } from "../turn";

/** «språk nynorsk»: the user picks the language Nærvær writes in, whatever their Teams client says. */
export async function handleLanguageChoice(context: TurnContext, deps: BotDeps): Promise<void> {
  const sender = readSender(context);
  const word = (context.activity.text ?? "").trim().split(/\s+/)[1] ?? "";
  const language = parseLanguageWord(word);
  if (!language || !sender.aadObjectId) {
    await context.sendActivity(messagesFor(await resolveLanguage(context, deps)).language.unknown);
    return;
  }
  await deps.conversations.setLanguagePreference(sender.aadObjectId, language, deps.clock.now());
  await context.sendActivity(messagesFor(language).language.changed);
}
