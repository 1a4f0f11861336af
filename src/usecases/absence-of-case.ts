import type { AbsenceEvent } from "../domain/absence";
import { draftAbsenceMessages, ladderProfile, type AbsenceMessageDraft } from "../domain/templates";
import type { Language } from "../i18n/catalog";
import type { CaseContext } from "./case-context";
import type { CaseDeps } from "./deps";

/** «Vis fravær»: the registrations since the pattern's period began, newest first, at most 40. */
export async function absenceOfCase(deps: Pick<CaseDeps, "absences">, ctx: CaseContext): Promise<AbsenceEvent[]> {
  const events = (ctx.absences ?? (await deps.absences.listOfPupil(ctx.pupil.id))).filter(
    (e) => e.date <= ctx.today && e.date >= ctx.status.pattern.from,
  );
  events.sort((a, b) => b.date.localeCompare(a.date));
  return events.slice(0, 40);
}

/**
 * Drafts of the message to guardians (seed 002 §2.3) for the teacher to copy: the dates, and no cause unless every one
 * of those days is documented as illness (then example 1's «god bedring»); the ladder's name for its attendance work
 * and its words (a kindergarten's «barnet», «barnehagen»).
 */
export async function absenceMessageDrafts(
  deps: Pick<CaseDeps, "absences" | "roster">,
  ctx: CaseContext,
  actor: string,
  language: Language,
): Promise<AbsenceMessageDraft[]> {
  const absent = (await deps.absences.listOfPupil(ctx.pupil.id)).filter(
    (e) => (e.kind === "day" || e.kind === "lesson") && e.date <= ctx.today,
  );
  const dates = [
    ...new Set(
      absent
        .map((e) => e.date)
        .sort()
        .slice(-5),
    ),
  ];
  const onThoseDays = absent.filter((e) => dates.includes(e.date));
  const teacher = await deps.roster.getStaff(actor);
  const profile = ladderProfile(ctx.status.ladder);
  return draftAbsenceMessages({
    pupilFirstName: ctx.pupil.name.split(" ")[0] ?? "",
    dates,
    schoolName: ctx.school.name,
    teacherName: teacher?.name ?? "",
    language,
    institution: profile.institution,
    documentedIllness:
      onThoseDays.length > 0 && onThoseDays.every((e) => e.documented === true && e.reason === "illness"),
    ...(profile.programme ? { programme: profile.programme } : {}),
  });
}
