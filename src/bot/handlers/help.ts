import type { TurnContext } from "botbuilder";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";
import { readSender } from "../turn";
import { buildWelcomeCard } from "../welcome-card";

export async function handleHelp(context: TurnContext, deps: BotDeps): Promise<void> {
  const sender = readSender(context);
  await context.sendActivity({
    attachments: [await buildWelcomeCard(deps, sender.aadObjectId, await resolveLanguage(context, deps))],
  });
}
