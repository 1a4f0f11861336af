import type { Access, CardLocation } from "../domain/case";
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

/** The use cases' way to Teams, implemented in src/bot (bot/case-cards.ts). */
export interface CaseCards {
  /** Sends to the person's 1:1 chat in their language; where it landed, or undefined when they cannot be reached. */
  send(aadObjectId: string, message: TeamsMessage): Promise<CardLocation | undefined>;
}
