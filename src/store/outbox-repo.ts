import type { Store } from "./create-store";
import { deleteUnlessGone, stripSystemProperties, writeUnlessConflict } from "./documents";
import type { CardLocation } from "../domain/case";
import type { LeadRole } from "../domain/roster";

/** What a dead item's message becomes for the next people of the fallback chain (usecases/delivery.ts resolves it). */
export type FallbackMessage =
  { kind: "case"; pupilId: string; tripKeys?: readonly string[] } | { kind: "stored"; message: unknown };

/** Who gets a message when its recipient cannot be reached: the school's next leaders after `roles` (tell-leaders.ts). */
export interface Fallback {
  schoolId: string;
  roles: readonly LeadRole[];
  /** The tier of the chain this item was sent to: -1 for the first recipients (contact teachers), 0 for `roles`, … */
  tier: number;
  message: FallbackMessage;
  /** A nudge: when the whole chain is dead, its claim is given back and the trips wait for the morning follow-up. */
  nudge?: { key: string; tripKeys: readonly string[] };
}

/**
 * A post in a school's linked channel (a case thread, or an anonymous discussion): the thread's root is looked up when
 * it is delivered, since it may still be on its way when a reply is decided (bot/case-threads.ts).
 */
export interface ThreadPost {
  schoolId: string;
  pupilId: string;
  /** "case", or "anonymous:<id>" for a discussion without samtykke. */
  key: string;
  /** root: opens the thread; reply: in it; link: the case's root card under an anonymous discussion, which becomes the case's thread. */
  mode: "root" | "reply" | "link";
  /** The case's base card as access now stands: the thread's card is replaced with it once the reply is posted. */
  rootCard?: Record<string, unknown>;
  /** For a link: the anonymous discussion's thread. */
  discussionKey?: string;
}

/**
 * One proactive message, written in the step that decides it and delivered by the worker (jobs/delivery.ts):
 * pending → sent (with Teams' activity id) or dead. docs/delivery.md tells the whole story.
 */
export interface OutboxItem {
  /** From the decision and the recipient where the decision has a key: the same decision again is the same item. */
  id: string;
  /** The person's Entra object id («channel:<id>» for a channel's posts): the partition, and the queue whose order is kept. */
  recipient: string;
  /** Decision time plus a counter: the order of a recipient's queue. */
  seq: string;
  decidedAt: string;
  /** The Bot Framework activity to send (an Adaptive Card in the recipient's language). */
  activity: Record<string, unknown>;
  /** The school the message is about, for its leaders' list of what did not arrive. */
  schoolId?: string;
  /** The pupil the message is about, and the case version it shows. */
  about?: { pupilId: string; version: number };
  /** Keep where the card landed on the case record, so later decisions update it in place. */
  track?: boolean;
  /** A nudge of the pupil at this step: its delivery starts the routine's deadline (the case's nudgedAt). */
  nudged?: { step: number | null };
  /** Items of one decision (a nudge's contact teachers): the fallback runs only when none of them got through. */
  group?: string;
  fallback?: Fallback;
  /** A post in a channel's thread instead of a 1:1 message. */
  thread?: ThreadPost;
  /** What kind of message it is (a nudge, a list, …), for metrics and the leaders' list; never pupil data. */
  kind: string;
  state: "pending" | "sent" | "dead";
  attempts: number;
  /** Failed sends that were not throttling (5xx, timeouts): what the backoff grows with. */
  failures?: number;
  /** Sends whose outcome was unknown (timeout, 502) and that were tried again: each may have made a duplicate. */
  ambiguous: number;
  notBefore: string;
  lastError?: string;
  lease?: { owner: string; until: string };
  sent?: CardLocation & { at: string };
  deadReason?: "unreachable" | "rejected" | "gave-up";
  settledAt?: string;
}

export interface OutboxStats {
  pending: number;
  sent: number;
  dead: number;
  oldestPendingSeconds: number;
}

/** The partition of the instances' heartbeats, apart from every recipient's queue. */
const instancesPartition = "~instances";

export type StoredItem = { item: OutboxItem; etag: string };

