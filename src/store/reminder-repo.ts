import type { Store } from "./create-store";
import { stripSystemProperties, writeUnlessConflict } from "./documents";

export interface Reminder {
  id: string;
  pupilId: string;
  aadObjectId: string;
  dueAt: string;
  status: "pending" | "sent";
  /** Set for the evaluation of agreed measures: the template whose measures fall due (their draft id). */
  evaluationOf?: string;
  /** When «Minn meg» was chosen: what was done on the case since decides whether it is still sent. */
  setAt?: string;
}

export interface ReminderRepo {
  /** Same user, pupil and time again (a redelivered click) is the same reminder; an evaluation reminder also by its template. */
  schedule(reminder: Omit<Reminder, "id" | "status">): Promise<void>;
  due(now: Date): Promise<Array<{ reminder: Reminder; etag: string }>>;
  /** Marks it sent if nobody else did first; only the winner sends it. */
  claim(reminder: Reminder, etag: string): Promise<boolean>;
}

export function createReminderRepo(store: Store): ReminderRepo {
  const container = store.container("schedule");
  return {
    async schedule(r) {
      const id = r.evaluationOf
        ? `reminder:evaluation:${r.evaluationOf}:${r.aadObjectId}:${r.dueAt}`
        : `reminder:${r.aadObjectId}:${r.dueAt}`;
      try {
        await container.items.create({ ...r, id, scope: r.pupilId, kind: "reminder", status: "pending" });
      } catch (error) {
        if ((error as { code?: number }).code !== 409) throw error;
      }
    },
    async due(now) {
      const { resources } = await container.items
        .query<Reminder & { _etag: string }>({
          query: "SELECT * FROM c WHERE c.kind = 'reminder' AND c.status = 'pending' AND c.dueAt <= @now",
          parameters: [{ name: "@now", value: now.toISOString() }],
        })
        .fetchAll();
      return resources.map((r) => ({ reminder: stripSystemProperties<Reminder>(r, "scope", "kind"), etag: r._etag }));
    },
    async claim(reminder, etag) {
      return writeUnlessConflict(
        () =>
          container
            .item(reminder.id, reminder.pupilId)
            .replace(
              { ...reminder, scope: reminder.pupilId, kind: "reminder", status: "sent" },
              { accessCondition: { type: "IfMatch", condition: etag } },
            ),
        [412],
      );
    },
  };
}
