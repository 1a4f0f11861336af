import type { AbsenceEvent } from "../domain/absence";
import { createSchoolCalendar } from "../domain/calendar";
import { analyzePattern } from "../domain/pattern";
import type { Pupil, School } from "../domain/roster";
import type { PupilStatus } from "../domain/status";
import type { CaseDeps } from "./deps";

/**
 * The status as a card or the API shows it today. A run stores a pupil's status only when the evaluation changed
 * something (usecases/evaluate-pupils.ts), so a stored pattern may be older than today: its weeks and trend are then
 * analysed again from the pupil's registrations, as of today (which are then returned too, for whoever shows them).
 */
export async function statusAsOfToday(
  deps: Pick<CaseDeps, "absences">,
  pupil: Pupil,
  school: School,
  status: PupilStatus,
  today: string,
): Promise<{ status: PupilStatus; events?: AbsenceEvent[] }> {
  if (status.pattern && status.pattern.to >= today) return { status };
  const events = await deps.absences.listOfPupil(pupil.id);
  const pattern = analyzePattern({ events, calendar: createSchoolCalendar(school), asOf: today, pupilId: pupil.id });
  return { status: { ...status, pattern }, events };
}
