import {
  consentCovers,
  currentConsent,
  consentServiceNames,
  serviceRoles,
  type ConsentRecord,
} from "../../domain/consent";
import type { Ladder } from "../../domain/ladder";
import type { Pupil } from "../../domain/roster";
import { institutionOf, templateFor, templatesForStep, type TemplateId } from "../../domain/templates";
import { fill, inInstitutionWords, messagesFor, type Language } from "../../i18n/catalog";
import { shortDate, weekdayName } from "../../i18n/dates";
import { patternObservations, tripText } from "../../i18n/facts";
import { dismissalOtherMaxLength, dismissalReasons } from "../../domain/dismissal";
import { followedUpOn } from "../../domain/follow-up";
import {
  closeReasons,
  type Access,
  type CaseClosure,
  type CaseRecord,
  type Draft,
  type LogEntry,
} from "../../domain/case";
import { stepWordOf, type PupilStatus } from "../../domain/status";

export interface CaseViewInput {
  /** A service brought in under samtykke reads the case: no actions that change it. */
  access: Access;
  pupil: Pupil;
  status: PupilStatus;
  /** The school's ladder: a custom ladder's steps may name the templates they offer. */
  ladder?: Pick<Ladder, "steps"> & Partial<Pick<Ladder, "rules">>;
  record: CaseRecord;
  openDrafts: Draft[];
  log: LogEntry[];
  authorNames: Record<string, string>;
  /** How many agreed measures wait for their evaluation today or earlier. */
  measuresDue?: number;
  language: Language;
  today: string;
  /** Trips to explain under «Hvorfor»: the new ones for a nudge, else the latest. */
  tripKeys?: readonly string[];
  note?: string;
  /** Lines under the note: what the action just documented. */
  notes?: readonly string[];
  /** Reminder choices computed from the deadline: value = ISO instant. */
  remindChoices: { title: string; value: string }[];
  /** Whether the reader may close the case, or reopen it when closed (usecases/close-case.ts → mayClose). */
  canClose?: boolean;
}

const maxTrips = 4;

export interface DeadlineLine {
  text: string;
  overdue: boolean;
  followedUp: boolean;
}

export function deadlineLine(
  deadline: string | null,
  today: string,
  language: Language,
  followedUp: string | null = null,
): DeadlineLine | null {
  const m = messagesFor(language).case;
  if (followedUp)
    return {
      text: fill(m.followedUp, { weekday: weekdayName(followedUp, language), date: shortDate(followedUp) }),
      overdue: false,
      followedUp: true,
    };
  if (!deadline) return null;
  if (deadline === today) return { text: m.deadlineToday, overdue: false, followedUp: false };
  const values = { weekday: weekdayName(deadline, language), date: shortDate(deadline) };
  return deadline < today
    ? { text: fill(m.deadlineOverdue, values), overdue: true, followedUp: false }
    : { text: fill(m.deadlineOn, values), overdue: false, followedUp: false };
}

/** The timeline's name for a log entry. */
export function entryTitle(templateId: LogEntry["templateId"], ladderId: string, language: Language): string {
  const m = messagesFor(language, institutionOf(ladderId)).case;
  if (templateId === "dismissal") return m.notConcerning;
  if (templateId === "concern") return messagesFor(language).concern.title;
  if (templateId === "shared") return m.sharedTitle;
  if (templateId === "unshared") return m.unsharedTitle;
  if (templateId === "escalated") return m.escalatedTitle;
  if (templateId === "measure_evaluation") return messagesFor(language).evaluation.logTitle;
  if (templateId === "closed") return m.closedTitle;
  if (templateId === "reopened") return m.reopenedTitle;
  return templateFor(templateId, ladderId).title[language];
}

/** The consent in force, in a sentence for the case card (or, with full dates, the elevmappe); empty when none is recorded. */
export function consentLine(
  consent: ConsentRecord | null,
  language: Language,
  formatDate: (date: string) => string = shortDate,
): string {
  if (!consent) return "";
  const m = messagesFor(language).case;
  const date = formatDate(consent.date);
  if (consent.status === "refused") return fill(m.consentRefused, { date });
  if (consent.status === "withdrawn") return fill(m.consentWithdrawn, { date });
  const services = consentServiceNames(consent, language);
  return fill(m.consentGiven, { date, services: services.length ? services.join(", ") : m.consentNoServices });
}

/** «Trinn 1: Kontakt med hjemmet», or «Nivå 0: …» where the routine counts levels (Molde). Empty when not on the ladder. */
export function stepLine(status: Pick<PupilStatus, "ladder" | "step" | "stepName">, language: Language): string {
  const m = messagesFor(language, institutionOf(status.ladder)).case;
  if (status.step === null) return "";
  return fill(m.stepLine, {
    stepWord: stepWordOf(status.ladder, language),
    step: status.step,
    stepName: status.stepName ?? "",
  });
}

