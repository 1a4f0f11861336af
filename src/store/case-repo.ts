import { randomUUID } from "node:crypto";
import type { MeasureResult } from "../domain/measure-evaluation";
import type { Answers, LogContent, MeasureAnswer, TemplateId } from "../domain/templates/types";
import type { ServiceRole } from "../domain/consent";
import type { Store } from "./create-store";
import { deleteUnlessGone, saveIfUnchanged, stripSystemProperties, writeUnlessConflict } from "./documents";

/** The follow-up of one pupil: who was told, what was decided. Its version goes up on every change, so stale card actions are detected. */
export interface CaseRecord {
  pupilId: string;
  schoolId: string;
  version: number;
  openedAt: string;
  /** The step the teacher was last nudged about, and the trigger keys behind it. */
  nudgedStep: number | null;
  /** When the newest nudge reached someone; a deadline runs out no earlier than the day after (absent on older cases). */
  nudgedAt?: string;
  /** Set when the contact teacher judged the absence not concerning; the case stays watchable. */
  dismissal: { reason: string; by: string; at: string } | null;
  /** aadObjectId → where their nudge card is, to update it in place. */
  cards: Record<string, { conversationId: string; activityId: string; serviceUrl: string }>;
  /** Helsesykepleier or PPT brought into the case, after samtykke covering their service; absent on older cases. */
  sharedWith?: SharedWith[];
  /** Trigger keys of a nudge nobody could be sent (Teams unreachable, nobody to send it to): tried again each morning. */
  undelivered?: string[];
  updatedAt: string;
}

export interface SharedWith {
  aadObjectId: string;
  role: ServiceRole;
  /** Who brought them in (aadObjectId), and when. */
  by: string;
  at: string;
}

export type LogKind = "absence_log" | "pupil_log";

export interface LogEntry extends LogContent {
  id: string;
  pupilId: string;
  kind: LogKind;
  /**
   * A completed template, or: «ikke bekymringsfullt» (dismissal), a reported concern, a service brought in or taken off
   * (shared, unshared), leaders told (escalated), agreed measures evaluated (measure_evaluation).
   */
  templateId: TemplateId | "dismissal" | "concern" | "shared" | "unshared" | "escalated" | "measure_evaluation";
  step: number | null;
  /** aadObjectId of who made the contact and wrote the entry. */
  author: string;
  writtenAt: string;
  /** A correction is a new entry pointing at the one it corrects. */
  corrects?: string;
}

export interface Draft {
  id: string;
  pupilId: string;
  templateId: TemplateId;
  templateVersion: number;
  ladderId: string;
  step: number | null;
  stepIndex: number;
  answers: Answers;
  status: "open" | "completed";
  startedBy: string;
  startedAt: string;
  updatedAt: string;
  logEntryId?: string;
}

export interface MeasureRecord extends MeasureAnswer {
  id: string;
  pupilId: string;
  draftId: string;
  agreedAt: string;
  status: "active" | "evaluated";
  /** What evaluated it: a nærværsmøte held on or after the evaluation date (its draft id), or an evaluation of the measures (its id). */
  evaluatedIn?: string;
  /** How it went, when an evaluation of the measures said so (001 «Trinn 4: Evaluering»). */
  result?: MeasureResult;
  /** The day it was evaluated (YYYY-MM-DD). */
  evaluatedOn?: string;
}

type Versioned<T> = { value: T; etag: string };

export interface CaseRepo {
  get(pupilId: string): Promise<Versioned<CaseRecord> | undefined>;
  /** Creates the case or replaces it if unchanged since `etag`; false when someone else wrote first. */
  saveIfUnchanged(record: CaseRecord, etag: string | undefined): Promise<boolean>;
  /** Claims a one-time event (a nudge for a set of trigger keys, a reminder); false if it was claimed before. */
  claimOnce(pupilId: string, key: string, at: string): Promise<boolean>;
  /** Gives a claim back (a send that reached nobody), so that a later try can claim it again. */
  releaseClaim(pupilId: string, key: string): Promise<void>;
  getDraft(pupilId: string, draftId: string): Promise<Versioned<Draft> | undefined>;
  openDrafts(pupilId: string): Promise<Draft[]>;
  createDraft(draft: Omit<Draft, "id">): Promise<Draft>;
  saveDraftIfUnchanged(draft: Draft, etag: string): Promise<boolean>;
  /** Writes the entry once: the same id again (a redelivered finish) changes nothing. */
  appendLog(entry: LogEntry): Promise<boolean>;
  logEntries(pupilId: string): Promise<LogEntry[]>;
  /** Writes the measures by id: new ones, or a new status for agreed ones (a redelivery writes the same again). */
  saveMeasures(measures: MeasureRecord[]): Promise<void>;
  measures(pupilId: string): Promise<MeasureRecord[]>;
  /** The pupils whose cases a helsesykepleier or PPT is brought into (sharedWith), across every partition. */
  pupilsSharedWith(aadObjectId: string): Promise<string[]>;
}

