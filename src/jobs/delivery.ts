import type { Clock } from "../clock";
import type { Logger } from "../logger";
import type { CardLocation } from "../domain/case";
import type { OutboxItem, OutboxRepo, QueueEntry, StoredItem } from "../store/outbox-repo";
import { DeliveryFailure, type Transport } from "../usecases/delivery";

/**
 * Teams' limits for a bot (STACK-NOTES.md): per conversation 7 a second, 60 in 30 s, 1,800 an hour; per bot and tenant
 * 50 a second, shared by every running instance. The rest is this worker's own policy, documented in docs/delivery.md.
 */
export interface DeliveryLimits {
  tenantPerSecond: number;
  perConversation: { second: number; halfMinute: number; hour: number };
  /** Sends in flight at once in one instance. */
  concurrency: number;
  /** How long an instance holds an item it took; a crashed instance's items are taken over after it. */
  leaseMs: number;
  /** A send that has not answered by then has an unknown outcome. */
  sendTimeoutMs: number;
  /** How long an item is tried (5xx, 429, timeouts) before it is given up: a throttled or failing Teams for a day. */
  maxAgeMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Pending items read per pass, oldest first: every recipient queue's head among them is a candidate. */
  readLimit: number;
}

export const defaultDeliveryLimits: DeliveryLimits = {
  tenantPerSecond: 50,
  perConversation: { second: 7, halfMinute: 60, hour: 1800 },
  concurrency: 16,
  leaseMs: 60_000,
  sendTimeoutMs: 20_000,
  maxAgeMs: 24 * 3_600_000,
  backoffBaseMs: 2_000,
  backoffCapMs: 15 * 60_000,
  readLimit: 1000,
};

export interface DeliveryCounters {
  sent: number;
  retries: number;
  dead: number;
  /** Sends tried again after an unknown outcome (timeout, 502, a lease taken over): each may have made a duplicate. */
  ambiguous: number;
  /** 429 answers from Teams. */
  throttled: number;
}

export interface DeliveryWorker {
  /** Runs passes until nothing is deliverable now; what the tests and the test clock wait for. */
  drain(): Promise<void>;
  /** Something was queued: look now rather than at the next poll. */
  wake(): void;
  counters(): DeliveryCounters;
  stop(): Promise<void>;
}

export interface DeliveryWorkerOptions {
  outbox: OutboxRepo;
  transport: Transport;
  clock: Clock;
  logger: Logger;
  instanceId: string;
  limits?: Partial<DeliveryLimits>;
  pollMs?: number;
  onSent(item: OutboxItem, location: CardLocation): Promise<void>;
  onDead(item: OutboxItem): Promise<void>;
}

/** Paces sends to `rate()` a second, with no burst; a send Teams refused before delivering gives its slot back. */
function createPacer(rate: () => number) {
  let next = 0;
  return {
    async take(): Promise<void> {
      const interval = 1000 / rate();
      const now = Date.now();
      const at = Math.max(now, next);
      next = at + interval;
      if (at > now) await new Promise((r) => setTimeout(r, at - now));
    },
    giveBack(): void {
      // Never into the past: refusals in a row must not add up to a burst that goes over the limit.
      next = Math.max(Date.now(), next - 1000 / rate());
    },
  };
}

/** This instance's sends per conversation in the last hour, to stay inside Teams' per-conversation limits. */
function createConversationWindow(limits: DeliveryLimits["perConversation"]) {
  const sends = new Map<string, number[]>();
  return {
    allows(recipient: string, now: number): boolean {
      const times = (sends.get(recipient) ?? []).filter((t) => t > now - 3_600_000);
      sends.set(recipient, times);
      const within = (ms: number) => times.filter((t) => t > now - ms).length;
      return within(1000) < limits.second && within(30_000) < limits.halfMinute && times.length < limits.hour;
    },
    record(recipient: string, now: number): void {
      const times = sends.get(recipient);
      if (times) times.push(now);
      else sends.set(recipient, [now]);
    },
  };
}

const shuffle = <T>(items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
};

/** The oldest pending item of each recipient: a later one waits until the one before it is sent or dead. */
function headsOf(pending: QueueEntry[]): QueueEntry[] {
  const heads = new Map<string, QueueEntry>();
  for (const entry of pending) if (!heads.has(entry.recipient)) heads.set(entry.recipient, entry);
  return [...heads.values()];
}

type ItemDeliveryOptions = Pick<
  DeliveryWorkerOptions,
  "outbox" | "transport" | "clock" | "logger" | "onSent" | "onDead"
> & {
  limits: DeliveryLimits;
  counters: DeliveryCounters;
  pacer: ReturnType<typeof createPacer>;
  window: ReturnType<typeof createConversationWindow>;
};

