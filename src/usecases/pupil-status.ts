import type { AbsenceEvent } from "../domain/absence";
import type { PatternReport } from "../domain/pattern";
import { createSchoolCalendar } from "../domain/calendar";
import { analyzePattern } from "../domain/pattern";
import type { Pupil, School } from "../domain/roster";
import type { PupilStatus } from "../domain/status";
import type { CaseDeps } from "./deps";
import { frozen } from "../store/recent-reads";

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
): Promise<{ status: PupilStatus; events?: readonly AbsenceEvent[] }> {
  if (status.pattern && status.pattern.to >= today) return { status };
  const events = await deps.absences.recentOfPupil(pupil.id);
  return { status: { ...status, pattern: patternOf(events, school, today, pupil.id) }, events };
}

// The remembered registrations are one frozen list for every card that shows them: analysed once per school and day.
const analysed = new WeakMap<readonly AbsenceEvent[], { school: School; today: string; pattern: PatternReport }>();

function patternOf(events: readonly AbsenceEvent[], school: School, today: string, pupilId: string): PatternReport {
  const known = analysed.get(events);
  if (known && known.school === school && known.today === today) return known.pattern;
  const pattern = analyzePattern({ events, calendar: createSchoolCalendar(school), asOf: today, pupilId });
  if (!Object.isFrozen(events)) return pattern;
  analysed.set(events, { school, today, pattern: frozen(pattern) });
  return pattern;
}
