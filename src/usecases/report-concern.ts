import { toLocalIsoDate } from "../domain/dates";
import type { Pupil } from "../domain/roster";
import type { CaseDeps } from "./deps";

export type ConcernForm =
  | { kind: "noPupils" }
  | { kind: "noSigns" }
  | { kind: "form"; pupils: Pupil[]; signs: { id: string; label: string }[] };

/** The «Meld bekymring» form: the teacher's own pupils and the early signs the school's routine lists (002 §1.3 «OBS!», 004 «Tidlige tegn»). */
export async function concernFormOf(
  deps: Pick<CaseDeps, "roster" | "ladders">,
  aadObjectId: string | undefined,
): Promise<ConcernForm> {
  const pupils = aadObjectId ? await deps.roster.listPupilsOfTeacher(aadObjectId) : [];
  if (pupils.length === 0) return { kind: "noPupils" };
  const school = await deps.roster.getSchool(pupils[0]!.schoolId);
  const ladder = school ? deps.ladders.forSchool(school) : undefined;
  if (!ladder || ladder.earlySigns.length === 0) return { kind: "noSigns" };
  return { kind: "form", pupils, signs: ladder.earlySigns.map((s) => ({ id: s.id, label: s.label })) };
}

export type ConcernReported =
  | { kind: "notYourPupil" }
  | { kind: "noSignChosen" }
  | { kind: "alreadyOnStep"; pupil: Pupil; step: string }
  | { kind: "reported"; pupil: Pupil };

/** A teacher's own judgement puts the pupil on the ladder like a tripped threshold: same nudge, same templates. */
export async function reportConcern(
  deps: CaseDeps,
  actor: string | undefined,
  report: { pupilId: string; signIds: string[]; note?: string },
): Promise<ConcernReported> {
  const pupil = await deps.roster.getPupil(report.pupilId);
  if (!pupil || !actor || !pupil.contactTeacherIds.includes(actor)) {
    deps.logger.warn({ event: "concern_refused", pupilId: report.pupilId });
    return { kind: "notYourPupil" };
  }
  const school = (await deps.roster.getSchool(pupil.schoolId))!;
  const known = new Set(deps.ladders.forSchool(school).earlySigns.map((s) => s.id));
  const signs = report.signIds.filter((s) => known.has(s));
  if (signs.length === 0) return { kind: "noSignChosen" };
  const now = deps.clock.now();
  const today = toLocalIsoDate(now, school.timeZone);
  const before = await deps.statuses.get(pupil.id);
  const result = await deps.evaluateOne(
    pupil.id,
    today,
    now,
    signs.map((signId) => ({ signId, date: today, ...(report.note ? { note: report.note } : {}) })),
  );
  deps.logger.info({ event: "concern_reported", pupilId: pupil.id, signs: signs.length, step: result?.step ?? null });
  if (result && result.newTrips === 0 && before?.status.step !== null && before?.status.step !== undefined)
    return { kind: "alreadyOnStep", pupil, step: before.status.stepName ?? String(before.status.step) };
  return { kind: "reported", pupil };
}
