import { randomUUID } from "node:crypto";
import type { Container, JSONObject } from "@azure/cosmos";
import type { AuditEntry } from "../domain/audit";
import type { Store } from "./create-store";
import { bulkLimit, deleteUnlessGone, stripSystemProperties } from "./documents";

export interface AuditRepo {
  /** Appends an entry; entries are never changed, only deleted when older than the retention. */
  append(entry: Omit<AuditEntry, "id">): Promise<void>;
  /** A pupil's entries, newest first (one partition). */
  listForPupil(pupilId: string, limit?: number): Promise<AuditEntry[]>;
  /** Deletes every entry older than the cutoff; answers how many. */
  deleteOlderThan(cutoff: Date): Promise<number>;
}

/**
 * Entries appended in the same turn of the event loop are written in one bulk request: fifty teachers opening cases
 * at once cost one store request for the trail rather than fifty. Each append still resolves only once its own entry
 * is stored; an entry the bulk request did not store (throttled, or the request failed) is written on its own, with
 * the SDK's retries.
 */
function createBatchedCreate(container: Container) {
  const queued: { doc: JSONObject; settle: (error?: unknown) => void }[] = [];
  const writeAlone = (doc: JSONObject) => container.items.create(doc).then(() => undefined);
  const flush = async () => {
    const batch = queued.splice(0, bulkLimit);
    if (queued.length > 0) setImmediate(() => void flush());
    const answers = await container.items
      .bulk(batch.map(({ doc }) => ({ operationType: "Create" as const, resourceBody: doc })))
      .catch(() => []);
    for (const [i, { doc, settle }] of batch.entries()) {
      const code = answers[i]?.statusCode ?? 0;
      if (code >= 200 && code < 300) settle();
      else writeAlone(doc).then(() => settle(), settle);
    }
  };
  return (doc: JSONObject): Promise<void> =>
    new Promise((resolve, reject) => {
      if (queued.length === 0) setImmediate(() => void flush());
      queued.push({ doc, settle: (error) => (error === undefined ? resolve() : reject(error)) });
    });
}

/** The audit container is partitioned by pupil (`scope`), so a guardian's question reads one partition. */
export function createAuditRepo(store: Store): AuditRepo {
  const container = store.container("audit");
  const create = createBatchedCreate(container);
  return {
    async append(entry) {
      await create({ ...entry, id: randomUUID(), scope: entry.pupilId });
    },
    async listForPupil(pupilId, limit = 1000) {
      const { resources } = await container.items
        .query<AuditEntry>(
          {
            query: "SELECT TOP @limit * FROM c WHERE c.scope = @pupil ORDER BY c.at DESC",
            parameters: [
              { name: "@limit", value: limit },
              { name: "@pupil", value: pupilId },
            ],
          },
          { partitionKey: pupilId },
        )
        .fetchAll();
      return resources.map((r) => stripSystemProperties<AuditEntry>(r, "scope"));
    },
    async deleteOlderThan(cutoff) {
      const { resources } = await container.items
        .query<{ id: string; scope: string }>({
          query: "SELECT c.id, c.scope FROM c WHERE c.at < @cutoff",
          parameters: [{ name: "@cutoff", value: cutoff.toISOString() }],
        })
        .fetchAll();
      let deleted = 0;
      for (const r of resources) if (await deleteUnlessGone(container, r.id, r.scope)) deleted += 1;
      return deleted;
    },
  };
}
