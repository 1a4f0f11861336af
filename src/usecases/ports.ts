import type { Access } from "../domain/case";
import type { ConsentRecord, ServiceRole } from "../domain/consent";
import type { Fallback } from "../store/outbox-repo";
import type { Escalation } from "../domain/escalation";
import type { LeadRole, Pupil } from "../domain/roster";
import type { StatusSummary } from "../domain/status";
import type { CaseContext } from "./case-context";
import type { SchoolFailure } from "./evaluate-pupils";

/** Why a case card is sent; src/bot says it on the card in the recipient's language. */
export type CaseNote =
  /** The contact teachers could not be reached: a leader gets the nudge instead. */
  | { kind: "fallback" }
  /** The pupil reached a step `role` holds or must be told of; `first` false: a new trip on a step leaders hold alone. */
  | { kind: "step"; role: LeadRole; first: boolean }
  /** The deadline is today; `roles` hear of it next if nothing is documented. */
  | { kind: "deadline"; roles: readonly LeadRole[] }
  /** A helsesykepleier or PPT brought in by `by` under the samtykke of `consentDate`. */
  | { kind: "sharedWithYou"; by: string; consentDate: string }
  /** «Minn meg på det senere». */
  | { kind: "reminder" }
  /** Agreed measures whose evaluation day has come. */
  | { kind: "evaluationDue"; measures: readonly string[] };

type StatusLine = Pick<StatusSummary, "ladder" | "step" | "stepName" | "required">;

/** A pupil whose deadline or evaluation ran out, and what ran out. */
export interface EscalationItem {
  pupil: Pupil;
  status: StatusLine;
  escalation: Escalation;
}

/** What a use case sends to one person; src/bot renders it. */
export type TeamsMessage =
  | { kind: "case"; case: CaseContext; access: Access; tripKeys?: readonly string[]; note?: CaseNote }
  /** A service taken off a case (the samtykke no longer covers it). */
  | { kind: "sharingEnded"; pupil: Pick<Pupil, "name" | "className"> }
  /** One run brought this leader many pupils on steps they hold or must be told of. */
  | { kind: "stepList"; role: LeadRole; items: readonly { pupil: Pupil; status: StatusLine }[] }
  /** The morning's deadlines and evaluations that ran out. */
  | { kind: "overdueList"; role: LeadRole; items: readonly EscalationItem[] }
  /** Who Nærvær could not reach in Teams in the last day, for the school's leaders; no pupil data. */
  | {
      kind: "undeliveredList";
      /** `channel`: the posts in the school's linked channel (case threads), not a person. */
      items: readonly {
        name: string;
        channel?: boolean;
        count: number;
        reason: "unreachable" | "rejected" | "gave-up";
      }[];
    }
  /** A school's evaluation could not run: why, without pupil data. */
  | { kind: "evaluationFailed"; school: string; date: string; failure: SchoolFailure };

/** How a message is to be delivered: what decided it, and who gets it if its recipient cannot be reached. */
export interface Delivery {
  /** The decision (a claim key, a reminder id): the same decision for the same person is one message, however often made. */
  key?: string;
  /** The school it is about, for its leaders' list of what did not arrive. */
  schoolId?: string;
  /** Items of one decision: the fallback runs only when none of them got through. */
  group?: string;
  fallback?: Fallback;
  /** A case card: keep where it lands, so later decisions update it in place. */
  track?: boolean;
  /** A nudge at this step: the deadline counts from when it arrives. */
  nudged?: { step: number | null };
}

/** Which thread in the school's linked channel: the case's own, or an anonymous discussion of it (`discussionId`). */
export type CaseThreadRef = { pupilId: string; discussionId?: string };

/** Something that happened on a case, told in its thread without pupil data (no name, class, birth date, free text). */
export type CaseThreadEvent =
  | { kind: "meetingHeld"; date: string }
  | { kind: "measuresAgreed"; count: number; evaluationDates: readonly string[] }
  | { kind: "evaluationDue"; count: number }
  | { kind: "evaluationDone"; count: number }
  | { kind: "stepRaised" }
  | { kind: "consentChanged"; consent: ConsentRecord }
  | { kind: "closed"; reason: string; date: string };

/** What an anonymous discussion shows: grade level and the absence pattern, nothing that identifies the pupil. */
export interface AnonymousSummary {
  grade: number;
  absenceDays: number;
  undocumentedDays: number;
  /** Weekdays over-represented in the absence, Monday = 0. */
  weekdays: readonly number[];
  nextToBreaks: boolean;
  late: number;
  lessons: number;
  trend: "rising" | "falling" | "flat";
}

/**
 * A post in a case's thread. `viewers`: everyone who may see the case's details now (the refresh list); the adapter
 * keeps the root card's list in step with it. Only `broughtIn` and `anonymous` start a thread; the others are replies
 * and are dropped when the case has no thread.
 */
export type CaseThreadMessage =
  /** Services brought in under samtykke: the root card (first time) and a reply that @mentions them. */
  | { kind: "broughtIn"; case: CaseContext; viewers: readonly string[]; role: ServiceRole; people: readonly Mention[] }
  | { kind: "event"; case: CaseContext; viewers: readonly string[]; event: CaseThreadEvent }
  /** The samtykke no longer covers some services: they leave the refresh list, and the thread is told. */
  | { kind: "consentEnded"; case: CaseContext; viewers: readonly string[] }
  /** «Drøft anonymt»: a new thread with the summary only; `by` may @mention the nurse or PPT there. */
  | { kind: "anonymous"; schoolName: string; summary: AnonymousSummary; by: Mention }
  /** The teacher linked an anonymous discussion to the case (samtykke now covers it): the case's root card goes there. */
  | { kind: "linkAnonymous"; case: CaseContext; viewers: readonly string[]; discussionId: string };

export interface Mention {
  aadObjectId: string;
  name: string;
}

/** The use cases' way to Teams, implemented in src/bot (bot/case-cards.ts). */
export interface CaseCards {
  /**
   * Renders the message in the person's language and puts it in the outbox, in the same step as the decision; the
   * delivery worker sends it (jobs/delivery.ts). True when queued now, false when the same decision was queued before.
   */
  send(aadObjectId: string, message: TeamsMessage, delivery?: Delivery): Promise<boolean>;
  /**
   * Posts in the thread `ref` of the school's linked channel (bot/case-threads.ts): the first post of a thread becomes
   * its root, later ones reply to it. Nothing is posted when the school has no linked channel.
   */
  postInCaseThread(schoolId: string, ref: CaseThreadRef, message: CaseThreadMessage): Promise<void>;
}
