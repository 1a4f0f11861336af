import { createCaseThreads, createThreadTransport, type CaseThreadDeps } from "../../src/bot/case-threads";
import { createOutboxWriter } from "../../src/bot/outbox-writer";
import type { ChannelPoster } from "../../src/bot/proactive";
import { createCardRenderer } from "../../src/cards/render";
import { createSystemClock } from "../../src/clock";
import type { CardLocation } from "../../src/domain/case";
import { startDeliveryWorker, type DeliveryWorker } from "../../src/jobs/delivery";
import { createLogger } from "../../src/logger";
import { createCaseThreadRepo, createSchoolChannelRepo } from "../../src/store/channel-repo";
import { createStore, type Store } from "../../src/store/create-store";
import { createOutboxRepo, type OutboxItem, type OutboxRepo } from "../../src/store/outbox-repo";
import type { CaseContext } from "../../src/usecases/case-context";
import { DeliveryFailure } from "../../src/usecases/delivery";
import type { CaseCards } from "../../src/usecases/ports";

/** Teams' channel as the worker meets it: refuses while down, else answers each post with a new activity id. */
function createChannelStandIn() {
  let counter = 0;
  const posts: { replyTo?: string; activityId: string; text: string }[] = [];
  const stand = {
    down: false,
    refused: 0,
    posts,
    updates: [] as string[],
    poster: {
      async post(_reference, activity, replyTo) {
        if (stand.down) {
          stand.refused++;
          throw new DeliveryFailure("retry", "503: Teams is down", 503);
        }
        const activityId = `activity-${++counter}`;
        posts.push({ replyTo, activityId, text: JSON.stringify(activity) });
        return { conversationId: "19:team@thread.tacv2", activityId, serviceUrl: "https://smba.example" };
      },
    } as ChannelPoster,
  };
  return stand;
}

const caseOf = (pupilId: string, schoolId: string) =>
  ({
    pupil: { id: pupilId, grade: 7, schoolId },
    school: { id: schoolId, name: "Fjordvik skole" },
    status: { ladder: "orland-skole", step: 1 },
  }) as unknown as CaseContext;

let store: Store;
let outbox: OutboxRepo;
let worker: DeliveryWorker;
let stand: ReturnType<typeof createChannelStandIn>;
let port: Pick<CaseCards, "postInCaseThread">;
let deps: CaseThreadDeps;
let school = 0;

beforeAll(async () => {
  store = await createStore({ databaseName: "naervaer-thread-outbox", logger: createLogger("silent") });
  outbox = createOutboxRepo(store);
});
afterAll(async () => store.close());

beforeEach(async () => {
  stand = createChannelStandIn();
  const clock = createSystemClock();
  const logger = createLogger("silent");
  deps = {
    cards: createCardRenderer(),
    clock,
    logger,
    writer: createOutboxWriter({ outbox, clock, onQueued: () => worker?.wake() }),
    notifier: { update: async (sent: CardLocation) => void stand.updates.push(sent.activityId) },
    schoolChannels: createSchoolChannelRepo(store),
    threads: createCaseThreadRepo(store),
    poster: stand.poster,
  };
  port = createCaseThreads(deps);
  const transport = createThreadTransport(deps);
  worker = startDeliveryWorker({
    outbox,
    transport: { deliver: async () => Promise.reject(new Error("no 1:1 here")), ...transport },
    clock,
    logger,
    instanceId: "test",
    limits: { backoffBaseMs: 20, backoffCapMs: 60 },
    pollMs: 20,
    onSent: async () => undefined,
    onDead: async () => undefined,
  });
  school++;
  await deps.schoolChannels.link({
    schoolId: `s${school}`,
    conversationId: `19:team-${school}@thread.tacv2`,
    reference: { serviceUrl: "https://smba.example", conversation: { id: `19:team-${school}@thread.tacv2` } as never },
    linkedBy: "leader",
    linkedAt: new Date().toISOString(),
  });
});
afterEach(async () => worker.stop());

const itemsOfSchool = async (schoolId: string): Promise<OutboxItem[]> =>
  (
    await store
      .container("outbox")
      .items.query<OutboxItem>({
        query: "SELECT * FROM c WHERE c.type = 'item' AND c.schoolId = @s",
        parameters: [{ name: "@s", value: schoolId }],
      })
      .fetchAll()
  ).resources;

