import type { Store } from "../../store/create-store";
import type { OutboxStats } from "../../store/outbox-repo";
import type { DeliveryCounters } from "../../jobs/delivery";
import type { HttpHandler } from "../types";

/** The outbox as the health check and the metrics show it: the store's counts and this instance's counters. */
export interface DeliveryHealth {
  stats(): Promise<OutboxStats>;
  counters(): DeliveryCounters;
}

async function outboxFigures(delivery: DeliveryHealth) {
  const stats = await delivery.stats();
  const { dead: deadHere, ...counters } = delivery.counters();
  return { ...stats, ...counters, deadHere };
}

/** Liveness plus whether Cosmos answers and writes reach the disk; 503 lets App Service and load balancers see a broken store. */
export function createHealthzHandler(store: Store, version: string, delivery: DeliveryHealth): HttpHandler {
  return async (_req, res) => {
    const health = await store.health();
    const outbox = health.ok ? await outboxFigures(delivery).catch(() => undefined) : undefined;
    res.send(health.ok ? 200 : 503, {
      status: health.ok ? "ok" : "degraded",
      cosmos: health.cosmos,
      ...(health.problem ? { problem: health.problem } : {}),
      store: store.describe(),
      version,
      ...(outbox ? { outbox } : {}),
    });
  };
}

/** The outbox in Prometheus' text format: depth, age of the oldest pending message, and this instance's counters. */
export function createMetricsHandler(delivery: DeliveryHealth): HttpHandler {
  return async (_req, res) => {
    const f = await outboxFigures(delivery);
    const lines = [
      ["naervaer_outbox_pending", "gauge", "Messages waiting to be delivered", f.pending],
      ["naervaer_outbox_oldest_pending_seconds", "gauge", "Age of the oldest pending message", f.oldestPendingSeconds],
      ["naervaer_outbox_dead", "gauge", "Messages that will not be delivered (see the leaders' list)", f.dead],
      ["naervaer_delivery_sent_total", "counter", "Messages sent by this instance", f.sent],
      ["naervaer_delivery_retries_total", "counter", "Sends tried again by this instance", f.retries],
      ["naervaer_delivery_dead_total", "counter", "Messages given up by this instance", f.deadHere],
      ["naervaer_delivery_ambiguous_total", "counter", "Sends tried again after an unknown outcome", f.ambiguous],
      ["naervaer_delivery_throttled_total", "counter", "429 answers from Teams", f.throttled],
    ] as const;
    const text = lines.map(
      ([name, type, help, value]) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}`,
    );
    res.setHeader("content-type", "text/plain; version=0.0.4");
    res.sendRaw(200, `${text.join("\n")}\n`);
  };
}
