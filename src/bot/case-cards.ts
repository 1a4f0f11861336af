import type { Attachment } from "botbuilder";
import type { Access } from "../domain/case";
import { measuresDue } from "../domain/measure-evaluation";
import { institutionOf } from "../domain/templates";
import { stepNumberLine } from "../domain/status";
import { fill, messagesFor, type Language } from "../i18n/catalog";
import { shortDate, weekdayName } from "../i18n/dates";
import type { CaseContext } from "../usecases/case-context";
import { mayClose } from "../usecases/close-case";
import { reminderChoices } from "../usecases/dismiss-and-remind";
import type { CaseCards, CaseNote, TeamsMessage } from "../usecases/ports";
import type { BotDeps } from "./deps";
import type { OutboxWriter } from "./outbox-writer";
import { languageOfUser } from "./language";
import { buildCaseView } from "./views/case-view";
import { buildEscalationListView, buildStepListView } from "./views/escalation-view";

type RenderDeps = Pick<BotDeps, "cards" | "clock" | "ladders">;

/** «Minn meg»: the use case's choices (i morgen, neste skoledag, om en uke, each kl. 08.00 at the school), as card choices. */
function remindChoices(ctx: CaseContext, language: Language): { title: string; value: string }[] {
  const m = messagesFor(language, institutionOf(ctx.status.ladder)).case;
  const titles = { tomorrow: m.remindTomorrow, nextSchoolDay: m.remindNextSchoolDay, inAWeek: m.remindInAWeek };
  return reminderChoices(ctx).map((c) => ({
    title: fill(titles[c.kind], { weekday: weekdayName(c.day, language), date: shortDate(c.day) }),
    value: c.at.toISOString(),
  }));
}

export function renderCaseCard(
  deps: RenderDeps,
  ctx: CaseContext,
  language: Language,
  options: { tripKeys?: readonly string[]; note?: string; notes?: readonly string[]; access?: Access } = {},
): Attachment {
  const view = buildCaseView({
    access: options.access ?? "contact_teacher",
    pupil: ctx.pupil,
    status: ctx.status,
    record: ctx.record,
    openDrafts: ctx.openDrafts,
    log: ctx.log,
    measuresDue: measuresDue(ctx.measures, ctx.today).length,
    authorNames: ctx.authorNames,
    language,
    today: ctx.today,
    tripKeys: options.tripKeys,
    note: options.note,
    notes: options.notes,
    // A custom ladder's steps may name their own templates.
    ladder: deps.ladders.forSchool(ctx.school),
    remindChoices: remindChoices(ctx, language),
    canClose: mayClose(deps, ctx, options.access ?? "contact_teacher"),
  });
  return deps.cards.attachment("nudge", view);
}

/** The line on a case card that says why it was sent, in the recipient's language. */
function noteText(note: CaseNote, ctx: CaseContext, language: Language): string {
  const m = messagesFor(language, institutionOf(ctx.status.ladder)).case;
  const roles = messagesFor(language, institutionOf(ctx.status.ladder)).roles;
  switch (note.kind) {
    case "fallback":
      return m.coordinatorNote;
    case "step":
      return fill(m[note.first ? "stepEscalationNote" : "holderTripNote"], {
        role: roles[note.role],
        step: stepNumberLine(ctx.status, language).toLocaleLowerCase(language === "en" ? "en" : "nb"),
      });
    case "deadline":
      return fill(m.deadlineReminderNote, { role: note.roles.map((r) => roles[r]).join(", ") });
    case "sharedWithYou":
      return fill(m.sharedWithYou, { by: note.by, date: shortDate(note.consentDate) });
    case "reminder":
      return m.reminderNote;
    case "evaluationDue":
      return fill(m.evaluationDue, { measures: note.measures.join("; ") });
  }
}

function renderMessage(deps: RenderDeps, message: TeamsMessage, language: Language): Attachment {
  switch (message.kind) {
    case "case":
      return renderCaseCard(deps, message.case, language, {
        tripKeys: message.tripKeys,
        note: message.note && noteText(message.note, message.case, language),
        access: message.access,
      });
    case "sharingEnded": {
      const m = messagesFor(language).case;
      const title = fill(m.sharingEnded, { pupil: message.pupil.name, className: message.pupil.className });
      return deps.cards.attachment("message", { title, lines: [] });
    }
    case "evaluationFailed": {
      const m = messagesFor(language).case;
      const reason = fill(m.evaluationFailedReasons[message.failure.kind], { detail: message.failure.detail ?? "" });
      const title = fill(m.evaluationFailed, { school: message.school, date: shortDate(message.date), reason });
      return deps.cards.attachment("message", { title, lines: [] });
    }
    case "undeliveredList": {
      const m = messagesFor(language).case;
      const lines = message.items.map((i) =>
        fill(
          m.undeliveredLine,
          { name: i.channel ? m.undeliveredChannel : i.name, count: i.count, reason: m.undeliveredReasons[i.reason] },
          language,
        ),
      );
      return deps.cards.attachment("message", { title: m.undeliveredTitle, lines: [m.undeliveredIntro, ...lines] });
    }
    case "stepList":
      return deps.cards.attachment(
        "case-list",
        buildStepListView({ items: message.items, role: message.role, language }),
      );
    case "overdueList":
      return deps.cards.attachment(
        "case-list",
        buildEscalationListView({ items: message.items, role: message.role, language }),
      );
  }
}

/** The use cases' port to Teams: each message rendered in the recipient's language and put in the outbox (threads: case-threads.ts). */
export function createCaseCards(
  deps: Pick<BotDeps, "cards" | "clock" | "ladders" | "conversations" | "roster"> & { writer: OutboxWriter },
): Pick<CaseCards, "send"> {
  return {
    async send(aadObjectId, message, delivery = {}) {
      const language = await languageOfUser(deps, aadObjectId);
      const about = message.kind === "case" ? message.case : undefined;
      // A decision key names the decision within its case (two pupils trip the same rule on the same day with the
      // same trip keys): the pupil is part of the item's id and of its group.
      const ofCase = (key: string | undefined) => key && `${about?.pupil.id ?? "-"}|${key}`;
      return deps.writer.enqueue({
        key: ofCase(delivery.key),
        recipient: aadObjectId,
        activity: { type: "message", attachments: [renderMessage(deps, message, language)] },
        kind: message.kind === "case" ? `case:${message.note?.kind ?? "nudge"}` : message.kind,
        schoolId: delivery.schoolId ?? about?.pupil.schoolId,
        ...(about ? { about: { pupilId: about.pupil.id, version: about.record.version } } : {}),
        ...(delivery.track ? { track: true } : {}),
        ...(delivery.nudged ? { nudged: delivery.nudged } : {}),
        ...(delivery.group ? { group: ofCase(delivery.group) } : {}),
        ...(delivery.fallback ? { fallback: delivery.fallback } : {}),
      });
    },
  };
}