/** «Stafettholder: Kontaktlærer / Tiltaksleder» in the routine's own titles (000 Del 5 names one for every step); empty off the ladder. */
export function holdersLine(status: Pick<PupilStatus, "step" | "required">, language: Language): string {
  const holders = status.required?.holders ?? [];
  return status.step !== null && holders.length > 0
    ? fill(messagesFor(language).case.holdersLine, { holders: holders.join(" / ") })
    : "";
}

function bar(count: number, max: number): string {
  if (count === 0) return "·";
  return "█".repeat(Math.max(1, Math.round((count / Math.max(max, 1)) * 10)));
}

type ActionData = { pupilId: string; caseVersion: number };
type CardAction = { title: string; verb: string; data: Record<string, unknown> };

/** The step's conversations the card offers, the absence message aside (it has its own item). */
function stepTemplates(input: CaseViewInput): TemplateId[] {
  const { status } = input;
  return status.step === null
    ? []
    : templatesForStep(status.ladder, status.step, input.ladder).filter((id) => id !== "absence_message");
}

/** The main button: resume an open draft, else start the step's first conversation. */
function primaryAction(
  input: CaseViewInput,
  primaryId: TemplateId | undefined,
  actionData: ActionData,
): CardAction | null {
  const { status, language } = input;
  const m = messagesFor(language, institutionOf(status.ladder)).case;
  const draft = input.openDrafts.find((d) => d.templateId === primaryId) ?? input.openDrafts[0];
  if (draft) {
    const definition = templateFor(draft.templateId, draft.ladderId);
    return {
      title: fill(m.continueTemplate, {
        template: definition.title[language].toLowerCase(),
        step: draft.stepIndex + 1,
        steps: definition.steps.length,
      }),
      verb: "template.resume",
      data: { ...actionData, draftId: draft.id },
    };
  }
  if (primaryId) {
    return {
      title: fill(m.startTemplate, { template: templateFor(primaryId, status.ladder).title[language].toLowerCase() }),
      verb: "template.start",
      data: { ...actionData, templateId: primaryId },
    };
  }
  return null;
}

/** «Andre samtaler»: the step's other conversations, the absence message, services to bring in, the archive. */
function moreItemsOf(
  input: CaseViewInput,
  templates: TemplateId[],
  consent: ConsentRecord | null,
  actionData: ActionData,
): CardAction[] {
  const { status, record, language } = input;
  const m = messagesFor(language, institutionOf(status.ladder)).case;
  const primaryId = templates[0];
  const offersMessage =
    status.step !== null && templatesForStep(status.ladder, status.step, input.ladder).includes("absence_message");
  const others = templates.filter((id) => id !== primaryId && !input.openDrafts.some((d) => d.templateId === id));
  // «Koble på helsesykepleier / PPT» only where the samtykke in force covers that service, and once.
  const bringIn = serviceRoles.filter(
    (role) => consentCovers(consent, role) && !(record.sharedWith ?? []).some((s) => s.role === role),
  );
  return [
    ...others.map((id) => ({
      title: templateFor(id, status.ladder).title[language],
      verb: "template.start",
      data: { ...actionData, templateId: id },
    })),
    ...(offersMessage ? [{ title: m.absenceMessage, verb: "case.absenceMessage", data: actionData }] : []),
    ...bringIn.map((role) => ({
      title: fill(m.bringIn, { service: messagesFor(language, institutionOf(status.ladder)).roles[role] }),
      verb: "case.bringIn",
      data: { ...actionData, role },
    })),
    ...(input.log.length > 0 ? [{ title: m.archive, verb: "case.archive", data: actionData }] : []),
    ...threadItems(input, consent, actionData),
  ];
}

/** «Drøft anonymt» always; linking a discussion to the case only under a samtykke that covers the nurse or PPT. */
function threadItems(input: CaseViewInput, consent: ConsentRecord | null, actionData: ActionData): CardAction[] {
  const t = messagesFor(input.language).thread;
  const covered = serviceRoles.some((role) => consentCovers(consent, role));
  const unlinked = covered ? (input.record.anonymousDiscussions ?? []).filter((d) => !d.linked).slice(-1) : [];
  return [
    { title: t.discussAnonymously, verb: "case.discussAnonymously", data: actionData },
    ...unlinked.map((d) => ({
      title: t.linkAnonymous,
      verb: "case.linkAnonymous",
      data: { ...actionData, discussionId: d.id },
    })),
  ];
}