/** A pending item as the worker chooses among them: what decides whether it may be sent now, not its card. */
export type QueueEntry = Pick<OutboxItem, "id" | "recipient" | "seq" | "notBefore" | "lease"> & {
  /** The item's ETag when the queue was read: a lease is taken only if nothing changed it since. */
  _etag: string;
};

export interface OutboxRepo {
  /** Writes the item under its id; false when it is there already (the same decision made again). */
  enqueue(item: OutboxItem): Promise<boolean>;
  /** Pending items, oldest decision first, without their cards: the head of each recipient's queue is among them. */
  queue(limit: number): Promise<QueueEntry[]>;
  /**
   * Takes the item for `owner` until `until` when it is unchanged since the queue read (a patch conditioned on the
   * entry's ETag: two instances never both take it); the item as taken, or undefined. The caller judged from the entry
   * that it may be sent now and that nobody holds it.
   */
  lease(entry: QueueEntry, owner: string, until: string): Promise<StoredItem | undefined>;
  /** Writes the outcome of a send by the lease holder; false when the lease was lost (another instance took over). */
  settle(stored: StoredItem, patch: Partial<OutboxItem>): Promise<boolean>;
  /** The items of one decision group (the contact teachers of one nudge), to tell whether any of them got through. */
  group(group: string): Promise<OutboxItem[]>;
  /** Dead items of a school, newest first, for its leaders' morning list. */
  deadOfSchool(schoolId: string, since: string): Promise<OutboxItem[]>;
  /** This instance is alive at `now`; answers how many instances were seen within `windowMs` (itself included). */
  heartbeat(instanceId: string, now: Date, windowMs: number): Promise<number>;
  stats(now: Date): Promise<OutboxStats>;
  /** The person's items that died because they could not be reached, made pending again (they have installed the app). */
  revive(recipient: string, now: Date): Promise<number>;
  /** Deletes the items settled (sent or dead) before `cutoff`; how many. */
  deleteSettledBefore(cutoff: string): Promise<number>;
  /** Where an earlier item of the same decision key landed for this recipient, if it was sent. */
  sentLocation(id: string, recipient: string): Promise<CardLocation | undefined>;
}

type OutboxContainer = ReturnType<Store["container"]>;

/** The worker's view of the queue: the entries without their cards, and the lease of one, read in full. */
function createQueueReads(
  container: OutboxContainer,
  toStored: (doc: OutboxItem & { _etag: string }) => StoredItem,
): Pick<OutboxRepo, "queue" | "lease"> {
  return {
    async queue(limit) {
      const { resources } = await container.items
        .query<QueueEntry>({
          query:
            "SELECT TOP @limit c.id, c.recipient, c.seq, c.notBefore, c.lease, c._etag FROM c " +
            "WHERE c.type = 'item' AND c.state = 'pending' ORDER BY c.seq",
          parameters: [{ name: "@limit", value: limit }],
        })
        .fetchAll();
      return resources;
    },
    async lease(entry, owner, until) {
      try {
        // One small patch, which answers the item with its card (a read and a replace carried the card twice each way).
        const { resource } = await container
          .item(entry.id, entry.recipient)
          .patch<OutboxItem & { _etag: string }>([{ op: "set", path: "/lease", value: { owner, until } }], {
            accessCondition: { type: "IfMatch", condition: entry._etag },
          });
        return resource ? toStored(resource) : undefined;
      } catch (error) {
        // 412: another instance took it or it was settled meanwhile; 404: it was deleted.
        const code = (error as { code?: number }).code;
        if (code === 412 || code === 404) return undefined;
        throw error;
      }
    },
  };
}

