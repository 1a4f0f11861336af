import type { Clock } from "../clock";
import type { EarlySignReport } from "../domain/evaluation";
import type { LadderRegistry } from "../ladder-registry";
import type { Logger } from "../logger";
import type { AbsenceRepo } from "../store/absence-repo";
import type { CaseRepo } from "../store/case-repo";
import type { SchoolChannelRepo } from "../store/channel-repo";
import type { ReminderRepo } from "../store/reminder-repo";
import type { RosterRepo } from "../store/roster-repo";
import type { StatusRepo } from "../store/status-repo";
import type { EvaluatedPupil } from "./evaluate-pupils";
import type { CaseCards } from "./ports";
import type { OutboxRepo } from "../store/outbox-repo";
import type { AuditTrail } from "./audit";

/** Everything a case use case may use, passed in explicitly (src/app.ts wires it). */
export interface CaseDeps {
  clock: Clock;
  logger: Logger;
  roster: RosterRepo;
  statuses: StatusRepo;
  cases: CaseRepo;
  absences: AbsenceRepo;
  reminders: ReminderRepo;
  ladders: LadderRegistry;
  /** Teams, through the port src/bot implements: every proactive message goes into the outbox. */
  caseCards: CaseCards;
  /** The outbox the port writes to and the delivery worker drains (jobs/delivery.ts). */
  outbox: OutboxRepo;
  /** The channel each school links for case threads («koble til skolen»). */
  schoolChannels: SchoolChannelRepo;
  /** Every opening of a case, allowed or refused, is recorded here. */
  audit: AuditTrail;
  /** Evaluates one pupil now (with newly reported early signs); nudges follow as for the daily run. */
  evaluateOne(pupilId: string, date: string, now: Date, signs: EarlySignReport[]): Promise<EvaluatedPupil | undefined>;
  /** Moves the pupil up to the step a conversation concluded (never down). */
  raiseStep(input: {
    pupilId: string;
    assessedStep: number;
    date: string;
    sourceId: string;
    label: string;
    now: Date;
  }): Promise<boolean>;
}