async function settled(schoolId: string): Promise<OutboxItem[]> {
  const until = Date.now() + 10_000;
  for (;;) {
    const items = await itemsOfSchool(schoolId);
    if (items.every((i) => i.state !== "pending")) return items;
    if (Date.now() > until) throw new Error(`still pending: ${items.filter((i) => i.state === "pending").length}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const broughtIn = (ctx: CaseContext, name: string) =>
  ({
    kind: "broughtIn",
    case: ctx,
    viewers: ["teacher", name],
    role: "school_nurse",
    people: [{ aadObjectId: name, name }],
  }) as const;

describe("case threads go through the outbox", () => {
  test("when a bring-in and a later event are decided while Teams refuses the channel, then the action does not wait, and once Teams answers the root comes first and the event replies under it, each once", async () => {
    const schoolId = `s${school}`;
    const ctx = caseOf(`p-${school}`, schoolId);
    stand.down = true;
    await port.postInCaseThread(schoolId, { pupilId: ctx.pupil.id }, broughtIn(ctx, "nurse"));
    await port.postInCaseThread(
      schoolId,
      { pupilId: ctx.pupil.id },
      { kind: "event", case: ctx, viewers: ["teacher", "nurse"], event: { kind: "meetingHeld", date: "2026-11-18" } },
    );
    const queued = await itemsOfSchool(schoolId);
    expect(queued.map((i) => i.thread?.mode)).toEqual(["root", "reply"]);
    expect(new Set(queued.map((i) => i.recipient))).toEqual(new Set([`channel:19:team-${school}@thread.tacv2`]));
    await new Promise((r) => setTimeout(r, 150));
    expect(stand.refused).toBeGreaterThan(0);
    expect(stand.posts).toHaveLength(0);

    stand.down = false;
    const items = await settled(schoolId);
    expect(items.map((i) => i.state)).toEqual(["sent", "sent"]);
    expect(stand.posts).toHaveLength(2);
    const [root, reply] = stand.posts;
    expect(root!.replyTo).toBeUndefined();
    expect(root!.text).toContain("<at>nurse</at>");
    expect(reply!.replyTo).toBe(root!.activityId);
    // The root card's refresh list was brought up to date after the reply.
    expect(stand.updates).toEqual([root!.activityId]);
    expect(await deps.threads.get(ctx.pupil.id, "case")).toMatchObject({
      rootActivityId: root!.activityId,
      cardActivityId: root!.activityId,
    });
  });

  test("when two bring-ins for one case are decided at once, then the case gets one thread: one root, and the other replies in it", async () => {
    const schoolId = `s${school}`;
    const ctx = caseOf(`p-${school}`, schoolId);
    await Promise.all([
      port.postInCaseThread(schoolId, { pupilId: ctx.pupil.id }, broughtIn(ctx, "nurse")),
      port.postInCaseThread(schoolId, { pupilId: ctx.pupil.id }, broughtIn(ctx, "ppt")),
    ]);
    await settled(schoolId);
    expect(stand.posts.filter((p) => !p.replyTo)).toHaveLength(1);
    expect(stand.posts.filter((p) => p.replyTo === stand.posts[0]!.activityId)).toHaveLength(1);
  });

  test("when the school's channel is unlinked before its post is delivered, then the post is dead, not sent elsewhere, and stays for the leaders' list", async () => {
    const schoolId = `s${school}`;
    const ctx = caseOf(`p-${school}`, schoolId);
    stand.down = true;
    await port.postInCaseThread(schoolId, { pupilId: ctx.pupil.id }, broughtIn(ctx, "nurse"));
    await deps.schoolChannels.unlink(schoolId, `19:team-${school}@thread.tacv2`);
    stand.down = false;
    const [item] = await settled(schoolId);
    expect(item).toMatchObject({ state: "dead", deadReason: "rejected", kind: "thread:broughtIn" });
    expect(stand.posts).toHaveLength(0);
    const dead = await outbox.deadOfSchool(schoolId, new Date(Date.now() - 60_000).toISOString());
    expect(dead.map((d) => d.recipient)).toEqual([`channel:19:team-${school}@thread.tacv2`]);
  });

  test("when the channel was linked by a leader who uses nynorsk, then its thread cards are in nynorsk", async () => {
    const schoolId = `s${school}`;
    const channel = (await deps.schoolChannels.get(schoolId))!;
    await deps.schoolChannels.link({ ...channel, language: "nn" });
    const ctx = caseOf(`p-${school}`, schoolId);
    await port.postInCaseThread(schoolId, { pupilId: ctx.pupil.id }, broughtIn(ctx, "nurse"));
    await settled(schoolId);
    expect(stand.posts[0]!.text).toContain("du er kopla på saka som helsesjukepleiar etter samtykke");
    expect(stand.posts[0]!.text).toContain("Skule");
  });

  test("when an event happens in a case with no thread, then nothing is queued for the channel", async () => {
    const schoolId = `s${school}`;
    const ctx = caseOf(`p-${school}`, schoolId);
    await port.postInCaseThread(
      schoolId,
      { pupilId: ctx.pupil.id },
      { kind: "event", case: ctx, viewers: ["teacher"], event: { kind: "stepRaised" } },
    );
    expect(await itemsOfSchool(schoolId)).toEqual([]);
  });
});
