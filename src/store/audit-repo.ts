import { randomUUID } from "node:crypto";
import type { AuditEntry } from "../domain/audit";
import type { Store } from "./create-store";
import { deleteUnlessGone, stripSystemProperties } from "./documents";

export interface AuditRepo {
  /** Appends an entry; entries are never changed, only deleted when older than the retention. */
  append(entry: Omit<AuditEntry, "id">): Promise<void>;
  /** A pupil's entries, newest first (one partition). */
  listForPupil(pupilId: string, limit?: number): Promise<AuditEntry[]>;
  /** Deletes every entry older than the cutoff; answers how many. */
  deleteOlderThan(cutoff: Date): Promise<number>;
}

/** The audit container is partitioned by pupil (`scope`), so a guardian's question reads one partition. */
export function createAuditRepo(store: Store): AuditRepo {
  const container = store.container("audit");
  return {
    async append(entry) {
      await container.items.create({ ...entry, id: randomUUID(), scope: entry.pupilId });
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
