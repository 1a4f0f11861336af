import { createHash } from "node:crypto";
import { consentServiceNames } from "../../domain/consent";
import type { Pupil } from "../../domain/roster";
import { stepNumberLine, type PupilStatus } from "../../domain/status";
import { fill, messagesFor, type Language } from "../../i18n/catalog";
import { shortDate } from "../../i18n/dates";
import type { AnonymousSummary, CaseThreadEvent, Mention } from "../../usecases/ports";
import { escapeMarkdown } from "../../cards/plain-text";
import type { CardJson, CardRenderer } from "../../cards/render";

/**
 * «Sak 7-K3F»: the case's name in the channel. Grade and a code from the pupil id: nothing a colleague outside the
 * case can tie to a child (no name, class or birth date), and stable, so every post of the case carries the same.
 */
export function caseReferenceOf(pupil: Pick<Pupil, "id" | "grade">): string {
  const code = createHash("sha256").update(pupil.id).digest("hex").slice(0, 6);
  return `${pupil.grade}-${parseInt(code, 16).toString(36).toUpperCase().slice(-4)}`;
}

export interface ThreadCardInput {
  schoolName: string;
  pupil: Pick<Pupil, "id" | "grade">;
  status: Pick<PupilStatus, "ladder" | "step">;
  language: Language;
}

/** The data for cards/case-thread.json in its base form: school, reference and step, details only through refresh. */
export function buildThreadBaseView(input: ThreadCardInput, viewers: readonly string[], lines: string[] = []) {
  const m = messagesFor(input.language).thread;
  return {
    title: fill(m.caseRef, { ref: caseReferenceOf(input.pupil) }),
    facts: [
      { title: m.school, value: input.schoolName },
      { title: m.step, value: stepNumberLine(input.status, input.language) || m.noStep },
    ],
    lines,
    note: m.details,
    refreshTitle: m.showDetails,
    refreshData: { pupilId: input.pupil.id },
    viewers: [...viewers],
  };
}

/** A reply in a thread: the case's reference and one line, with no refresh (it shows nothing more to anyone). */
export function buildThreadReplyView(input: ThreadCardInput, line: string) {
  const m = messagesFor(input.language).thread;
  return { title: fill(m.caseRef, { ref: caseReferenceOf(input.pupil) }), facts: [], lines: [line], note: "" };
}

/** «Drøft anonymt»: grade level and the pattern as counts and weekdays; no name, class, birth date or dates. */
export function buildAnonymousView(schoolName: string, summary: AnonymousSummary, by: string, language: Language) {
  const m = messagesFor(language).thread;
  const weekdays = summary.weekdays.map((d) => messagesFor(language).case.weekdays[d]).join(", ");
  const lines = [
    fill(m.anonymousIntro, { by }),
    fill(m.anonymousDays, { days: summary.absenceDays, undocumented: summary.undocumentedDays }),
    weekdays ? fill(m.anonymousWeekdays, { weekdays }) : "",
    summary.nextToBreaks ? m.anonymousBreaks : "",
    summary.late > 0 ? fill(m.anonymousLate, { count: summary.late }) : "",
    summary.lessons > 0 ? fill(m.anonymousLessons, { count: summary.lessons }) : "",
    m.anonymousTrend[summary.trend],
  ].filter(Boolean);
  return {
    title: fill(m.anonymousTitle, { grade: summary.grade }),
    facts: [{ title: m.school, value: schoolName }],
    lines,
    note: "",
  };
}

/** One line per event of the case, for its thread: dates and counts, never the measures' or the reason's free text. */
export function eventLine(event: CaseThreadEvent, status: Pick<PupilStatus, "ladder" | "step">, language: Language) {
  const m = messagesFor(language).thread.events;
  switch (event.kind) {
    case "meetingHeld":
      return fill(m.meetingHeld, { date: shortDate(event.date) });
    case "measuresAgreed":
      return fill(m.measuresAgreed, { count: event.count, dates: event.evaluationDates.map(shortDate).join(", ") });
    case "evaluationDue":
      return fill(m.evaluationDue, { count: event.count });
    case "evaluationDone":
      return fill(m.evaluationDone, { count: event.count });
    case "stepRaised":
      return fill(m.stepRaised, { step: stepNumberLine(status, language) });
    case "consentChanged":
      return event.consent.status === "given"
        ? fill(m.consentGiven, {
            date: shortDate(event.consent.date),
            services: consentServiceNames(event.consent, language).join(", "),
          })
        : fill(m.consentNotGiven, { date: shortDate(event.consent.date) });
    case "closed":
      return fill(m.closed, { date: shortDate(event.date), reason: event.reason });
  }
}

/**
 * Renders cards/case-thread.json, then adds what the template cannot: the @mentions (a TextBlock with «<at>» tags the
 * text escaping would break, and the mention entities Teams needs, by Entra id), and drops the refresh of a reply.
 */
export function renderThreadCard(
  cards: CardRenderer,
  view: object,
  options: { mentions?: readonly Mention[]; mentionLine?: string; refresh?: boolean } = {},
): CardJson {
  const card = cards.render("case-thread", view) as CardJson & { body: object[] };
  if (!options.refresh) delete card.refresh;
  const mentions = options.mentions ?? [];
  if (mentions.length === 0) return card;
  const tag = (p: Mention) => `<at>${escapeMarkdown(p.name.replace(/[<>]/g, ""))}</at>`;
  const names = mentions.map(tag).join(", ");
  card.body.push({ type: "TextBlock", text: (options.mentionLine ?? "{names}").replace("{names}", names), wrap: true });
  card.msteams = {
    entities: mentions.map((p) => ({ type: "mention", text: tag(p), mentioned: { id: p.aadObjectId, name: p.name } })),
  };
  return card;
}
