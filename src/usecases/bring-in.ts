import { caseEventEntry, type CaseRecord, type SharedWith } from "../domain/case";
import { consentCovers, currentConsent, serviceRoles, type ConsentRecord, type ServiceRole } from "../domain/consent";
import type { StaffMember } from "../domain/roster";
import { fill, messagesFor, type Language } from "../i18n/catalog";
import { fullDate } from "../i18n/dates";
import type { CaseContext } from "./case-context";
import type { CaseDeps } from "./deps";
import { updateCase } from "./open-case";
import { postBringInInThread, postConsentEndedInThread } from "./case-thread";

/** «helsesykepleier: Hanne H. (samtykke 18.11.2026)» for the timeline, in the writer's language; without a date when taken off. */
function sharedEntryText(
  language: Language,
  role: ServiceRole,
  names: readonly string[],
  consentDate?: string,
): string {
  const m = messagesFor(language).case;
  const values = { service: messagesFor(language).roles[role], names: names.join(", ") };
  return consentDate ? fill(m.sharedEntry, { ...values, date: fullDate(consentDate) }) : fill(m.unsharedEntry, values);
}

export type BringInResult =
  | { kind: "noConsent" }
  | { kind: "noStaff" }
  /** `record`: the case after it; `staff`: everyone of the role now on the case. */
  | { kind: "broughtIn"; record: CaseRecord; staff: StaffMember[] };

/**
 * «Koble på helsesykepleier / PPT»: only under a samtykke that covers the service (003 «Tverrfaglig
 * samtykkeerklæring»; 001 «Trinn 2»: «Det må da foreligge samtykke fra elev og/eller foresatte»). Every person with
 * that role at the school may then read the case and gets it in Teams, once. `language`: the actor's, for the timeline.
 */
export async function bringIn(
  deps: CaseDeps,
  ctx: CaseContext,
  actor: string,
  role: ServiceRole,
  language: Language,
): Promise<BringInResult> {
  const consent = currentConsent(ctx.log);
  if (!consent || !consentCovers(consent, role)) return { kind: "noConsent" };
  const staff = (await deps.roster.staffWithRole(ctx.pupil.schoolId, role)).filter((s) => s.aadObjectId !== actor);
  if (staff.length === 0) return { kind: "noStaff" };
  const at = deps.clock.now().toISOString();
  let added: string[] = [];
  const record = await updateCase(deps, ctx.pupil.id, (r) => {
    const shared = r.sharedWith ?? [];
    // A redelivered click finds them already there and adds no one.
    added = staff
      .map((s) => s.aadObjectId)
      .filter((id) => !shared.some((x) => x.aadObjectId === id && x.role === role));
    r.sharedWith = [...shared, ...added.map((aadObjectId) => ({ aadObjectId, role, by: actor, at }))];
  });
  if (added.length > 0) {
    const names = staff.filter((s) => added.includes(s.aadObjectId)).map((s) => s.name);
    await deps.cases.appendLog(
      caseEventEntry(ctx, {
        id: `log:shared:${role}:${record.version}`,
        templateId: "shared",
        author: actor,
        at,
        furtherMeasures: sharedEntryText(language, role, names, consent.date),
      }),
    );
  }
  const byName = (await deps.roster.getStaff(actor))?.name ?? "";
  for (const aadObjectId of added) {
    await deps.caseCards.send(
      aadObjectId,
      {
        kind: "case",
        case: { ...ctx, record },
        access: "service",
        note: { kind: "sharedWithYou", by: byName, consentDate: consent.date },
      },
      { key: `shared:${ctx.pupil.id}:${role}:${record.version}`, track: true },
    );
  }
  // The team around the pupil meets in the case's thread, where the people brought in are @mentioned.
  const people = staff
    .filter((s) => added.includes(s.aadObjectId))
    .map((s) => ({ aadObjectId: s.aadObjectId, name: s.name }));
  await postBringInInThread(deps, { ...ctx, record }, role, people);
  deps.logger.info({ event: "case_shared", pupilId: ctx.pupil.id, role, added: added.length });
  return { kind: "broughtIn", record, staff };
}

/**
 * After a samtykkeerklæring: whoever was brought in under a consent that no longer covers their service (withdrawn,
 * refused, or the service no longer ticked) is taken off the case and told, once. They need to be brought in again
 * under a new consent.
 */
export async function endSharingNotCovered(
  deps: CaseDeps,
  ctx: CaseContext,
  consent: ConsentRecord | null,
  actor: string,
  language: Language,
): Promise<string[]> {
  const current = (await deps.cases.get(ctx.pupil.id))?.value;
  if (!(current?.sharedWith ?? []).some((s) => !consentCovers(consent, s.role))) return [];
  let ended: SharedWith[] = [];
  const record = await updateCase(deps, ctx.pupil.id, (r) => {
    const shared = r.sharedWith ?? [];
    ended = shared.filter((s) => !consentCovers(consent, s.role));
    r.sharedWith = shared.filter((s) => consentCovers(consent, s.role));
  });
  const at = deps.clock.now().toISOString();
  for (const role of serviceRoles) {
    const names = await Promise.all(
      ended.filter((s) => s.role === role).map(async (s) => (await deps.roster.getStaff(s.aadObjectId))?.name ?? ""),
    );
    if (names.length === 0) continue;
    await deps.cases.appendLog(
      caseEventEntry(ctx, {
        id: `log:unshared:${role}:${record.version}`,
        templateId: "unshared",
        author: actor,
        at,
        furtherMeasures: sharedEntryText(language, role, names),
      }),
    );
  }
  for (const aadObjectId of new Set(ended.map((s) => s.aadObjectId)))
    await deps.caseCards.send(aadObjectId, { kind: "sharingEnded", pupil: ctx.pupil });
  await postConsentEndedInThread(deps, { ...ctx, record });
  deps.logger.info({ event: "case_sharing_ended", pupilId: ctx.pupil.id, ended: ended.length });
  return ended.map((s) => s.aadObjectId);
}