/** The documents loadCase and the status API read together; one partition query answers all three kinds. */
const caseContentTypes = ["draft", "log", "measure"] as const;
type CaseContentType = (typeof caseContentTypes)[number];

export function createCaseRepo(store: Store): CaseRepo {
  const container = store.container("cases");
  const inFlight = new Map<string, Promise<Array<Record<string, unknown>>>>();
  const readContents = (pupilId: string): Promise<Array<Record<string, unknown>>> => {
    const pending = inFlight.get(pupilId);
    if (pending) return pending;
    const read = container.items
      // The pupil filter is explicit as well: the embedded server does not scope queries by partitionKey.
      .query<Record<string, unknown>>(
        {
          query: `SELECT * FROM c WHERE c.pupilId = @p AND c.type IN (${caseContentTypes.map((t) => `'${t}'`).join(", ")})`,
          parameters: [{ name: "@p", value: pupilId }],
        },
        { partitionKey: pupilId },
      )
      .fetchAll()
      .then((r) => r.resources);
    inFlight.set(pupilId, read);
    // Only calls made in the same tick share it (drafts, log and measures asked for at once): a later call, e.g.
    // after a write, reads anew.
    queueMicrotask(() => inFlight.delete(pupilId));
    return read;
  };
  const readTyped = async <T>(pupilId: string, type: CaseContentType): Promise<T[]> =>
    (await readContents(pupilId)).filter((r) => r.type === type).map((r) => stripSystemProperties<T>(r, "type"));
  return {
    async get(pupilId) {
      const { resource } = await container.item("case", pupilId).read<CaseRecord>();
      return resource
        ? { value: stripSystemProperties<CaseRecord>(resource, "id", "type"), etag: resource._etag }
        : undefined;
    },
    async saveIfUnchanged(record, etag) {
      return saveIfUnchanged(container, { ...record, id: "case", type: "case" }, etag);
    },
    async claimOnce(pupilId, key, at) {
      return writeUnlessConflict(() => container.items.create({ id: `once:${key}`, pupilId, type: "once", at }), [409]);
    },
    async releaseClaim(pupilId, key) {
      // Already given back (a retry after a crash): nothing to do.
      await deleteUnlessGone(container, `once:${key}`, pupilId);
    },
    async getDraft(pupilId, draftId) {
      const { resource } = await container.item(draftId, pupilId).read<Draft>();
      return resource && (resource as unknown as { type: string }).type === "draft"
        ? { value: stripSystemProperties<Draft>(resource, "type"), etag: resource._etag }
        : undefined;
    },
    async openDrafts(pupilId) {
      return (await readTyped<Draft>(pupilId, "draft")).filter((d) => d.status === "open");
    },
    async createDraft(draft) {
      const created = { ...draft, id: `draft:${randomUUID()}` };
      await container.items.create({ ...created, type: "draft" });
      return created;
    },
    async saveDraftIfUnchanged(draft, etag) {
      return writeUnlessConflict(
        () =>
          container
            .item(draft.id, draft.pupilId)
            .replace({ ...draft, type: "draft" }, { accessCondition: { type: "IfMatch", condition: etag } }),
        [412],
      );
    },
    async appendLog(entry) {
      return writeUnlessConflict(() => container.items.create({ ...entry, type: "log" }), [409]);
    },
    async pupilsSharedWith(aadObjectId) {
      // Cases with anyone brought in are few; who is among them is read here rather than in the embedded server's SQL.
      const { resources } = await container.items
        .query<CaseRecord>({
          query: "SELECT * FROM c WHERE c.type = @t AND IS_DEFINED(c.sharedWith)",
          parameters: [{ name: "@t", value: "case" }],
        })
        .fetchAll();
      return resources
        .filter((r) => (r.sharedWith ?? []).some((s) => s.aadObjectId === aadObjectId))
        .map((r) => r.pupilId);
    },
    async logEntries(pupilId) {
      return (await readTyped<LogEntry>(pupilId, "log")).sort((a, b) => a.writtenAt.localeCompare(b.writtenAt));
    },
    async saveMeasures(measures) {
      for (const m of measures) await container.items.upsert({ ...m, type: "measure" });
    },
    async measures(pupilId) {
      return (await readTyped<MeasureRecord>(pupilId, "measure")).sort((a, b) =>
        a.evaluationDate.localeCompare(b.evaluationDate),
      );
    },
  };
}