export function createOutboxRepo(store: Store): OutboxRepo {
  const container = store.container("outbox");
  const toStored = (doc: OutboxItem & { _etag: string }): StoredItem => ({
    item: stripSystemProperties<OutboxItem>(doc, "type"),
    etag: doc._etag,
  });
  const replace = (stored: StoredItem, next: OutboxItem) =>
    container
      .item(next.id, next.recipient)
      .replace({ ...next, type: "item" }, { accessCondition: { type: "IfMatch", condition: stored.etag } });
  return {
    enqueue: (item) => writeUnlessConflict(() => container.items.create({ ...item, type: "item" }), [409]),
    ...createQueueReads(container, toStored),
    settle: (stored, patch) => writeUnlessConflict(() => replace(stored, { ...stored.item, ...patch }), [412]),
    async group(group) {
      const { resources } = await container.items
        .query<OutboxItem & { _etag: string }>({
          query: "SELECT * FROM c WHERE c.type = 'item' AND c.group = @group",
          parameters: [{ name: "@group", value: group }],
        })
        .fetchAll();
      return resources.map((r) => toStored(r).item);
    },
    async deadOfSchool(schoolId, since) {
      const { resources } = await container.items
        .query<OutboxItem & { _etag: string }>({
          query:
            "SELECT * FROM c WHERE c.type = 'item' AND c.state = 'dead' AND c.schoolId = @school AND c.settledAt >= @since",
          parameters: [
            { name: "@school", value: schoolId },
            { name: "@since", value: since },
          ],
        })
        .fetchAll();
      return resources.map((r) => toStored(r).item).sort((a, b) => b.seq.localeCompare(a.seq));
    },
    async heartbeat(instanceId, now, windowMs) {
      await container.items.upsert({
        id: instanceId,
        recipient: instancesPartition,
        type: "instance",
        seenAt: now.toISOString(),
      });
      const { resources } = await container.items
        .query<{ id: string }>({
          query: "SELECT c.id FROM c WHERE c.recipient = @p AND c.type = 'instance' AND c.seenAt >= @since",
          parameters: [
            { name: "@p", value: instancesPartition },
            { name: "@since", value: new Date(now.getTime() - windowMs).toISOString() },
          ],
        })
        .fetchAll();
      return Math.max(1, resources.length);
    },
    async stats(now) {
      const value = async <T>(query: string, state: OutboxItem["state"]) =>
        (await container.items.query<T>({ query, parameters: [{ name: "@state", value: state }] }).fetchAll())
          .resources[0];
      const count = "SELECT VALUE COUNT(1) FROM c WHERE c.type = 'item' AND c.state = @state";
      // At once: /healthz answers after one wait behind the store's other work (an import), not four.
      const [oldest, pending, sent, dead] = await Promise.all([
        value<string | undefined>(
          "SELECT VALUE MIN(c.decidedAt) FROM c WHERE c.type = 'item' AND c.state = @state",
          "pending",
        ),
        value<number>(count, "pending"),
        value<number>(count, "sent"),
        value<number>(count, "dead"),
      ]);
      return {
        pending: pending ?? 0,
        sent: sent ?? 0,
        dead: dead ?? 0,
        oldestPendingSeconds: oldest ? Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)) : 0,
      };
    },
    async revive(recipient, now) {
      const { resources } = await container.items
        .query<OutboxItem & { _etag: string }>(
          {
            query: "SELECT * FROM c WHERE c.type = 'item' AND c.state = 'dead' AND c.deadReason = 'unreachable'",
          },
          { partitionKey: recipient },
        )
        .fetchAll();
      let revived = 0;
      for (const doc of resources) {
        const stored = toStored(doc);
        const again: OutboxItem = { ...stored.item, state: "pending", notBefore: now.toISOString(), attempts: 0 };
        delete again.deadReason;
        delete again.settledAt;
        if (await writeUnlessConflict(() => replace(stored, again), [412])) revived++;
      }
      return revived;
    },
    async deleteSettledBefore(cutoff) {
      const { resources } = await container.items
        .query<{ id: string; recipient: string }>({
          query:
            "SELECT c.id, c.recipient FROM c WHERE c.type = 'item' AND c.state != 'pending' AND c.settledAt < @cutoff",
          parameters: [{ name: "@cutoff", value: cutoff }],
        })
        .fetchAll();
      let deleted = 0;
      for (const r of resources) if (await deleteUnlessGone(container, r.id, r.recipient)) deleted += 1;
      return deleted;
    },
    async sentLocation(id, recipient) {
      try {
        const { resource } = await container.item(id, recipient).read<OutboxItem>();
        return resource?.state === "sent" ? resource.sent : undefined;
      } catch (error) {
        if ((error as { code?: number }).code === 404) return undefined;
        throw error;
      }
    },
  };
}
