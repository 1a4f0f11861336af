import { consentCovers, currentConsent, isServiceRole } from "../domain/consent";
import { newCase, ofCurrentCase, type Access, type CaseRecord } from "../domain/case";
import { toLocalIsoDate } from "../domain/dates";
import { isLeadRole, type Pupil, type School } from "../domain/roster";
import type { PupilStatus } from "../domain/status";
import type { CaseContext } from "./case-context";
import { statusAsOfToday } from "./pupil-status";
import type { CaseDeps } from "./deps";
import type { AuditAction } from "../domain/audit";

type ReadDeps = Pick<CaseDeps, "roster" | "statuses" | "cases" | "clock" | "absences">;

/** What an action shows or does, for the audit trail: reading the card, the absence, the archive text, or a change. */
function auditActionOf(via: string): AuditAction {
  if (via === "case.showAbsence") return "case.absence.read";
  if (via === "case.archive") return "case.archive.read";
  if (via === "case.refresh" || via === "thread.refresh" || via === "cases.open" || via === "case.open")
    return "case.read";
  return "case.change";
}

/**
 * Who may act on a pupil's case: the pupil's contact teachers and the school's coordinator, principal or team lead.
 * A helsesykepleier or PPT of the school may read it while they are brought in and the samtykke in force covers
 * their service: a withdrawal ends it. Never from card data.
 */
export async function accessOf(
  deps: Pick<CaseDeps, "roster" | "cases">,
  aadObjectId: string | undefined,
  pupil: Pupil,
): Promise<Access | undefined> {
  if (!aadObjectId) return undefined;
  if (pupil.contactTeacherIds.includes(aadObjectId)) return "contact_teacher";
  const staff = await deps.roster.getStaff(aadObjectId);
  const roles = staff?.roles.filter((r) => r.schoolId === pupil.schoolId).map((r) => r.role) ?? [];
  if (roles.some(isLeadRole)) return "coordinator";
  if (!roles.some(isServiceRole)) return undefined;
  const record = (await deps.cases.get(pupil.id))?.value;
  const shared = (record?.sharedWith ?? []).filter((s) => s.aadObjectId === aadObjectId && roles.includes(s.role));
  if (shared.length === 0) return undefined;
  const consent = currentConsent(
    (await deps.cases.logEntries(pupil.id)).filter((e) => !record || ofCurrentCase(record, e.writtenAt)),
  );
  return shared.some((s) => consentCovers(consent, s.role)) ? "service" : undefined;
}

export type OpenedCase =
  | { ok: true; ctx: CaseContext; access: Access; actor: string }
  | { ok: false; reason: "unknownPupil" | "notAllowed" }
  /** A change to a closed case: nothing is done; the case is there to show as it stands. */
  | { ok: false; reason: "closed"; ctx: CaseContext; access: Access };

/** What may still be done to a closed case besides reading it. */
const changesOfClosedCase: ReadonlySet<string> = new Set(["case.reopen"]);

/**
 * Every case action starts here: the sender is checked against the case's roles, then the case is loaded. A service
 * brought in under samtykke only reads: `services` says whether the action lets it in.
 */
export async function openCase(
  deps: ReadDeps & Pick<CaseDeps, "audit">,
  actor: string | undefined,
  pupilId: string,
  options: { services?: boolean; via?: string } = {},
): Promise<OpenedCase> {
  const pupil = await deps.roster.getPupil(pupilId);
  if (!pupil) return { ok: false, reason: "unknownPupil" };
  // The sender is checked before the case is loaded: loading opens it, and a refused action must change nothing.
  const access = actor ? await accessOf(deps, actor, pupil) : undefined;
  const allowed = Boolean(actor && access && (access !== "service" || options.services));
  const via = options.via ?? "case.open";
  const audited = deps.audit.record({
    pupilId: pupil.id,
    actor: actor ?? "unknown",
    role: allowed ? access! : "none",
    action: auditActionOf(via),
    via,
    outcome: allowed ? "allowed" : "refused",
  });
  if (!actor || !access || !allowed) {
    await audited;
    return { ok: false, reason: "notAllowed" };
  }
  // The entry is written while the case loads; nothing is shown before both are done.
  const [ctx] = await Promise.all([loadCase(deps, pupil.id, pupil), audited]);
  if (!ctx) return { ok: false, reason: "unknownPupil" };
  if (ctx.record.closed && auditActionOf(via) === "case.change" && !changesOfClosedCase.has(via))
    return { ok: false, reason: "closed", ctx, access };
  return { ok: true, ctx, access, actor };
}

/** What the caller read already (an evaluation run: the pupil, the school and the status it just stored). */
export interface KnownOfPupil {
  pupil: Pupil;
  school: School;
  status: PupilStatus;
}

/**
 * Loads everything a case card shows, opening the case on first use. Undefined when the pupil has no evaluated
 * status. `known`: the pupil, when the caller has read it already (to check the sender first); `read`: the school and
 * status too (an evaluation run).
 */
