import { TurnContext } from "botbuilder";
import { z } from "zod";
import { fill, messagesFor } from "../../i18n/catalog";
import { channelIdOf } from "../../store/channel-repo";
import { discussAnonymously, linkAnonymousDiscussion, peopleWithAccess } from "../../usecases/case-thread";
import { loadCase } from "../../usecases/open-case";
import { linkSchoolChannel, unlinkSchoolChannel } from "../../usecases/school-channel";
import { renderCaseCard } from "../case-cards";
import { threadRootCard } from "../case-threads";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";
import { readSender } from "../turn";
import { caseCardReply, messageCard, openCaseForAction, type CardJson } from "./reply";

export const linkChannelText = /^\s*(?:koble til skolen|kople til skulen|link to school)\b\s*(.*)$/i;

/** «koble til skolen [navn]» in a channel (usecases/school-channel.ts): refused for anyone but the school's leaders. */
export async function handleLinkChannel(context: TurnContext, deps: BotDeps): Promise<void> {
  const language = await resolveLanguage(context, deps);
  const m = messagesFor(language).thread;
  const sender = readSender(context);
  if (sender.scope !== "channel") {
    await context.sendActivity(m.onlyInChannel);
    return;
  }
  const named = (context.activity.text ?? "").match(linkChannelText)?.[1] ?? "";
  const reference = TurnContext.getConversationReference(context.activity);
  const conversationId = channelIdOf(context.activity.conversation.id);
  const result = await linkSchoolChannel(
    deps,
    sender.aadObjectId,
    // Without the command's activity id: posts start threads of their own rather than replying to the command.
    {
      conversationId,
      reference: {
        ...reference,
        activityId: undefined,
        conversation: { ...reference.conversation!, id: conversationId },
      },
      language,
    },
    named,
  );
  if (result.kind === "notLeader") deps.logger.warn({ event: "school_channel_link_refused" });
  await context.sendActivity(
    result.kind === "linked"
      ? fill(m.linked, { school: result.schoolName })
      : result.kind === "whichSchool"
        ? fill(m.whichSchool, { schools: result.schools.join(", ") })
        : m.notLeader,
  );
}

/** «koble fra skolen» in the linked channel: a leader of that school unlinks it. */
export async function handleUnlinkChannel(context: TurnContext, deps: BotDeps): Promise<void> {
  const m = messagesFor(await resolveLanguage(context, deps)).thread;
  const result = await unlinkSchoolChannel(deps, readSender(context).aadObjectId, context.activity.conversation.id);
  await context.sendActivity(
    result.kind === "unlinked"
      ? fill(m.unlinked, { school: result.schoolName })
      : result.kind === "notLinked"
        ? m.notLinked
        : m.notLeader,
  );
}

const threadRef = z.object({ pupilId: z.string().min(1).max(64) });

/**
 * The refresh of a case's thread card: the details (the case card for the sender's access) only for someone with
 * access to this case, the base card for everyone else. Teams may auto-refresh for anyone, so this check protects.
 */
export async function handleThreadRefresh(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const language = await resolveLanguage(context, deps);
  const parsed = threadRef.safeParse(data);
  if (!parsed.success) return messageCard(deps, messagesFor(language).case.unknownPupil);
  const opened = await openCaseForAction(context, deps, parsed.data, { services: true });
  const ctx = opened.ok ? opened.ctx : await loadCase(deps, parsed.data.pupilId);
  if (!ctx) return messageCard(deps, messagesFor(language).case.unknownPupil);
  const viewers = await peopleWithAccess(deps, ctx);
  // The refresh is the viewer's own view: the base card in their language.
  const base = threadRootCard(deps, ctx, viewers, [], language);
  if (!opened.ok) return base;
  const details = renderCaseCard(deps, ctx, opened.language, { access: opened.access }).content as CardJson;
  // The details keep the thread's refresh, so the next refresh asks again who is looking.
  return { ...details, refresh: base.refresh };
}

/** «Drøft anonymt» (usecases/case-thread.ts → discussAnonymously). */
export async function handleDiscussAnonymously(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const result = await discussAnonymously(deps, ctx, actor);
  const m = messagesFor(language).thread;
  const fresh = (await loadCase(deps, ctx.pupil.id, ctx.pupil)) ?? ctx;
  return caseCardReply(deps, fresh, language, { note: result.kind === "posted" ? m.anonymousPosted : m.noChannel });
}

const linkData = z.object({ discussionId: z.string().min(1).max(64) });

/** «Koble anonym drøfting til saken»: the teacher's choice, under a samtykke that covers the nurse or PPT. */
export async function handleLinkAnonymous(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language } = opened;
  const m = messagesFor(language).thread;
  const parsed = linkData.safeParse(data);
  if (!parsed.success) return messageCard(deps, messagesFor(language).case.staleAction);
  const result = await linkAnonymousDiscussion(deps, ctx, parsed.data.discussionId);
  const fresh = (await loadCase(deps, ctx.pupil.id, ctx.pupil)) ?? ctx;
  const note =
    result.kind === "linked" ? m.anonymousLinked : result.kind === "noConsent" ? m.linkNeedsConsent : m.noChannel;
  return caseCardReply(deps, fresh, language, { note });
}
