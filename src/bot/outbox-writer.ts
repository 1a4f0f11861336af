import { createHash, randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import type { OutboxItem, OutboxRepo } from "../store/outbox-repo";

/** What a sender says of a message; the writer adds its place in the queue and its first state. */
export type NewOutboxItem = Omit<
  OutboxItem,
  "id" | "seq" | "decidedAt" | "state" | "attempts" | "ambiguous" | "notBefore"
> & {
  /** A decision key: the same decision for the same recipient is the same item (written once). */
  key?: string;
};

export interface OutboxWriter {
  /** True when queued now, false when the same decision was queued before. */
  enqueue(item: NewOutboxItem): Promise<boolean>;
}

/** A recipient's queue keeps the order of decisions: the decision time, then a counter for the same millisecond. */
function createSequence(): (at: Date) => string {
  let last = "";
  let counter = 0;
  return (at) => {
    const time = at.toISOString();
    counter = time === last ? counter + 1 : 0;
    last = time;
    return `${time}|${String(counter).padStart(6, "0")}|${randomUUID().slice(0, 8)}`;
  };
}

/** The item id: from the decision and the recipient where there is a decision key, else new. */
function itemId(recipient: string, key: string | undefined): string {
  return key ? createHash("sha256").update(`${key}\n${recipient}`).digest("hex").slice(0, 40) : randomUUID();
}

/** The one way a message enters the outbox (1:1 chats and channel threads alike), in the order it was decided. */
export function createOutboxWriter(deps: { outbox: OutboxRepo; clock: Clock; onQueued?: () => void }): OutboxWriter {
  const nextSeq = createSequence();
  return {
    async enqueue({ key, ...item }) {
      const now = deps.clock.now();
      const queued = await deps.outbox.enqueue({
        ...item,
        id: itemId(item.recipient, key),
        seq: nextSeq(now),
        decidedAt: now.toISOString(),
        state: "pending",
        attempts: 0,
        ambiguous: 0,
        notBefore: now.toISOString(),
      });
      if (queued) deps.onQueued?.();
      return queued;
    },
  };
}
