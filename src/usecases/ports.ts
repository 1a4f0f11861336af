import type { Access } from "../domain/case";
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

/** The use cases' way to Teams, implemented in src/bot (bot/case-cards.ts). */
export interface CaseCards {
  /**
   * Renders the message in the person's language and puts it in the outbox, in the same step as the decision; the
   * delivery worker sends it (jobs/delivery.ts). True when queued now, false when the same decision was queued before.
   */
  send(aadObjectId: string, message: TeamsMessage, delivery?: Delivery): Promise<boolean>;
}
