import type { ServiceRole } from "./consent";
import type { IsoDate } from "./dates";
import type { LadderStep } from "./ladder";
import type { MeasureResult } from "./measure-evaluation";
import type { Pupil } from "./roster";
import type { PupilStatus } from "./status";
import type { Answers, LogContent, MeasureAnswer, TemplateId } from "./templates/types";

/** Where a card landed in Teams, to update it in place. */
export interface CardLocation {
  conversationId: string;
  activityId: string;
  serviceUrl: string;
}

/** The follow-up of one pupil: who was told, what was decided. Its version goes up on every change, so stale card actions are detected. */
export interface CaseRecord {
  pupilId: string;
  schoolId: string;
  version: number;
  openedAt: string;
  /** The step the teacher was last nudged about, and the trigger keys behind it. */
  nudgedStep: number | null;
  /** When the newest nudge reached someone; a deadline runs out no earlier than the day after (absent on older cases). */
  nudgedAt?: string;
  /** Set when the contact teacher judged the absence not concerning; the case stays watchable. */
  dismissal: { reason: string; by: string; at: string } | null;
  /** aadObjectId → where their nudge card is, to update it in place. */
  cards: Record<string, CardLocation>;
  /** Helsesykepleier or PPT brought into the case, after samtykke covering their service; absent on older cases. */
  sharedWith?: SharedWith[];
  /** Trigger keys of a nudge nobody could be sent (Teams unreachable, nobody to send it to): tried again each morning. */
  undelivered?: string[];
  /** Set while the case is closed («Avslutt saken»); absent or null while it is open. */
  closed?: CaseClosure | null;
  /** The pupil's earlier cases, closed, oldest first: a trip after a closure opens a new case here. */
  previous?: PreviousCase[];
  /** «Drøft anonymt» threads of the case; `linked` once the teacher tied one to the case under samtykke. */
  anonymousDiscussions?: { id: string; by: string; at: string; linked?: boolean }[];
  updatedAt: string;
}

/**
 * Why a case ends: the routine follows up «inntil normalt skolenærvær» (000 Trinn 3), the pupil moved, or another
 * service (barnevern, BUP, another school) took the case over; anything else with a short text.
 */
export const closeReasons = ["normal_attendance", "moved", "transferred", "other"] as const;
export type CloseReason = (typeof closeReasons)[number];

export interface CaseClosure {
  reason: CloseReason;
  /** What «annet» means; empty for the listed reasons. */
  text: string;
  /** The day the case ended, as whoever closed it said (today by default). */
  on: IsoDate;
  /** aadObjectId of who closed it, and when. */
  by: string;
  at: string;
}

/** A closed case of the pupil, kept on the record when a later trip opens a new one; its log stays in the pupil's log. */
export interface PreviousCase {
  openedAt: string;
  closed: CaseClosure;
}

export interface SharedWith {
  aadObjectId: string;
  role: ServiceRole;
  /** Who brought them in (aadObjectId), and when. */
  by: string;
  at: string;
}

export type LogKind = "absence_log" | "pupil_log";

export interface LogEntry extends LogContent {
  id: string;
  pupilId: string;
  kind: LogKind;
  /**
   * A completed template, or: «ikke bekymringsfullt» (dismissal), a reported concern, a service brought in or taken off
   * (shared, unshared), leaders told (escalated), agreed measures evaluated (measure_evaluation), the case closed or
   * reopened (closed, reopened).
   */
  templateId:
    | TemplateId
    | "dismissal"
    | "concern"
    | "shared"
    | "unshared"
    | "escalated"
    | "measure_evaluation"
    | "closed"
    | "reopened";
  step: number | null;
  /** aadObjectId of who made the contact and wrote the entry. */
  author: string;
  writtenAt: string;
  /** A correction is a new entry pointing at the one it corrects. */
  corrects?: string;
}

export interface Draft {
  id: string;
  pupilId: string;
  templateId: TemplateId;
  templateVersion: number;
  ladderId: string;
  step: number | null;
  stepIndex: number;
  answers: Answers;
  status: "open" | "completed";
  startedBy: string;
  startedAt: string;
  updatedAt: string;
  logEntryId?: string;
}

