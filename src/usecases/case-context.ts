import type { AbsenceEvent } from "../domain/absence";
import type { CaseRecord, Draft, LogEntry, MeasureRecord } from "../domain/case";
import type { Pupil, School } from "../domain/roster";
import type { PupilStatus } from "../domain/status";

/** Everything a case card shows and a decision on the case needs, read once per action (see open-case.ts). */
export interface CaseContext {
  pupil: Pupil;
  school: School;
  status: PupilStatus;
  record: CaseRecord;
  etag: string;
  openDrafts: Draft[];
  /** The case's documentation, oldest first, with the authors' names for the timeline. */
  log: LogEntry[];
  authorNames: Record<string, string>;
  /** Every measure agreed in the case, active or evaluated. */
  measures: MeasureRecord[];
  today: string;
  /** The pupil's registrations, when loading the case read them already (to show the pattern as of today). */
  absences?: readonly AbsenceEvent[];
}