export async function loadCase(
  deps: ReadDeps,
  pupilId: string,
  known?: Pupil,
  read?: Pick<KnownOfPupil, "school" | "status">,
): Promise<CaseContext | undefined> {
  const pupil = known ?? (await deps.roster.getPupil(pupilId));
  if (!pupil) return undefined;
  // A card reads the pupil's whole partition in one query; a run knows the status and reads the case alone.
  const [school, folder] = await Promise.all([
    read ? read.school : deps.roster.getSchool(pupil.schoolId),
    read ? undefined : deps.cases.getFolder(pupilId),
  ]);
  const stored = read ? read.status : folder?.status;
  if (!school || !stored) return undefined;
  const now = deps.clock.now();
  const today = toLocalIsoDate(now, school.timeZone);
  let current = folder ? folder.record : await deps.cases.get(pupilId);
  // Opened on first use; a second opening at the same moment finds the first one's record.
  const opened = current ? undefined : await deps.cases.create(newCase(pupil, now.toISOString()));
  current ??= opened ?? (await deps.cases.get(pupilId));
  const record = current!.value;
  // A case opened just now has no drafts, log or measures yet (each is written through a loaded case): a run that
  // opens thousands of cases does not ask for them.
  const contentsOf = <T>(inFolder: T[] | undefined, read: () => Promise<T[]>): Promise<T[]> =>
    opened ? Promise.resolve([]) : folder && folder.record ? Promise.resolve(inFolder!) : read();
  // After a closed case, the new one shows only its own drafts, log and measures; the earlier ones stay stored.
  const [shown, openDrafts, log, measures] = await Promise.all([
    statusAsOfToday(deps, pupil, school, stored, today),
    contentsOf(folder?.openDrafts, () => deps.cases.openDrafts(pupilId)).then((all) =>
      all.filter((d) => ofCurrentCase(record, d.startedAt)),
    ),
    contentsOf(folder?.log, () => deps.cases.logEntries(pupilId)).then((all) =>
      all.filter((e) => ofCurrentCase(record, e.writtenAt)),
    ),
    contentsOf(folder?.measures, () => deps.cases.measures(pupilId)).then((all) =>
      all.filter((x) => ofCurrentCase(record, x.agreedAt)),
    ),
  ]);
  const authorNames: Record<string, string> = {};
  for (const author of new Set(log.map((e) => e.author)))
    authorNames[author] = (await deps.roster.getStaff(author))?.name ?? "";
  return {
    pupil,
    school,
    status: shown.status,
    record,
    etag: current!.etag,
    openDrafts,
    log,
    authorNames,
    measures,
    today,
    ...(shown.events ? { absences: shown.events } : {}),
  };
}

/**
 * Applies a change to the case record with optimistic concurrency. A decision bumps the version, which makes
 * older cards stale; bookkeeping (where a card was sent) does not.
 */
export async function updateCase(
  deps: Pick<CaseDeps, "cases" | "clock">,
  pupilId: string,
  change: (record: CaseRecord) => void,
  options: { bump: boolean } = { bump: true },
): Promise<CaseRecord> {
  const record = await writeCase(deps, pupilId, change, options.bump, undefined);
  if (!record) throw new Error(`No case for pupil ${pupilId}`);
  return record;
}

/**
 * A decision someone took on the case as they saw it (`basedOn`: the version their card or action opened): applied
 * only while the case is still at that version. Of ten identical clicks at once, or a redelivery, the first applies
 * and the others find the case moved on and change nothing: undefined, and the caller shows the current case.
 */
export function decideOnCase(
  deps: Pick<CaseDeps, "cases" | "clock">,
  pupilId: string,
  basedOn: number,
  change: (record: CaseRecord) => void,
): Promise<CaseRecord | undefined> {
  return writeCase(deps, pupilId, change, true, basedOn);
}

/** Writers that lost the race wait a little, at random, so ten at once do not collide again in step. */
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt + 1, 5)));

/** Optimistic concurrency on the case record: read, change, write if unchanged since the read, else read again. */
async function writeCase(
  deps: Pick<CaseDeps, "cases" | "clock">,
  pupilId: string,
  change: (record: CaseRecord) => void,
  bump: boolean,
  basedOn: number | undefined,
): Promise<CaseRecord | undefined> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const current = await deps.cases.get(pupilId);
    if (!current) return undefined;
    if (basedOn !== undefined && current.value.version !== basedOn) return undefined;
    const next: CaseRecord = structuredClone(current.value);
    change(next);
    next.version = current.value.version + (bump ? 1 : 0);
    next.updatedAt = deps.clock.now().toISOString();
    if (await deps.cases.saveIfUnchanged(next, current.etag)) return next;
    await backoff(attempt);
  }
  throw new Error(`Case ${pupilId} kept changing; try again`);
}
