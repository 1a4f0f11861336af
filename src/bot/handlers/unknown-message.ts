import type { TurnContext } from "botbuilder";
import { messagesFor } from "../../i18n/catalog";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";

export async function handleUnknownMessage(context: TurnContext, deps: BotDeps): Promise<void> {
  await context.sendActivity(messagesFor(await resolveLanguage(context, deps)).unknownMessage);
}
