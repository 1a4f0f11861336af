import { createSchoolCalendar } from "../domain/calendar";
import { toLocalIsoDate } from "../domain/dates";
import type { Logger } from "../logger";
import { evaluatePupils, type EvaluateDeps } from "../usecases/evaluate-pupils";
import { createDemoAbsence } from "./demo-absence";
import { demoRoster, demoSchoolId } from "./demo-school";

/** Loads the demo school; absence is added only the first time, so restarts on later days do not pile it up. */
export async function seedDemo(deps: EvaluateDeps, now: Date, logger: Logger): Promise<void> {
  const counts = await deps.roster.save(demoRoster);
  const school = demoRoster.schools[0]!;
  const today = toLocalIsoDate(now, school.timeZone);
  let absences = 0;
  if ((await deps.absences.listOfSchool(demoSchoolId)).length === 0) {
    absences = await deps.absences.save(createDemoAbsence(today, createSchoolCalendar(school)));
  }
  const run = await evaluatePupils(deps, today, now, demoSchoolId);
  logger.info({
    event: "demo_seeded",
    ...counts,
    absences,
    onLadder: run.pupils.filter((p) => p.step !== null).length,
  });
}
