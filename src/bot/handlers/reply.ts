import type { TurnContext } from "botbuilder";
import { z } from "zod";
import type { Access } from "../../domain/case";
import { messagesFor, type Language } from "../../i18n/catalog";
import type { CaseContext } from "../../usecases/case-context";
import { loadCase, openCase } from "../../usecases/open-case";
import { renderCaseCard } from "../case-cards";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";
import { readSender } from "../turn";

export type CardJson = Record<string, unknown>;

export function messageCard(deps: BotDeps, title: string, lines: string[] = []): CardJson {
  return deps.cards.render("message", { title, lines });
}

/** The case card as the reply to a card action, in the actor's language. */
export function caseCardReply(
  deps: BotDeps,
  ctx: CaseContext,
  language: Language,
  options: { note?: string; notes?: readonly string[]; access?: Access } = {},
): CardJson {
  return renderCaseCard(deps, ctx, language, options).content as CardJson;
}

/**
 * After an action changed the case, the card the teacher clicked becomes the case as it is now: the new log line, the
 * deadline followed up, the buttons that are left. `ctx` was read before the action and answers if the case is gone.
 */
export async function currentCaseCardReply(
  deps: BotDeps,
  ctx: CaseContext,
  language: Language,
  options: { note?: string; notes?: readonly string[]; access?: Access } = {},
): Promise<CardJson> {
  return caseCardReply(deps, (await loadCase(deps, ctx.pupil.id, ctx.pupil)) ?? ctx, language, options);
}

const caseRef = z.object({
  pupilId: z.string().min(1).max(64),
  caseVersion: z.coerce.number().int().min(1).optional(),
});

export type OpenedForAction =
  | { ok: true; ctx: CaseContext; language: Language; actor: string; access: Access; version?: number }
  | { ok: false; card: CardJson };

/** Every case action starts here: parse the card data, then open the case for the sender (usecases/open-case.ts). */
export async function openCaseForAction(
  context: TurnContext,
  deps: BotDeps,
  data: unknown,
  options: { services?: boolean } = {},
): Promise<OpenedForAction> {
  const language = await resolveLanguage(context, deps);
  const m = messagesFor(language).case;
  const parsed = caseRef.safeParse(data);
  if (!parsed.success) return { ok: false, card: messageCard(deps, m.unknownPupil) };
  const verb = (context.activity.value as { action?: { verb?: string } })?.action?.verb;
  const opened = await openCase(deps, readSender(context).aadObjectId, parsed.data.pupilId, { ...options, via: verb });
  if (opened.ok) return { ...opened, language, version: parsed.data.caseVersion };
  // A closed case is read-only: the change is not made, the case is shown as it stands.
  if (opened.reason === "closed")
    return { ok: false, card: caseCardReply(deps, opened.ctx, language, { access: opened.access }) };
  if (opened.reason === "notAllowed")
    deps.logger.warn({ event: "case_action_refused", pupilId: parsed.data.pupilId, verb });
  return { ok: false, card: messageCard(deps, opened.reason === "notAllowed" ? m.notAllowed : m.unknownPupil) };
}