/** What one send came to: delivered, or to be tried again after `retryInMs`, or settled otherwise (dead, lease lost). */
type SendOutcome = { sent: true } | { sent: false; retryInMs?: number };

/** Sends one leased item and writes its outcome: sent, a retry at a later time, or dead (then the fallback chain). */
function createItemDelivery(o: ItemDeliveryOptions): (stored: StoredItem) => Promise<SendOutcome> {
  const { outbox, transport, clock, logger, limits, counters, pacer } = o;
  const backoff = (attempts: number) => {
    const base = Math.min(limits.backoffCapMs, limits.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  };
  const settle = async (stored: StoredItem, patch: Partial<OutboxItem>) => {
    const ok = await outbox.settle(stored, { ...patch, lease: undefined });
    if (!ok) logger.warn({ event: "delivery_lease_lost", item: stored.item.id });
    return ok;
  };
  const send = (stored: StoredItem) =>
    new Promise<CardLocation>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new DeliveryFailure("ambiguous", `no answer within ${limits.sendTimeoutMs} ms`)),
        limits.sendTimeoutMs,
      );
      (stored.item.thread
        ? transport.post(stored.item.thread, stored.item.activity)
        : transport.deliver(stored.item.recipient, stored.item.activity)
      ).then(
        (location) => (clearTimeout(timer), resolve(location)),
        (error: unknown) => (clearTimeout(timer), reject(error)),
      );
    });

  /** Writes the failure; answers how long until the item is tried again, or undefined when it is dead. */
  async function settleFailure(stored: StoredItem, failure: DeliveryFailure): Promise<number | undefined> {
    const { item } = stored;
    const attempts = item.attempts + 1;
    const now = clock.now();
    if (failure.status === 429) {
      counters.throttled++;
      // Refused before delivery: the slot was not used.
      pacer.giveBack();
    }
    const permanent = failure.kind === "unreachable" || failure.kind === "rejected";
    const tooOld = now.getTime() - Date.parse(item.decidedAt) > limits.maxAgeMs;
    if (permanent || tooOld) {
      const dead: OutboxItem = {
        ...item,
        state: "dead",
        attempts,
        deadReason: permanent ? (failure.kind as "unreachable" | "rejected") : "gave-up",
        lastError: failure.message,
        settledAt: now.toISOString(),
      };
      if (await settle(stored, dead)) {
        counters.dead++;
        await o
          .onDead(dead)
          .catch((error: Error) =>
            logger.error({ event: "delivery_after_dead_failed", item: item.id, err: error.message }),
          );
      }
      return undefined;
    }
    const ambiguous = failure.kind === "ambiguous";
    counters.retries++;
    if (ambiguous) counters.ambiguous++;
    // The backoff counts Teams' errors only: an item throttled through an outage is not made to wait minutes for
    // its first error after it.
    const throttled = failure.status === 429;
    const failures = (item.failures ?? 0) + (throttled ? 0 : 1);
    const wait = failure.retryAfterMs ?? backoff(throttled ? attempts : failures);
    await settle(stored, {
      attempts,
      failures,
      ambiguous: item.ambiguous + (ambiguous ? 1 : 0),
      lastError: failure.message,
      notBefore: new Date(now.getTime() + wait).toISOString(),
    });
    logger.warn({ event: "delivery_retry", item: item.id, kind: failure.kind, status: failure.status, waitMs: wait });
    return wait;
  }

  return async (stored) => {
    const { item } = stored;
    await pacer.take();
    o.window.record(item.recipient, Date.now());
    logger.debug({ event: "delivery_send", item: item.id, attempt: item.attempts + 1 });
    try {
      const location = await send(stored);
      const at = clock.now().toISOString();
      // Once it has arrived, the card (pupil data) is Teams' to keep: the item keeps where it landed, not what it said.
      const sent = {
        state: "sent",
        sent: { ...location, at },
        settledAt: at,
        attempts: item.attempts + 1,
        activity: {},
        fallback: undefined,
        ...(item.thread ? { thread: { ...item.thread, rootCard: undefined } } : {}),
      } as const;
      if (await settle(stored, sent)) {
        counters.sent++;
        await o
          .onSent(item, location)
          .catch((error: Error) =>
            logger.error({ event: "delivery_after_sent_failed", item: item.id, err: error.message }),
          );
      }
      return { sent: true };
    } catch (error) {
      const failure =
        error instanceof DeliveryFailure ? error : new DeliveryFailure("retry", (error as Error).message ?? "error");
      return { sent: false, retryInMs: await settleFailure(stored, failure) };
    }
  };
}