export interface MeasureRecord extends MeasureAnswer {
  id: string;
  pupilId: string;
  draftId: string;
  agreedAt: string;
  status: "active" | "evaluated";
  /** What evaluated it: a nærværsmøte held on or after the evaluation date (its draft id), or an evaluation of the measures (its id). */
  evaluatedIn?: string;
  /** How it went, when an evaluation of the measures said so (001 «Trinn 4: Evaluering»). */
  result?: MeasureResult;
  /** The day it was evaluated (YYYY-MM-DD). */
  evaluatedOn?: string;
  /** The measure it carries on, when an evaluation kept a measure that worked in a new agreement. */
  continues?: string;
}

/** A contact teacher or lead acts on the case; a service (helsesykepleier, PPT brought in under samtykke) reads it. */
export type Access = "contact_teacher" | "coordinator" | "service";

/** A new case for a pupil, as opened on first use. */
export function newCase(pupil: Pick<Pupil, "id" | "schoolId">, at: string): CaseRecord {
  return {
    pupilId: pupil.id,
    schoolId: pupil.schoolId,
    version: 1,
    openedAt: at,
    nudgedStep: null,
    dismissal: null,
    cards: {},
    updatedAt: at,
  };
}

/**
 * A log entry for a decision on the case that is not a template (ikke bekymringsfullt, a service brought in or taken
 * off, leaders told): dated today, in the fraværslogg on the first step and the elevlogg above.
 */
export function caseEventEntry(
  ctx: { pupil: Pick<Pupil, "id">; status: Pick<PupilStatus, "step">; today: string },
  event: {
    id: string;
    templateId: "dismissal" | "shared" | "unshared" | "escalated" | "closed" | "reopened";
    author: string;
    at: string;
    reasonForContact?: string;
    furtherMeasures?: string;
    summary?: string;
  },
): LogEntry {
  return {
    id: event.id,
    pupilId: ctx.pupil.id,
    kind: ctx.status.step !== null && ctx.status.step > 0 ? "pupil_log" : "absence_log",
    templateId: event.templateId,
    step: ctx.status.step,
    author: event.author,
    writtenAt: event.at,
    contactDate: ctx.today,
    reasonForContact: event.reasonForContact ?? "",
    guardiansViewOfCause: [],
    furtherMeasures: event.furtherMeasures ?? "",
    nextContactDate: null,
    summary: event.summary ?? "",
    measures: [],
  };
}

/**
 * Who may close or reopen a case: a leader of the school (tiltaksleder, rektor, teamleder), or the contact teacher
 * where the routine makes them the step's stafettholder (000 Del 5 names one for every step), and off the ladder,
 * where the case is theirs. A service brought in under samtykke only reads.
 */
export function mayCloseCase(access: Access, step: Pick<LadderStep, "holders"> | undefined): boolean {
  if (access === "coordinator") return true;
  if (access !== "contact_teacher") return false;
  return step === undefined || step.holders.some((h) => h.role === "contact_teacher");
}

/** Whether trips came after the case was closed (a later day than the closing day): they open a new case. */
export function tripsAfterClosure(closed: Pick<CaseClosure, "on">, trips: readonly { date: IsoDate }[]): boolean {
  return trips.some((t) => t.date > closed.on);
}

/** The pupil's new case after a closed one: the closed case goes to `previous`, the new one starts with nothing decided. */
export function renewCase(record: CaseRecord, at: string): CaseRecord {
  if (!record.closed) return record;
  return {
    ...record,
    openedAt: at,
    nudgedStep: null,
    nudgedAt: undefined,
    dismissal: null,
    cards: {},
    sharedWith: [],
    undelivered: [],
    closed: null,
    previous: [...(record.previous ?? []), { openedAt: record.openedAt, closed: record.closed }],
  };
}

/**
 * Whether a document written at `at` (a log entry, a measure, a reminder) belongs to the current case: after a renewal,
 * only what came after it. The first case holds everything, including what was written before it opened.
 */
export function ofCurrentCase(record: Pick<CaseRecord, "openedAt" | "previous">, at: string): boolean {
  return !record.previous?.length || at >= record.openedAt;
}

/** A one-time event's key in the pupil's current case: a new case after a closed one tells the step's leaders again. */
export function scopeToCase<T extends { key: string }>(
  record: Pick<CaseRecord, "previous">,
  event: T | null,
): T | null {
  const n = record.previous?.length ?? 0;
  return event && n > 0 ? { ...event, key: `case${n + 1}:${event.key}` } : event;
}
