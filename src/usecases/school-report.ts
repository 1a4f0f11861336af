import { createSchoolCalendar } from "../domain/calendar";
import type { CaseRecord } from "../domain/case";
import { currentConsent } from "../domain/consent";
import { toLocalIsoDate } from "../domain/dates";
import { followedUpOn } from "../domain/follow-up";
import {
  periodRange,
  summarizeSchool,
  type PupilFacts,
  type ReportPeriod,
  type SchoolReport,
} from "../domain/school-report";
import { schoolsLedBy, type School } from "../domain/roster";
import type { AbsenceRepo } from "../store/absence-repo";
import type { CaseRepo } from "../store/case-repo";
import type { RosterRepo } from "../store/roster-repo";
import type { StatusRepo } from "../store/status-repo";

export interface ReportDeps {
  roster: RosterRepo;
  statuses: StatusRepo;
  absences: AbsenceRepo;
  cases: CaseRepo;
}

export interface SchoolReportResult extends SchoolReport {
  school: Pick<School, "id" | "name" | "municipality" | "ladder">;
  period: ReportPeriod;
}

/** The school's figures for `period` up to `date` (today at the school when left out). Undefined for an unknown school. */
export async function reportOfSchool(
  deps: ReportDeps,
  schoolId: string,
  period: ReportPeriod,
  now: Date,
  date?: string,
): Promise<SchoolReportResult | undefined> {
  const school = await deps.roster.getSchool(schoolId);
  if (!school) return undefined;
  const calendar = createSchoolCalendar(school);
  const today = date ?? toLocalIsoDate(now, school.timeZone);
  const range = periodRange(period, today, calendar);
  const [pupils, statuses, events] = await Promise.all([
    deps.roster.listPupilsOfSchool(schoolId),
    deps.statuses.listOfSchool(schoolId),
    deps.absences.listOfSchool(schoolId),
  ]);
  const statusOf = new Map(statuses.map((s) => [s.pupilId, s] as const));
  const daysOf = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.kind !== "day" || e.date < range.from || e.date > range.to || !calendar.isSchoolDay(e.date)) continue;
    const days = daysOf.get(e.pupilId) ?? new Set<string>();
    days.add(e.date);
    daysOf.set(e.pupilId, days);
  }
  const facts: PupilFacts[] = await Promise.all(
    pupils.map(async (pupil) => {
      const status = statusOf.get(pupil.id);
      const absenceDays = daysOf.get(pupil.id)?.size ?? 0;
      const offLadder = {
        step: null,
        trips: [],
        deadline: null,
        followedUp: null,
        measures: [],
        consent: null,
        servicesBroughtIn: 0,
        absenceDays,
      };
      // A pupil never evaluated has no case to read; one off the ladder may have closed cases to count.
      if (!status) return offLadder;
      if (status.step === null) return { ...offLadder, ...closuresOf((await deps.cases.get(pupil.id))?.value) };
      const [log, measures, record] = await Promise.all([
        deps.cases.logEntries(pupil.id),
        deps.cases.measures(pupil.id),
        deps.cases.get(pupil.id),
      ]);
      return {
        ...closuresOf(record?.value),
        step: status.step,
        trips: status.trips,
        deadline: status.required?.deadline ?? null,
        followedUp: followedUpOn(status.trips, log),
        measures: measures.map((m) => ({
          status: m.status,
          agreedOn: toLocalIsoDate(new Date(m.agreedAt), school.timeZone),
          evaluatedOn: m.evaluatedOn,
          result: m.result,
          continues: m.continues,
        })),
        consent: currentConsent(log)?.status ?? null,
        servicesBroughtIn: record?.value.sharedWith?.length ?? 0,
        absenceDays,
      };
    }),
  );
  return {
    ...summarizeSchool(facts, range, today),
    school: { id: school.id, name: school.name, municipality: school.municipality, ladder: school.ladder },
    period,
  };
}

/** The pupil's closed cases for the report: the current one when closed, and the earlier ones. */
function closuresOf(record: CaseRecord | undefined): Pick<PupilFacts, "closures" | "closedNow"> {
  const closed = [...(record?.previous ?? []).map((p) => p.closed), ...(record?.closed ? [record.closed] : [])];
  return { closures: closed.map((c) => ({ on: c.on, reason: c.reason })), closedNow: Boolean(record?.closed) };
}

/**
 * The reports a leader may see: of each school the sender leads (tiltaksleder, rektor, teamleder), from the roster and
 * never from card data; only `schoolId` when given. Undefined when they lead none of them.
 */
export async function reportsForLeader(
  deps: ReportDeps,
  aadObjectId: string | undefined,
  period: ReportPeriod,
  now: Date,
  schoolId?: string,
): Promise<SchoolReportResult[] | undefined> {
  const led = schoolsLedBy(aadObjectId ? await deps.roster.getStaff(aadObjectId) : undefined);
  const schools = schoolId === undefined ? led : led.filter((id) => id === schoolId);
  if (schools.length === 0) return undefined;
  const reports: SchoolReportResult[] = [];
  for (const id of schools) {
    const report = await reportOfSchool(deps, id, period, now);
    if (report) reports.push(report);
  }
  return reports;
}
