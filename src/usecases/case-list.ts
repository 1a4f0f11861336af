import { isServiceRole } from "../domain/consent";
import { toLocalIsoDate } from "../domain/dates";
import { followedUpOn } from "../domain/follow-up";
import { schoolsLedBy, type Pupil } from "../domain/roster";
import type { ListedStatus } from "../domain/status";
import type { CaseDeps } from "./deps";
import { accessOf } from "./open-case";

export interface CaseListItem {
  pupil: Pupil;
  status: ListedStatus;
  /** The day the newest trip was followed up; null while the case waits for someone. */
  followedUp: string | null;
}

export type CaseList =
  { kind: "notInRoster" } | { kind: "cases"; entries: CaseListItem[]; leads: boolean; today: string };

/**
 * «Saker»: the pupils on the ladder that this user may act on — a contact teacher's own pupils, and every
 * pupil of the schools where the user is tiltaksleder, rektor or teamleder, and the cases a helsesykepleier or PPT
 * is brought into and may read (the same rules as accessOf). Closed cases are not among them.
 */
export async function casesOf(
  deps: Pick<CaseDeps, "roster" | "statuses" | "cases" | "clock" | "logger">,
  aadObjectId: string | undefined,
): Promise<CaseList> {
  const staff = aadObjectId ? await deps.roster.getStaff(aadObjectId) : undefined;
  const own = aadObjectId ? await deps.roster.listPupilsOfTeacher(aadObjectId) : [];
  const ledSchools = schoolsLedBy(staff);
  if (!staff && own.length === 0) return { kind: "notInRoster" };

  const statuses = new Map<string, { pupil: Pupil; status: ListedStatus }>();
  for (const schoolId of ledSchools) {
    const pupils = new Map((await deps.roster.listPupilsOfSchool(schoolId)).map((p) => [p.id, p] as const));
    for (const status of await deps.statuses.listOfSchool(schoolId)) {
      const pupil = pupils.get(status.pupilId);
      if (pupil) statuses.set(pupil.id, { pupil, status });
    }
  }
  // A contact teacher's own pupils: their statuses, cases and logs in one query (followUpsOf).
  const followUps = await deps.cases.followUpsOf(own.filter((p) => !statuses.has(p.id)).map((p) => p.id));
  for (const pupil of own) {
    const followUp = followUps.get(pupil.id);
    if (followUp && !statuses.has(pupil.id)) statuses.set(pupil.id, { pupil, status: followUp.status });
  }
  // A helsesykepleier or PPT: the cases they are brought into, while the samtykke still covers them (accessOf decides).
  if (aadObjectId && staff?.roles.some((r) => isServiceRole(r.role))) {
    for (const pupilId of await deps.cases.pupilsSharedWith(aadObjectId)) {
      const pupil = statuses.has(pupilId) ? undefined : await deps.roster.getPupil(pupilId);
      if (!pupil || (await accessOf(deps, aadObjectId, pupil)) !== "service") continue;
      const stored = await deps.statuses.get(pupilId);
      if (stored) statuses.set(pupilId, { pupil, status: stored.status });
    }
  }
  // Whether each case waits for someone: its log, read only for pupils on the ladder. A closed case is not listed.
  const onLadder = [...statuses.values()].filter((s) => s.status.step !== null);
  const notRead = onLadder.filter((s) => !followUps.has(s.pupil.id)).map((s) => s.pupil.id);
  for (const [pupilId, followUp] of notRead.length > 0 ? await deps.cases.followUpsOf(notRead) : [])
    followUps.set(pupilId, followUp);
  const entries: CaseListItem[] = [];
  for (const s of onLadder) {
    const followUp = followUps.get(s.pupil.id);
    // No follow-up: the pupil's data was erased since its status was listed.
    if (followUp && !followUp.closed) entries.push({ ...s, followedUp: followedUpOn(s.status.trips, followUp.log) });
  }

  const schoolId = ledSchools[0] ?? own[0]?.schoolId ?? staff?.roles[0]?.schoolId;
  const school = schoolId ? await deps.roster.getSchool(schoolId) : undefined;
  const today = toLocalIsoDate(deps.clock.now(), school?.timeZone ?? "Europe/Oslo");
  deps.logger.info({ event: "case_list_shown", cases: entries.length, leads: ledSchools.length > 0 });
  return { kind: "cases", entries, leads: ledSchools.length > 0, today };
}
