import type { Attachment, TurnContext } from "botbuilder";
import { messagesFor, type Language } from "../../i18n/catalog";
import { casesOf } from "../../usecases/case-list";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";
import { readSender } from "../turn";
import { buildCaseListView } from "../views/case-list-view";

/** «Saker» (usecases/case-list.ts). */
async function caseList(deps: BotDeps, aadObjectId: string | undefined, language: Language): Promise<Attachment> {
  const list = await casesOf(deps, aadObjectId);
  if (list.kind === "notInRoster") {
    const m = messagesFor(language).caseList;
    return deps.cards.attachment("message", { title: m.title, lines: [m.notInRoster] });
  }
  return deps.cards.attachment(
    "case-list",
    buildCaseListView({ entries: list.entries, leads: list.leads, language, today: list.today }),
  );
}

export async function handleCaseListCommand(context: TurnContext, deps: BotDeps): Promise<void> {
  const card = await caseList(deps, readSender(context).aadObjectId, await resolveLanguage(context, deps));
  await context.sendActivity({ attachments: [card] });
}

export async function handleCaseListOpen(context: TurnContext, deps: BotDeps): Promise<Record<string, unknown>> {
  const card = await caseList(deps, readSender(context).aadObjectId, await resolveLanguage(context, deps));
  return card.content as Record<string, unknown>;
}
