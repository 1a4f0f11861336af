import type { Attachment } from "botbuilder";
import type { Pupil, StaffMember } from "../domain/roster";
import { fill, messagesFor, type Language } from "../i18n/catalog";
import type { BotDeps } from "./deps";

/** The welcome card doubles as help: it says what Nærvær does and, for known staff, what they are registered as. */
export async function buildWelcomeCard(
  deps: BotDeps,
  aadObjectId: string | undefined,
  language: Language,
): Promise<Attachment> {
  const m = messagesFor(language);
  const [staff, own] = aadObjectId
    ? await Promise.all([deps.roster.getStaff(aadObjectId), deps.roster.listPupilsOfTeacher(aadObjectId)])
    : [undefined, []];
  return deps.cards.attachment("welcome", {
    ...m.welcome,
    rosterLine: await describeRegistration(deps, staff, own, language),
    casesAction: staff || own.length > 0 ? [{ title: m.caseList.button }] : [],
    concernAction: own.length > 0 ? [{ title: m.concern.open }] : [],
  });
}

async function describeRegistration(
  deps: BotDeps,
  staff: StaffMember | undefined,
  own: Pupil[],
  language: Language,
): Promise<string> {
  const m = messagesFor(language);
  const firstRole = staff?.roles[0];
  if (!staff || !firstRole) return m.welcome.notInRoster;
  const school = await deps.roster.getSchool(firstRole.schoolId);
  const rolesHere = staff.roles.filter((r) => r.schoolId === firstRole.schoolId).map((r) => r.role);
  const pupils = rolesHere.includes("contact_teacher") ? own : [];
  const classes = [...new Set(pupils.map((p) => p.className))].sort().join(", ");
  const roles = rolesHere.map((role) =>
    role === "contact_teacher" && pupils.length > 0
      ? fill(m.welcome.contactTeacherOf, { count: pupils.length, classes }, language)
      : m.roles[role],
  );
  return fill(m.welcome.rosterLine, {
    roles: roles.join(", "),
    school: school?.name ?? firstRole.schoolId,
    municipality: school?.municipality ?? "",
  });
}
