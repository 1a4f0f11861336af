import { createOutboxWriter } from "../../src/bot/outbox-writer";
import { createSystemClock } from "../../src/clock";
import { startDeliveryWorker, type DeliveryWorker } from "../../src/jobs/delivery";
import { createLogger } from "../../src/logger";
import { createStore, type Store } from "../../src/store/create-store";
import { createOutboxRepo, type OutboxRepo } from "../../src/store/outbox-repo";
import { DeliveryFailure, type Transport } from "../../src/usecases/delivery";

let store: Store;
let outbox: OutboxRepo;
let worker: DeliveryWorker | undefined;
let run = 0;

beforeAll(async () => {
  store = await createStore({ databaseName: "naervaer-delivery-pause", logger: createLogger("silent") });
  outbox = createOutboxRepo(store);
});
afterEach(async () => worker?.stop());
afterAll(async () => store.close());

function start(deliver: Transport["deliver"]): DeliveryWorker {
  const clock = createSystemClock();
  worker = startDeliveryWorker({
    outbox,
    transport: { deliver, post: async () => Promise.reject(new Error("no channel here")) },
    clock,
    logger: createLogger("silent"),
    instanceId: `pause-${run}`,
    pollMs: 20,
    onSent: async () => undefined,
    onDead: async () => undefined,
  });
  return worker;
}

async function enqueue(count: number, onQueued?: () => void): Promise<string[]> {
  run++;
  const writer = createOutboxWriter({ outbox, clock: createSystemClock(), onQueued });
  const recipients = Array.from({ length: count }, (_, i) => `pause-${run}-teacher-${i}`);
  for (const recipient of recipients)
    await writer.enqueue({ recipient, activity: { type: "message", text: "hei" }, kind: "case:nudge" });
  return recipients;
}

const stateOf = async (recipients: string[]) => {
  const { resources } = await store
    .container("outbox")
    .items.query<{ recipient: string; state: string }>("SELECT c.recipient, c.state FROM c WHERE c.type = 'item'")
    .fetchAll();
  return resources.filter((r) => recipients.includes(r.recipient)).map((r) => r.state);
};

describe("the delivery worker while Teams refuses", () => {
  test("when Teams refuses every send of a pass (429, Retry-After 10 s), then the instance sends nothing more until then, however much is queued meanwhile", async () => {
    let calls = 0;
    const w = start(async () => {
      calls++;
      throw new DeliveryFailure("retry", "429: throttled", 429, 10_000);
    });
    await enqueue(30, () => w.wake());
    const until = Date.now() + 5_000;
    while (calls === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    const afterFirstPass = calls;
    expect(afterFirstPass).toBeGreaterThan(0);
    // New decisions keep coming and waking the worker: it stays paused, and the store is left to them.
    await enqueue(30, () => w.wake());
    await w.drain();
    await new Promise((r) => setTimeout(r, 500));
    expect(calls).toBe(afterFirstPass);
  });

  test("when a message throttled nine times then meets one error, then it is tried again within seconds, not after the backoff's cap", async () => {
    let calls = 0;
    const mine = `pause-${run + 1}-teacher-0`;
    const w = start(async (recipient) => {
      if (recipient !== mine) throw new DeliveryFailure("unreachable", "404: another test's item", 404);
      calls++;
      if (calls <= 9) throw new DeliveryFailure("retry", "429: throttled", 429, 10);
      if (calls === 10) throw new DeliveryFailure("retry", "503: unavailable", 503);
      return { conversationId: "c", activityId: "a1", serviceUrl: "https://smba.example" };
    });
    const recipients = await enqueue(1, () => w.wake());
    const until = Date.now() + 20_000;
    while ((await stateOf(recipients))[0] !== "sent" && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await stateOf(recipients)).toEqual(["sent"]);
    expect(calls).toBe(11);
  });

  test("when Teams throttles one send in ten and delivers the rest, then the instance never pauses and every message is delivered", async () => {
    let calls = 0;
    const w = start(async () => {
      calls++;
      if (calls % 10 === 0) throw new DeliveryFailure("retry", "429: throttled", 429, 200);
      return { conversationId: "c", activityId: `a${calls}`, serviceUrl: "https://smba.example" };
    });
    const recipients = await enqueue(60, () => w.wake());
    const until = Date.now() + 15_000;
    let states = await stateOf(recipients);
    while (states.some((s) => s !== "sent") && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      states = await stateOf(recipients);
    }
    expect(states.filter((s) => s === "sent")).toHaveLength(60);
    expect(calls).toBeGreaterThanOrEqual(60);
  });
});