/** The last entries of the case log, one line each. */
function timelineOf(input: CaseViewInput): { date: string; text: string }[] {
  return input.log.slice(-6).map((entry) => ({
    date: shortDate(entry.contactDate),
    text: [
      entryTitle(entry.templateId, input.status.ladder, input.language),
      input.authorNames[entry.author] ?? "",
      // The dismissal's reason is on its log entry only (issue 22: no reason repeated on later cards).
      entry.templateId === "dismissal"
        ? ""
        : entry.templateId === "closed"
          ? [entry.reasonForContact, entry.summary].filter(Boolean).join(": ")
          : entry.furtherMeasures,
    ]
      .filter(Boolean)
      .join(" · "),
  }));
}

/** Every line the pattern analysis has: the summary, late arrivals, subjects and all observations («Vis fraværet»). */
export function patternDetails(
  pattern: PupilStatus["pattern"],
  language: Language,
  ladderId: string,
): Record<string, unknown> {
  const m = messagesFor(language, institutionOf(ladderId)).case;
  return {
    patternTitle: fill(m.pattern, { from: shortDate(pattern.from) }),
    patternSummary: fill(
      m.patternSummary,
      {
        days: pattern.absenceDays,
        undocumented: pattern.undocumentedDays,
        singles: pattern.singleDays.length,
        runs: pattern.runs.length,
      },
      language,
    ),
    lateLine: fill(m.lateLine, { late: pattern.late, left: pattern.left, notInClass: pattern.notInClass }, language),
    subjects: pattern.lessons.bySubject.length
      ? [
          fill(m.subjectsLine, {
            subjects: pattern.lessons.bySubject.map((s) => `${s.subject} ${s.lessons}`).join(", "),
          }),
        ]
      : [],
    observations: patternObservations(pattern, language).map((o) =>
      inInstitutionWords(o, language, institutionOf(ladderId)),
    ),
  };
}

/** The card's «Mønster»: the summary and the strongest observation beside the weekday chart; the rest is behind «Vis fraværet». */
function patternView(pattern: PupilStatus["pattern"], language: Language, ladderId: string): Record<string, unknown> {
  const m = messagesFor(language, institutionOf(ladderId)).case;
  const maxDays = Math.max(...pattern.weekdays.map((w) => w.days), 1);
  const details = patternDetails(pattern, language, ladderId);
  return {
    patternTitle: details.patternTitle,
    patternSummary: details.patternSummary,
    weekdayBars: pattern.weekdays.map((w) => ({
      label: m.weekdays[w.weekday] ?? w.name,
      bar: bar(w.days, maxDays),
      count: String(w.days),
      color: w.overRepresented ? "Attention" : "Default",
    })),
    observations: (details.observations as string[]).slice(0, 1),
  };
}

/**
 * What the routine asks now, each action once: where the step's own actions are listed, a rule whose actions
 * only restate them in other words (ladder `restatesStepActions`) is left out.
 */
export function requiredActions(
  status: Pick<PupilStatus, "step" | "required" | "trips">,
  ladder: CaseViewInput["ladder"],
): string[] {
  const actions = status.required?.actions ?? [];
  const stepActions = ladder?.steps.find((s) => s.number === status.step)?.actions ?? [];
  if (!actions.some((a) => stepActions.includes(a))) return [...actions];
  const restating = new Set(
    (ladder?.rules ?? [])
      .filter((r) => r.restatesStepActions)
      .flatMap((r) => r.actions ?? [])
      .filter((a) => !stepActions.includes(a)),
  );
  return actions.filter((a) => !restating.has(a));
}

/** The headline's second half: the newest of the card's trips, «I dag: …» when it happened today. */
function happenedLine(trips: PupilStatus["trips"], today: string, language: Language): string {
  const newest = trips.at(-1);
  if (!newest) return "";
  const m = messagesFor(language).case;
  return fill(newest.date === today ? m.happenedToday : m.happenedLatest, { what: tripText(newest, language) });
}

/** «Avsluttet 12.03: normalt nærvær» on a closed case; «Tidligere sak avsluttet …» on a case after a closed one. */
function closureNotes(record: CaseRecord, language: Language, ladderId: string): string[] {
  const m = messagesFor(language, institutionOf(ladderId)).case;
  const reasonOf = (c: CaseClosure) => c.text || m.closeReasons[c.reason];
  const earlier = record.previous?.[record.previous.length - 1]?.closed;
  return [
    record.closed ? fill(m.closedNote, { date: shortDate(record.closed.on), reason: reasonOf(record.closed) }) : "",
    earlier ? fill(m.previousCase, { date: shortDate(earlier.on), reason: reasonOf(earlier) }) : "",
  ].filter(Boolean);
}

