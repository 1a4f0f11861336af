import type { TurnContext } from "botbuilder";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";
import { readSender } from "../turn";
import { buildWelcomeCard } from "../welcome-card";
import { rememberConversation } from "./installation";

export async function handleHelp(context: TurnContext, deps: BotDeps): Promise<void> {
  const sender = readSender(context);
  if (sender.scope === "personal") await rememberConversation(context, deps);
  await context.sendActivity({ attachments: [await buildWelcomeCard(deps, sender.aadObjectId, await resolveLanguage(context, deps))] });
}