/**
 * Drains the outbox in the service process: one recipient's messages in the order decided, Teams' limits kept across
 * instances (each takes its share of the tenant's rate from the live instances' heartbeats), `Retry-After` honoured,
 * backoff with jitter on failures, and ETag-conditioned leases so that each item is sent by one instance at a time.
 */
export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const limits = { ...defaultDeliveryLimits, ...options.limits };
  const { outbox, clock, logger, instanceId } = options;
  const counters: DeliveryCounters = { sent: 0, retries: 0, dead: 0, ambiguous: 0, throttled: 0 };
  let live = 1;
  let beatAt = 0;
  // 98 % of the share: three instances pacing exactly at it go over Teams' limit in some one-second windows (the
  // 429s that cost a retry each: bench:delivery, docs/benchmark.md).
  const pacer = createPacer(() => (limits.tenantPerSecond * 0.98) / live);
  const window = createConversationWindow(limits.perConversation);
  const deliverOne = createItemDelivery({ ...options, limits, counters, pacer, window });
  let stopped = false;
  let running: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  /** How long the last read of the queue took. */
  let queueReadMs = 0;
  /** A pass holds about three seconds of this instance's share. */
  const batchSize = () => Math.max(limits.concurrency, Math.ceil((limits.tenantPerSecond / live) * 3));
  /** Teams refused a whole pass: no pass before this time (Date.now()), new messages or not. */
  let pausedUntil = 0;

  /**
   * One pass: read, take the deliverable heads this instance can lease, send them; how many it leased. When Teams
   * refused every one of them (an outage, or the bot throttled), this instance pauses until the first may be tried
   * again, rather than leasing the next ones only to be refused: the store's other work is not crowded out.
   */
  async function pass(): Promise<number> {
    const now = clock.now();
    if (Date.now() - beatAt > 5000) {
      live = await outbox.heartbeat(instanceId, now, 15_000);
      beatAt = Date.now();
    }
    const readStarted = Date.now();
    const pending = await outbox.queue(limits.readLimit);
    queueReadMs = Date.now() - readStarted;
    const candidates = shuffle(
      headsOf(pending).filter((entry) => {
        if (entry.notBefore > now.toISOString()) return false;
        if (entry.lease && entry.lease.until > now.toISOString()) return false;
        return window.allows(entry.recipient, Date.now());
      }),
    ).slice(0, batchSize());
    const until = new Date(now.getTime() + limits.leaseMs).toISOString();
    // Leased together: a pass holds about three seconds of this instance's share, so reading the queue is amortised.
    const taken = await Promise.all(candidates.map((entry) => outbox.lease(entry, instanceId, until)));
    const leased: StoredItem[] = [];
    taken.forEach((item, i) => {
      if (!item) return;
      // Its lease ran out in another instance (or before a restart) with its outcome unknown: sending again may double it.
      if (candidates[i]!.lease) {
        counters.ambiguous++;
        item.item.ambiguous++;
      }
      leased.push(item);
    });
    const queue = [...leased];
    const outcomes: SendOutcome[] = [];
    const workers = Array.from({ length: Math.min(limits.concurrency, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) outcomes.push(await deliverOne(next));
    });
    await Promise.all(workers);
    const waits = outcomes.map((o) => (o.sent ? undefined : o.retryInMs));
    if (outcomes.length > 0 && waits.every((w) => w !== undefined)) {
      pausedUntil = Date.now() + Math.min(limits.backoffCapMs, ...(waits as number[]));
      logger.warn({ event: "delivery_paused", ms: pausedUntil - Date.now(), refused: outcomes.length });
      return 0;
    }
    return leased.length;
  }

  async function drain(): Promise<void> {
    running ??= (async () => {
      try {
        while (!stopped && Date.now() >= pausedUntil) {
          const leased = await pass();
          if (leased === 0) break;
          // A part batch (messages trickling in while a run decides them): the next read waits, so that reading the
          // queue takes about a tenth of the worker's time however long the outbox is.
          if (leased < batchSize()) await new Promise((r) => setTimeout(r, Math.min(1000, 10 * queueReadMs)));
        }
      } catch (error) {
        logger.error({ event: "delivery_pass_failed", err: (error as Error).message });
      }
    })().finally(() => {
      running = undefined;
    });
    await running;
  }

  void (async () => {
    while (!stopped) {
      const paused = pausedUntil - Date.now();
      if (paused > 0) await new Promise<void>((resolve) => setTimeout(resolve, paused).unref());
      if (stopped) break;
      await drain();
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        setTimeout(resolve, options.pollMs ?? 500).unref();
      });
    }
  })();

  return {
    drain,
    wake: () => wakeUp?.(),
    counters: () => ({ ...counters }),
    async stop() {
      stopped = true;
      wakeUp?.();
      await running;
    },
  };
}
