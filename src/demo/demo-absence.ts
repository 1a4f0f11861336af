import type { AbsenceEvent } from "../domain/absence";
import type { SchoolCalendar } from "../domain/calendar";
import type { IsoDate } from "../domain/dates";
import { demoSchoolId } from "./demo-school";

/**
 * Synthetic registrations for the demo class, counted back from `today` on the school calendar, so the
 * demo shows the patterns the routines look for: Mondays, a run of illness, repeated late arrivals.
 */
export function createDemoAbsence(today: IsoDate, calendar: SchoolCalendar): AbsenceEvent[] {
  const end = calendar.isSchoolDay(today) ? today : calendar.previousSchoolDay(today);
  let start = end;
  for (let i = 0; i < 40; i++) start = calendar.previousSchoolDay(start);
  const recentSchoolDays = calendar.listSchoolDays(start, end);
  const mondays = recentSchoolDays.filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1).slice(-4);
  const event = (
    pupilId: string,
    date: IsoDate,
    kind: AbsenceEvent["kind"],
    extra: Partial<AbsenceEvent> = {},
  ): AbsenceEvent => ({
    id: `demo-${pupilId}-${date}-${kind}`,
    pupilId,
    schoolId: demoSchoolId,
    date,
    kind,
    ...extra,
  });
  const illness = recentSchoolDays.slice(-15, -10);
  const lateDays = recentSchoolDays.slice(-8).filter((_, i) => i % 2 === 0);
  return [
    ...mondays.map((d, i) =>
      event("demo-p1", d, "day", { documented: i % 2 === 0, reason: i % 2 === 0 ? "illness" : undefined }),
    ),
    ...illness.map((d) =>
      event("demo-p2", d, "day", { documented: true, reason: "illness", episodeId: "demo-p2-illness" }),
    ),
    ...lateDays.map((d) => event("demo-p3", d, "late", { minutes: 15 })),
    event("demo-p4", recentSchoolDays.at(-3)!, "lesson", {
      documented: true,
      reason: "appointment",
      lessons: 2,
      subject: "Matematikk",
    }),
  ];
}
