import type { Container } from "@azure/cosmos";
import type { CaseRecord, Draft, LogEntry, MeasureRecord } from "../domain/case";
import type { ListedStatus, PupilStatus, StatusSummary } from "../domain/status";
import { toStatus } from "./status-repo";
import type { Store } from "./create-store";
import { deleteUnlessGone, saveIfUnchanged, stripSystemProperties, writeUnlessConflict } from "./documents";

type Versioned<T> = { value: T; etag: string };

/** Everything a case card shows that is stored in the pupil's partition. */
export interface CaseFolder {
  record?: Versioned<CaseRecord>;
  status?: PupilStatus;
  openDrafts: Draft[];
  log: LogEntry[];
  measures: MeasureRecord[];
}

/** What «saker» shows of a pupil on the ladder: the status, and how the case was followed up. */
export interface CaseFollowUp {
  status: ListedStatus;
  closed: boolean;
  log: Pick<LogEntry, "templateId" | "contactDate">[];
}

export interface CaseRepo {
  get(pupilId: string): Promise<Versioned<CaseRecord> | undefined>;
  /** For each of the pupils that has a status: that status (no pattern), whether the case is closed, and its log. */
  followUpsOf(pupilIds: readonly string[]): Promise<Map<string, CaseFollowUp>>;
  /** The case, the pupil's status and the case's drafts, log and measures in one partition query. */
  getFolder(pupilId: string): Promise<CaseFolder>;
  /** Creates the case or replaces it if unchanged since `etag`; false when someone else wrote first. */
  saveIfUnchanged(record: CaseRecord, etag: string | undefined): Promise<boolean>;
  /** Creates the case record unless one exists: what was stored, or undefined when someone else created it first. */
  create(record: CaseRecord): Promise<Versioned<CaseRecord> | undefined>;
  /** Claims a one-time event (a nudge for a set of trigger keys, a reminder); false if it was claimed before. */
  claimOnce(pupilId: string, key: string, at: string): Promise<boolean>;
  /** Gives a claim back (a send that reached nobody), so that a later try can claim it again. */
  releaseClaim(pupilId: string, key: string): Promise<void>;
  getDraft(pupilId: string, draftId: string): Promise<Versioned<Draft> | undefined>;
  openDrafts(pupilId: string): Promise<Draft[]>;
  /** Creates the draft under its id; false when a draft with that id is there already (a concurrent click). */
  createDraft(draft: Draft): Promise<boolean>;
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
const folderTypes = ["case", "status", ...caseContentTypes] as const;

/** Pupils per «saker» query: a contact teacher's class in one request, and well inside Cosmos DB's query size limit. */
const followUpBatch = 200;

const byWrittenAt = (a: LogEntry, b: LogEntry) => a.writtenAt.localeCompare(b.writtenAt);
const toVersionedCase = (doc: object): Versioned<CaseRecord> => ({
  value: stripSystemProperties<CaseRecord>(doc, "id", "type"),
  etag: (doc as { _etag: string })._etag,
});
const byEvaluationDate = (a: MeasureRecord, b: MeasureRecord) => a.evaluationDate.localeCompare(b.evaluationDate);

async function readFollowUps(container: Container, pupilIds: readonly string[]): Promise<Map<string, CaseFollowUp>> {
  const followUps = new Map<string, CaseFollowUp>();
  const closed = new Set<string>();
  const logs = new Map<string, CaseFollowUp["log"]>();
  for (let i = 0; i < pupilIds.length; i += followUpBatch) {
    const { resources } = await container.items
      .query<Record<string, unknown> & { pupilId: string }>({
        // Only what the list shows: the pattern, the trips' facts and the log's texts stay where they are.
        query:
          "SELECT c.type, c.pupilId, c.schoolId, c.ladder, c.step, c.stepName, c.required, " +
          "ARRAY(SELECT VALUE t.date FROM t IN c.trips) AS tripDates, c.closed, c.templateId, c.contactDate " +
          "FROM c WHERE ARRAY_CONTAINS(@pupils, c.pupilId) AND c.type IN ('status', 'case', 'log')",
        parameters: [{ name: "@pupils", value: pupilIds.slice(i, i + followUpBatch) }],
      })
      .fetchAll();
    for (const doc of resources) {
      if (doc.type === "status") {
        const { pupilId, schoolId, ladder, step, stepName, required } = doc as unknown as StatusSummary;
        const trips = ((doc.tripDates as string[] | undefined) ?? []).map((date) => ({ date }));
        const status = { pupilId, schoolId, ladder, step, stepName, required, trips };
        followUps.set(pupilId, { status, closed: false, log: [] });
      } else if (doc.type === "case") {
        if (doc.closed) closed.add(doc.pupilId);
      } else {
        let log = logs.get(doc.pupilId);
        if (!log) logs.set(doc.pupilId, (log = []));
        log.push({ templateId: doc.templateId as LogEntry["templateId"], contactDate: doc.contactDate as string });
      }
    }
  }
  for (const [pupilId, followUp] of followUps) {
    followUp.closed = closed.has(pupilId);
    followUp.log = logs.get(pupilId) ?? [];
  }
  return followUps;
}

export function createCaseRepo(store: Store): CaseRepo {
  const container = store.container("cases");
  const inFlight = new Map<string, Promise<Array<Record<string, unknown>>>>();
  const readTypes = (pupilId: string, types: readonly string[]): Promise<Array<Record<string, unknown>>> =>
    container.items
      // The pupil filter is explicit as well: the embedded server does not scope queries by partitionKey.
      .query<Record<string, unknown>>(
        {
          query: `SELECT * FROM c WHERE c.pupilId = @p AND c.type IN (${types.map((t) => `'${t}'`).join(", ")})`,
          parameters: [{ name: "@p", value: pupilId }],
        },
        { partitionKey: pupilId },
      )
      .fetchAll()
      .then((r) => r.resources);
  const readContents = (pupilId: string): Promise<Array<Record<string, unknown>>> => {
    const pending = inFlight.get(pupilId);
    if (pending) return pending;
    const read = readTypes(pupilId, caseContentTypes);
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
      return resource ? toVersionedCase(resource) : undefined;
    },
    followUpsOf: (pupilIds) => readFollowUps(container, pupilIds),
    async getFolder(pupilId) {
      const folder: CaseFolder = { openDrafts: [], log: [], measures: [] };
      for (const doc of await readTypes(pupilId, folderTypes)) {
        if (doc.type === "case") folder.record = toVersionedCase(doc);
        else if (doc.type === "status") folder.status = toStatus(doc);
        else if (doc.type === "draft") {
          const draft = stripSystemProperties<Draft>(doc, "type");
          if (draft.status === "open") folder.openDrafts.push(draft);
        } else if (doc.type === "log") folder.log.push(stripSystemProperties<LogEntry>(doc, "type"));
        else folder.measures.push(stripSystemProperties<MeasureRecord>(doc, "type"));
      }
      folder.log.sort(byWrittenAt);
      folder.measures.sort(byEvaluationDate);
      return folder;
    },
    async saveIfUnchanged(record, etag) {
      return saveIfUnchanged(container, { ...record, id: "case", type: "case" }, etag);
    },
    async create(record) {
      let etag = "";
      const created = await writeUnlessConflict(async () => {
        const { resource } = await container.items.create({ ...record, id: "case", type: "case" });
        etag = resource?._etag ?? "";
      }, [409]);
      return created ? { value: record, etag } : undefined;
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
      return writeUnlessConflict(() => container.items.create({ ...draft, type: "draft" }), [409]);
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
      return (await readTyped<LogEntry>(pupilId, "log")).sort(byWrittenAt);
    },
    async saveMeasures(measures) {
      for (const m of measures) await container.items.upsert({ ...m, type: "measure" });
    },
    async measures(pupilId) {
      return (await readTyped<MeasureRecord>(pupilId, "measure")).sort(byEvaluationDate);
    },
  };
}
