import { CardFactory } from "botbuilder";
import type { CardLocation } from "../domain/case";
import { messagesFor, type Language } from "../i18n/catalog";
import type { CaseThread, CaseThreadRepo, SchoolChannel, SchoolChannelRepo } from "../store/channel-repo";
import type { CaseContext } from "../usecases/case-context";
import type { ThreadPost } from "../store/outbox-repo";
import { DeliveryFailure, type Transport } from "../usecases/delivery";
import type { CaseCards, CaseThreadMessage } from "../usecases/ports";
import type { BotDeps } from "./deps";
import type { OutboxWriter } from "./outbox-writer";
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
  writer: OutboxWriter;
  schoolChannels: SchoolChannelRepo;
  threads: CaseThreadRepo;
  poster: ChannelPoster;
}

const inputOf = (ctx: CaseContext, language: Language): ThreadCardInput => ({
  schoolName: ctx.school.name,
  pupil: ctx.pupil,
  status: ctx.status,
  language,
});

const activityOf = (card: object) => ({ attachments: [CardFactory.adaptiveCard(card)] as unknown[] });

/** The case's root card in its base form, with the people who may see details as its refresh list. */
export function threadRootCard(
  deps: Pick<BotDeps, "cards">,
  ctx: CaseContext,
  viewers: readonly string[],
  lines: string[] = [],
  language: Language = "nb",
) {
  return renderThreadCard(deps.cards, buildThreadBaseView(inputOf(ctx, language), viewers, lines), { refresh: true });
}

/** The card a message posts: the root when it opens the thread, else a reply. */
function cardFor(deps: CaseThreadDeps, message: CaseThreadMessage, opensThread: boolean, language: Language): object {
  const m = messagesFor(language).thread;
  switch (message.kind) {
    case "broughtIn": {
      const service = messagesFor(language).roles[message.role];
      const mentionLine = m.broughtIn.replace("{service}", service);
      const view = opensThread
        ? buildThreadBaseView(inputOf(message.case, language), message.viewers)
        : { ...buildThreadReplyView(inputOf(message.case, language), ""), lines: [] };
      return renderThreadCard(deps.cards, view, { mentions: message.people, mentionLine, refresh: opensThread });
    }
    case "event":
      return renderThreadCard(
        deps.cards,
        buildThreadReplyView(inputOf(message.case, language), eventLine(message.event, message.case.status, language)),
      );
    case "consentEnded":
      return renderThreadCard(deps.cards, buildThreadReplyView(inputOf(message.case, language), m.consentEnded));
    case "anonymous":
      return renderThreadCard(
        deps.cards,
        buildAnonymousView(message.schoolName, message.summary, message.by.name, language),
      );
    case "linkAnonymous":
      return threadRootCard(deps, message.case, message.viewers, [m.linkedRoot], language);
  }
}

/** The school's channel is one queue of the outbox: its threads' posts arrive in the order decided. */
const channelRecipient = (channel: SchoolChannel) => `channel:${channel.conversationId}`;

/**
 * The port's thread side (usecases/ports.ts → postInCaseThread): the school's linked channel, the thread of the case
 * (or of an anonymous discussion), root or reply, written to the outbox. The thread is claimed when its root is
 * decided, so a case has one thread however many bring-ins race; where its posts land is kept at delivery (below).
 */
