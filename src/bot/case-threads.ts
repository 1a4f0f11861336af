import { CardFactory, type Activity } from "botbuilder";
import { messagesFor } from "../i18n/catalog";
import type { CaseThread, CaseThreadRepo, SchoolChannel, SchoolChannelRepo } from "../store/channel-repo";
import type { CaseContext } from "../usecases/case-context";
import type { CaseCards, CaseThreadMessage, CaseThreadRef } from "../usecases/ports";
import type { BotDeps } from "./deps";
import type { CardUpdater, ChannelPoster } from "./proactive";
import {
  buildAnonymousView,
  buildThreadBaseView,
  buildThreadReplyView,
  eventLine,
  renderThreadCard,
  type ThreadCardInput,
} from "./views/case-thread-view";

export interface CaseThreadDeps extends Pick<BotDeps, "cards" | "logger" | "clock"> {
  notifier: CardUpdater;
  schoolChannels: SchoolChannelRepo;
  threads: CaseThreadRepo;
  poster: ChannelPoster;
}

/** The school's channel speaks bokmål, the routines' language. */
const channelLanguage = "nb";

const inputOf = (ctx: CaseContext): ThreadCardInput => ({
  schoolName: ctx.school.name,
  pupil: ctx.pupil,
  status: ctx.status,
  language: channelLanguage,
});

const activityOf = (card: object): Partial<Activity> => ({ attachments: [CardFactory.adaptiveCard(card)] });

/** The case's root card in its base form, with the people who may see details as its refresh list. */
export function threadRootCard(
  deps: Pick<BotDeps, "cards">,
  ctx: CaseContext,
  viewers: readonly string[],
  lines: string[] = [],
) {
  return renderThreadCard(deps.cards, buildThreadBaseView(inputOf(ctx), viewers, lines), { refresh: true });
}

/** The card a message posts: the root when it opens the thread, else a reply. */
function cardFor(deps: CaseThreadDeps, message: CaseThreadMessage, opensThread: boolean): object {
  const m = messagesFor(channelLanguage).thread;
  switch (message.kind) {
    case "broughtIn": {
      const service = messagesFor(channelLanguage).roles[message.role];
      const mentionLine = m.broughtIn.replace("{service}", service);
      const view = opensThread
        ? buildThreadBaseView(inputOf(message.case), message.viewers)
        : { ...buildThreadReplyView(inputOf(message.case), ""), lines: [] };
      return renderThreadCard(deps.cards, view, { mentions: message.people, mentionLine, refresh: opensThread });
    }
    case "event":
      return renderThreadCard(
        deps.cards,
        buildThreadReplyView(inputOf(message.case), eventLine(message.event, message.case.status, channelLanguage)),
      );
    case "consentEnded":
      return renderThreadCard(deps.cards, buildThreadReplyView(inputOf(message.case), m.consentEnded));
    case "anonymous":
      return renderThreadCard(
        deps.cards,
        buildAnonymousView(message.schoolName, message.summary, message.by.name, channelLanguage),
      );
    case "linkAnonymous":
      return threadRootCard(deps, message.case, message.viewers, [m.linkedRoot]);
  }
}

/** Keeps the root card's refresh list equal to the people with access, at once (a withdrawal takes effect here). */
async function updateRoot(deps: CaseThreadDeps, thread: CaseThread, message: CaseThreadMessage): Promise<void> {
  if (!("viewers" in message)) return;
  await deps.notifier.update(
    { conversationId: thread.channelConversationId, activityId: thread.cardActivityId, serviceUrl: thread.serviceUrl },
    activityOf(threadRootCard(deps, message.case, message.viewers)),
  );
}

/** An anonymous discussion becomes the case's thread: the case's root card is posted in it and updated from then on. */
async function linkAnonymous(
  deps: CaseThreadDeps,
  channel: SchoolChannel,
  ref: CaseThreadRef,
  message: Extract<CaseThreadMessage, { kind: "linkAnonymous" }>,
): Promise<void> {
  const anonymous = await deps.threads.get(ref.pupilId, `anonymous:${message.discussionId}`);
  if (!anonymous) return;
  const sent = await deps.poster.post(
    channel.reference,
    activityOf(cardFor(deps, message, false)),
    anonymous.rootActivityId,
  );
  await deps.threads.save({
    ...anonymous,
    key: "case",
    cardActivityId: sent.activityId,
    fromAnonymous: message.discussionId,
    at: deps.clock.now().toISOString(),
  });
}

/**
 * The port's thread side (usecases/ports.ts → postInCaseThread): the school's linked channel, the thread of the case
 * (or of an anonymous discussion), root or reply. Where the root landed is kept here; the use cases never see it.
 */
export function createCaseThreads(deps: CaseThreadDeps): Pick<CaseCards, "postInCaseThread"> {
  return {
    async postInCaseThread(schoolId, ref, message) {
      try {
        await postInThread(deps, schoolId, ref, message);
      } catch (error) {
        // The case goes on in 1:1 when the channel cannot be reached (bot removed from the team, Teams down).
        deps.logger.warn({
          event: "case_thread_post_failed",
          kind: message.kind,
          status: (error as { statusCode?: number }).statusCode,
          err: (error as Error).message,
        });
      }
    },
  };
}

/** Root or reply in the school's channel; throws when Teams refuses, for the port to log. */
async function postInThread(
  deps: CaseThreadDeps,
  schoolId: string,
  ref: CaseThreadRef,
  message: CaseThreadMessage,
): Promise<void> {
  const channel = await deps.schoolChannels.get(schoolId);
  if (!channel) {
    deps.logger.info({ event: "case_thread_no_channel", schoolId, kind: message.kind });
    return;
  }
  if (message.kind === "linkAnonymous") return linkAnonymous(deps, channel, ref, message);
  const key = ref.discussionId ? `anonymous:${ref.discussionId}` : "case";
  const thread = await deps.threads.get(ref.pupilId, key);
  if (!thread) {
    // Only a bring-in or «Drøft anonymt» opens a thread; other events of a case without one stay in 1:1.
    if (message.kind !== "broughtIn" && message.kind !== "anonymous") return;
    const sent = await deps.poster.post(channel.reference, activityOf(cardFor(deps, message, true)));
    const saved = await deps.threads.save({
      pupilId: ref.pupilId,
      key,
      channelConversationId: channel.conversationId,
      rootActivityId: sent.activityId,
      cardActivityId: sent.activityId,
      serviceUrl: sent.serviceUrl,
      at: deps.clock.now().toISOString(),
    });
    if (!saved) deps.logger.warn({ event: "case_thread_second_root", pupilId: ref.pupilId });
    deps.logger.info({ event: "case_thread_opened", pupilId: ref.pupilId, kind: message.kind });
    return;
  }
  await deps.poster.post(channel.reference, activityOf(cardFor(deps, message, false)), thread.rootActivityId);
  await updateRoot(deps, thread, message);
}
