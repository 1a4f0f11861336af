import type { Attachment, TurnContext } from "botbuilder";
import { toLocalIsoDate } from "../../domain/dates";
import { schoolsLedBy, type Pupil } from "../../domain/roster";
import { messagesFor, type Language } from "../../i18n/catalog";
import { isServiceRole } from "../../domain/consent";
import { accessOf } from "../case-service";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";
import { readSender } from "../turn";
import type { StatusSummary } from "../../domain/status";
import { buildCaseListView, type CaseListEntry } from "../views/case-list-view";
import { followedUpOn } from "../../domain/follow-up";

/**
 * «Saker»: the pupils on the ladder that this user may act on — a contact teacher's own pupils, and every
 * pupil of the schools where the user is tiltaksleder, rektor or teamleder, and the cases a helsesykepleier or PPT
 * is brought into and may read (the same rules as accessOf).
 */
async function caseList(deps: BotDeps, aadObjectId: string | undefined, language: Language): Promise<Attachment> {
  const m = messagesFor(language).caseList;
  const staff = aadObjectId ? await deps.roster.getStaff(aadObjectId) : undefined;
  const own = aadObjectId ? await deps.roster.listPupilsOfTeacher(aadObjectId) : [];
  const ledSchools = schoolsLedBy(staff);
  if (!staff && own.length === 0) return deps.cards.attachment("message", { title: m.title, lines: [m.notInRoster] });

  const statuses = new Map<string, { pupil: Pupil; status: StatusSummary }>();
  for (const schoolId of ledSchools) {
    const pupils = new Map((await deps.roster.listPupilsOfSchool(schoolId)).map((p) => [p.id, p] as const));
    for (const status of await deps.statuses.listOfSchool(schoolId)) {
      const pupil = pupils.get(status.pupilId);
      if (pupil) statuses.set(pupil.id, { pupil, status });
    }
  }
  const ownStatuses = await Promise.all(
    own.filter((p) => !statuses.has(p.id)).map(async (pupil) => ({ pupil, stored: await deps.statuses.get(pupil.id) })),
  );
  for (const { pupil, stored } of ownStatuses) if (stored) statuses.set(pupil.id, { pupil, status: stored.status });
  // A helsesykepleier or PPT: the cases they are brought into, while the samtykke still covers them (accessOf decides).
  if (aadObjectId && staff?.roles.some((r) => isServiceRole(r.role))) {
    for (const pupilId of await deps.cases.pupilsSharedWith(aadObjectId)) {
      const pupil = statuses.has(pupilId) ? undefined : await deps.roster.getPupil(pupilId);
      if (!pupil || (await accessOf(deps, aadObjectId, pupil)) !== "service") continue;
      const stored = await deps.statuses.get(pupilId);
      if (stored) statuses.set(pupilId, { pupil, status: stored.status });
    }
  }
  // Whether each case waits for someone: its log, read only for pupils on the ladder.
  const onLadder = [...statuses.values()].filter((s) => s.status.step !== null);
  const entries: CaseListEntry[] = await Promise.all(
    onLadder.map(async (s) => ({
      ...s,
      followedUp: followedUpOn(s.status.trips, await deps.cases.logEntries(s.pupil.id)),
    })),
  );

  const schoolId = ledSchools[0] ?? own[0]?.schoolId ?? staff?.roles[0]?.schoolId;
  const school = schoolId ? await deps.roster.getSchool(schoolId) : undefined;
  const today = toLocalIsoDate(deps.clock.now(), school?.timeZone ?? "Europe/Oslo");
  deps.logger.info({ event: "case_list_shown", cases: entries.length, leads: ledSchools.length > 0 });
  return deps.cards.attachment(
    "case-list",
    buildCaseListView({ entries, leads: ledSchools.length > 0, language, today }),
  );
}

export async function handleCaseListCommand(context: TurnContext, deps: BotDeps): Promise<void> {
  const card = await caseList(deps, readSender(context).aadObjectId, await resolveLanguage(context, deps));
  await context.sendActivity({ attachments: [card] });
}

export async function handleCaseListOpen(context: TurnContext, deps: BotDeps): Promise<Record<string, unknown>> {
  const card = await caseList(deps, readSender(context).aadObjectId, await resolveLanguage(context, deps));
  return card.content as Record<string, unknown>;
}
