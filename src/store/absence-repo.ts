import { absenceFields, type AbsenceEvent } from "../domain/absence";
import { digest } from "./conversation-refs";
import type { Store } from "./create-store";
import { writeInBatches } from "./documents";
import { createRecentReads, frozen } from "./recent-reads";

export interface AbsenceRepo {
  /** Upserts by (school, source id): the same registration sent again updates it and never duplicates it. */
  save(events: readonly AbsenceEvent[]): Promise<number>;
  listOfPupil(pupilId: string): Promise<AbsenceEvent[]>;
  /**
   * The same as a card shows it: remembered (frozen) for `rememberMs`, forgotten at once when this instance saves
   * registrations. «Åpne» and then «Vis fraværet» read them once; a decision (an evaluation) reads listOfPupil.
   */
  recentOfPupil(pupilId: string): Promise<readonly AbsenceEvent[]>;
  /** The pupil's registrations were deleted (erasure): this instance reads them no more from memory. */
  forgetPupil(pupilId: string): void;
  listOfSchool(schoolId: string): Promise<AbsenceEvent[]>;
}

/** Source ids are the school system's; they may hold characters Cosmos ids cannot, so unsafe ones are digested. */
function documentId(event: AbsenceEvent): string {
  const raw = `${event.schoolId}~${event.id}`;
  return /^[A-Za-z0-9._:~@-]{1,200}$/.test(raw) ? raw : `${event.schoolId}~h-${digest(event.id)}`;
}

function toEvent(doc: Record<string, unknown>): AbsenceEvent {
  const event: Record<string, unknown> = { id: doc.sourceId };
  for (const field of absenceFields)
    if (field !== "id" && doc[field] !== undefined && doc[field] !== null) event[field] = doc[field];
  return event as AbsenceEvent;
}

export function createAbsenceRepo(store: Store, options: { rememberMs?: number } = {}): AbsenceRepo {
  const container = store.container("absences");
  const recent = createRecentReads<readonly AbsenceEvent[]>(options.rememberMs ?? 10_000);
  const listOfPupil = async (pupilId: string) => {
    // The pupil filter is explicit as well: the embedded server does not scope queries by partitionKey.
    const { resources } = await container.items
      .query(
        { query: "SELECT * FROM c WHERE c.pupilId = @p", parameters: [{ name: "@p", value: pupilId }] },
        { partitionKey: pupilId },
      )
      .fetchAll();
    return resources.map(toEvent);
  };
  return {
    async save(events) {
      // Before and after: a read between the two may see either, and is not remembered.
      recent.forgetAll();
      try {
        await writeInBatches(events, (e) => container.items.upsert({ ...e, id: documentId(e), sourceId: e.id }));
      } finally {
        recent.forgetAll();
      }
      return events.length;
    },
    listOfPupil,
    recentOfPupil: (pupilId) => recent.get(pupilId, async () => frozen(await listOfPupil(pupilId))),
    forgetPupil: (pupilId) => recent.forget(pupilId),
    async listOfSchool(schoolId) {
      const { resources } = await container.items
        .query({ query: "SELECT * FROM c WHERE c.schoolId = @s", parameters: [{ name: "@s", value: schoolId }] })
        .fetchAll();
      return resources.map(toEvent);
    },
  };
}