/** «Avslutt saken» with its reasons and date on an open case, «Gjenåpne saken» on a closed one, for who may. */
function closeActions(input: CaseViewInput, actionData: ActionData): Record<string, unknown> {
  const m = messagesFor(input.language, institutionOf(input.status.ladder)).case;
  const closed = Boolean(input.record.closed);
  return {
    canClose: Boolean(input.canClose) && !closed,
    canReopen: Boolean(input.canClose) && closed,
    close: {
      title: m.closeCase,
      reasonLabel: m.closeReasonLabel,
      reasons: closeReasons.map((value) => ({ title: m.closeReasons[value], value })),
      firstReason: closeReasons[0],
      textLabel: m.closeTextLabel,
      dateLabel: m.closeDateLabel,
      datePlaceholder: messagesFor(input.language).template.datePlaceholder,
      today: input.today,
      submit: m.closeSubmit,
      data: actionData,
    },
    reopen: { title: m.reopen, data: actionData },
  };
}

/** The data bound to cards/nudge.json: what the teacher needs for the first step of the phone call, already done. */
export function buildCaseView(input: CaseViewInput): Record<string, unknown> {
  const { pupil, status, record, language } = input;
  const m = messagesFor(language, institutionOf(status.ladder)).case;
  const trips = (input.tripKeys ? status.trips.filter((t) => input.tripKeys!.includes(t.key)) : status.trips).slice(
    -maxTrips,
  );
  const deadline = deadlineLine(
    status.required?.deadline ?? null,
    input.today,
    language,
    followedUpOn(status.trips, input.log),
  );
  const pattern = status.pattern;
  const templates = stepTemplates(input);
  const actionData: ActionData = { pupilId: pupil.id, caseVersion: record.version };
  const primary = primaryAction(input, templates[0], actionData);
  const readOnly = input.access === "service" || Boolean(record.closed);
  const consent = currentConsent(input.log);
  const moreItems = moreItemsOf(input, templates, consent, actionData);
  // «Avslutt saken» is among the more choices: a card holds five actions at most.
  const more =
    (moreItems.length || input.canClose) && !readOnly
      ? [{ title: m.otherConversations, hint: m.otherConversationsHint, items: moreItems }]
      : [];
  const notes = [
    input.note,
    ...(input.notes ?? []),
    ...closureNotes(record, language, status.ladder),
    record.dismissal ? fill(m.dismissed, { date: shortDate(record.dismissal.at.slice(0, 10)) }) : undefined,
    consentLine(consent, language) || undefined,
  ].filter((n): n is string => Boolean(n));
  return {
    title: fill(m.title, { pupil: pupil.name, className: pupil.className }),
    happened: happenedLine(trips, input.today, language),
    stepLine: stepLine(status, language),
    holdersLine: holdersLine(status, language),
    notes,
    routineSays: m.routineSays,
    actions: requiredActions(status, input.ladder),
    deadline: deadline?.text ?? "",
    // Green, accent or yellow text on a light card is below WCAG AA: the line is bold, and red only when overdue.
    deadlineColor: deadline?.overdue ? "Attention" : "Default",
    why: m.why,
    // The newest trip is the headline's; «Hvorfor» keeps the others.
    trips: trips
      .slice(0, -1)
      .map((t) => inInstitutionWords(tripText(t, language), language, institutionOf(status.ladder))),
    ...patternView(pattern, language, status.ladder),
    // Measures due for evaluation come first: that is what the routine asks for today.
    primary: readOnly
      ? []
      : [
          ...(input.measuresDue
            ? [
                {
                  title: fill(messagesFor(language, institutionOf(status.ladder)).evaluation.open, {
                    count: input.measuresDue,
                  }),
                  verb: "measures.evaluateOpen",
                  data: actionData,
                },
              ]
            : []),
          ...(primary ? [primary] : []),
        ],
    more,
    canDismiss: record.dismissal === null && !readOnly,
    canRemind: !readOnly,
    dismiss: {
      title: m.notConcerning,
      reasonLabel: m.notConcerningReason,
      reasons: dismissalReasons.map((r) => ({ title: r.label[language], value: r.id })),
      otherLabel: m.notConcerningOther,
      otherMaxLength: dismissalOtherMaxLength,
      submit: m.notConcerningSubmit,
      data: actionData,
    },
    remind: {
      title: m.remindLater,
      choiceLabel: m.remindChoice,
      choices: input.remindChoices,
      submit: m.remindSubmit,
      data: actionData,
      firstChoice: input.remindChoices[0]?.value ?? "",
    },
    showAbsence: { title: m.showAbsence, data: actionData },
    ...closeActions(input, actionData),
    timelineTitle: m.timeline,
    timeline: timelineOf(input),
    refreshData: { pupilId: pupil.id },
  };
}
