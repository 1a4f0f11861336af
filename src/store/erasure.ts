import type { Container } from "@azure/cosmos";
import { deleteUnlessGone } from "./documents";
import type { Store } from "./create-store";
import type { RosterRepo } from "./roster-repo";

export interface ErasedCounts {
  /** The pupil's case, log, drafts, measures, status and one-time claims. */
  cases: number;
  absences: number;
  reminders: number;
  /** 1 when the pupil's roster entry was removed. */
  roster: number;
}

export interface Erasure {
  /** Removes every document about the pupil; the roster entry goes last, so a retry after a failure finds the pupil again. */
  erasePupil(pupilId: string): Promise<ErasedCounts>;
}

/** Deletes the documents of one partition that `field` ties to the pupil; a document gone already counts as gone. */
async function deleteAll(container: Container, field: "pupilId" | "scope" | "id", pupilId: string): Promise<number> {
  // The filter is explicit as well: the embedded server does not scope queries by partitionKey.
  const { resources } = await container.items
    .query<{ id: string }>(
      { query: `SELECT c.id FROM c WHERE c.${field} = @p`, parameters: [{ name: "@p", value: pupilId }] },
      { partitionKey: pupilId },
    )
    .fetchAll();
  let deleted = 0;
  for (const { id } of resources) if (await deleteUnlessGone(container, id, pupilId)) deleted++;
  return deleted;
}

/** `remembered`: the repositories that remember reads of the pupil (the roster, the registrations) and must forget them. */
export function createErasure(store: Store, remembered: Pick<RosterRepo, "forgetPupil">[]): Erasure {
  return {
    async erasePupil(pupilId) {
      const cases = await deleteAll(store.container("cases"), "pupilId", pupilId);
      const absences = await deleteAll(store.container("absences"), "pupilId", pupilId);
      const reminders = await deleteAll(store.container("schedule"), "scope", pupilId);
      const removed = await deleteAll(store.container("pupils"), "id", pupilId);
      for (const repo of remembered) repo.forgetPupil(pupilId);
      return { cases, absences, reminders, roster: removed };
    },
  };
}