export function createCaseThreads(deps: CaseThreadDeps): Pick<CaseCards, "postInCaseThread"> {
  return {
    async postInCaseThread(schoolId, ref, message) {
      const channel = await deps.schoolChannels.get(schoolId);
      if (!channel) {
        deps.logger.info({ event: "case_thread_no_channel", schoolId, kind: message.kind });
        return;
      }
      // The channel is shared: its cards are in the language it was linked in.
      const language = channel.language ?? "nb";
      const enqueue = (post: Omit<ThreadPost, "schoolId" | "pupilId">, card: object) =>
        deps.writer.enqueue({
          recipient: channelRecipient(channel),
          activity: { type: "message", ...activityOf(card) },
          kind: `thread:${message.kind}`,
          schoolId,
          thread: { schoolId, pupilId: ref.pupilId, ...post },
        });
      if (message.kind === "linkAnonymous") {
        const discussionKey = `anonymous:${message.discussionId}`;
        if (!(await deps.threads.get(ref.pupilId, discussionKey))) return;
        await deps.threads.save({
          ...claimOf(deps, channel, ref.pupilId, "case"),
          fromAnonymous: message.discussionId,
        });
        await enqueue({ key: "case", mode: "link", discussionKey }, cardFor(deps, message, false, language));
        return;
      }
      const key = ref.discussionId ? `anonymous:${ref.discussionId}` : "case";
      let opens = false;
      if (!(await deps.threads.get(ref.pupilId, key))) {
        // Only a bring-in or «Drøft anonymt» opens a thread; other events of a case without one stay in 1:1.
        if (message.kind !== "broughtIn" && message.kind !== "anonymous") return;
        opens = await deps.threads.save(claimOf(deps, channel, ref.pupilId, key));
        if (opens) deps.logger.info({ event: "case_thread_opened", pupilId: ref.pupilId, kind: message.kind });
      }
      const rootCard =
        !opens && "viewers" in message ? threadRootCard(deps, message.case, message.viewers, [], language) : undefined;
      await enqueue(
        { key, mode: opens ? "root" : "reply", ...(rootCard ? { rootCard: activityOf(rootCard) } : {}) },
        cardFor(deps, message, opens, language),
      );
    },
  };
}

/** A thread claimed for the case (or a discussion): its root is decided, and will be posted in `channel`. */
function claimOf(deps: CaseThreadDeps, channel: SchoolChannel, pupilId: string, key: string): CaseThread {
  return { pupilId, key, channelConversationId: channel.conversationId, at: deps.clock.now().toISOString() };
}

const rejected = (why: string) => new DeliveryFailure("rejected", why);

/**
 * The transport's channel side, for the delivery worker: posts a thread's root, a reply under the root as it landed,
 * or a linked discussion's case card; keeps where they landed, and replaces the thread's card as access changed.
 */
export function createThreadTransport(deps: CaseThreadDeps): Pick<Transport, "post"> {
  return {
    async post(post, activity) {
      const channel = await deps.schoolChannels.get(post.schoolId);
      if (!channel) throw rejected("the school's channel is no longer linked");
      const thread = await deps.threads.get(post.pupilId, post.key);
      /** The thread's root, and the post that holds its card: where later replies and card updates go. */
      const land = (rootActivityId: string, card: CardLocation) =>
        deps.threads.landed({
          ...(thread ?? claimOf(deps, channel, post.pupilId, post.key)),
          rootActivityId,
          cardActivityId: card.activityId,
          serviceUrl: card.serviceUrl,
        });
      if (post.mode === "root") {
        const sent = await deps.poster.post(channel.reference, activity);
        await land(sent.activityId, sent);
        return sent;
      }
      if (post.mode === "link") {
        const discussion = await deps.threads.get(post.pupilId, post.discussionKey ?? "");
        if (!discussion?.rootActivityId) throw rejected("the anonymous discussion's first post never arrived");
        const sent = await deps.poster.post(channel.reference, activity, discussion.rootActivityId);
        // A case with a thread of its own keeps it; the discussion becomes the case's thread only when it had none.
        if (thread?.rootActivityId) return sent;
        await land(discussion.rootActivityId, sent);
        return sent;
      }
      // The channel's queue delivers the root first: a thread without one here is a thread whose root is dead.
      if (!thread?.rootActivityId) throw rejected("the thread's first post never arrived");
      const sent = await deps.poster.post(channel.reference, activity, thread.rootActivityId);
      if (post.rootCard && thread.cardActivityId)
        await deps.notifier
          .update(
            {
              conversationId: thread.channelConversationId,
              activityId: thread.cardActivityId,
              serviceUrl: thread.serviceUrl ?? sent.serviceUrl,
            },
            post.rootCard,
          )
          // The reply is posted; the card's list is cosmetic (every refresh is checked against the sender).
          .catch((error: Error) => deps.logger.warn({ event: "case_thread_card_update_failed", err: error.message }));
      return sent;
    },
  };
}
