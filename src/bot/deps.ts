import type { Clock } from "../clock";
import type { Config } from "../config";
import type { CardRenderer } from "../cards/render";
import type { Logger } from "../logger";
import type { ConversationRefs } from "../store/conversation-refs";
import type { RosterRepo } from "../store/roster-repo";
import type { CaseRepo } from "../store/case-repo";
import type { StatusRepo } from "../store/status-repo";
import type { AbsenceRepo } from "../store/absence-repo";
import type { Notifier } from "./proactive";
import type { ReminderRepo } from "../store/reminder-repo";
import type { LadderRegistry } from "../ladder-registry";
import type { EarlySignReport } from "../domain/evaluation";
import type { EvaluatedPupil } from "../usecases/evaluate-pupils";

/** Everything a bot handler may use, passed in explicitly. */
export interface BotDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  cards: CardRenderer;
  conversations: ConversationRefs;
  roster: RosterRepo;
  statuses: StatusRepo;
  cases: CaseRepo;
  absences: AbsenceRepo;
  notifier: Notifier;
  reminders: ReminderRepo;
  ladders: LadderRegistry;
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
