import type { Attachment } from "botbuilder";
import { fill, messagesFor, type Language } from "../i18n/catalog";
import type { BotDeps } from "./deps";

/** The welcome card doubles as help: it says what Nærvær does and, for known staff, what they are registered as. */
export async function buildWelcomeCard(deps: BotDeps, aadObjectId: string | undefined, language: Language): Promise<Attachment> {
  const m = messagesFor(language);
  const teachesPupils = aadObjectId ? (await deps.roster.listPupilsOfTeacher(aadObjectId)).length > 0 : false;
  const registered = teachesPupils || (aadObjectId ? (await deps.roster.getStaff(aadObjectId)) !== undefined : false);
  return deps.cards.attachment("welcome", {
    ...m.welcome,
    rosterLine: await describeRegistration(deps, aadObjectId, language),
    casesAction: registered ? [{ title: m.caseList.button }] : [],
    concernAction: teachesPupils ? [{ title: m.concern.open }] : [],
  });
}

async function describeRegistration(deps: BotDeps, aadObjectId: string | undefined, language: Language): Promise<string> {
  const m = messagesFor(language);
  const staff = aadObjectId ? await deps.roster.getStaff(aadObjectId) : undefined;
  const firstRole = staff?.roles[0];
  if (!staff || !firstRole) return m.welcome.notInRoster;
  const school = await deps.roster.getSchool(firstRole.schoolId);
  const rolesHere = staff.roles.filter((r) => r.schoolId === firstRole.schoolId).map((r) => r.role);
  const pupils = rolesHere.includes("contact_teacher") ? await deps.roster.listPupilsOfTeacher(staff.aadObjectId) : [];
  const classes = [...new Set(pupils.map((p) => p.className))].sort().join(", ");
  const roles = rolesHere.map((role) =>
    role === "contact_teacher" && pupils.length > 0 ? fill(m.welcome.contactTeacherOf, { count: pupils.length, classes }) : m.roles[role],
  );
  return fill(m.welcome.rosterLine, {
    roles: roles.join(", "),
    school: school?.name ?? firstRole.schoolId,
    municipality: school?.municipality ?? "",
  });
}
