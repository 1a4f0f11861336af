import { createOutboxRepo } from "../../src/store/outbox-repo";
import { createCaseCards } from "../../src/bot/case-cards";
import { createOutboxWriter } from "../../src/bot/outbox-writer";
import { createAuditRepo } from "../../src/store/audit-repo";
import { createAuditTrail } from "../../src/usecases/audit";
import type { Container } from "@azure/cosmos";
import { TestAdapter, TurnContext, type Activity } from "botbuilder";
import type { BotDeps } from "../../src/bot/deps";
import { botRoutes } from "../../src/bot/routes";
import { createCardRenderer } from "../../src/cards/render";
import { parseConfig } from "../../src/config";
import type { AbsenceEvent } from "../../src/domain/absence";
import type { Roster } from "../../src/domain/roster";
import { createLadderRegistry } from "../../src/ladder-registry";
import { createLogger } from "../../src/logger";
import { createAbsenceRepo } from "../../src/store/absence-repo";
import { createSchoolChannelRepo } from "../../src/store/channel-repo";
import { createCaseRepo } from "../../src/store/case-repo";
import type { ContainerName } from "../../src/store/containers";
import { createConversationRefs } from "../../src/store/conversation-refs";
import { createStore, type Store } from "../../src/store/create-store";
import { createReminderRepo } from "../../src/store/reminder-repo";
import { createRosterRepo } from "../../src/store/roster-repo";
import { createStatusRepo } from "../../src/store/status-repo";
import { evaluatePupils, type EvaluateDeps } from "../../src/usecases/evaluate-pupils";

type Read = {
  container: string;
  kind: "point read" | "partition query" | "query of named partitions" | "whole-container query";
};

/** The store with every read it answers written down: what a request costs, counted where it leaves the service. */
function countingStore(store: Store, reads: Read[]): Store {
  const wrap = <T extends object>(target: T, on: (name: string | symbol, args: unknown[]) => void): T =>
    new Proxy(target, {
      get(t, name) {
        const value = Reflect.get(t, name, t) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          on(name, args);
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  const counted = (name: ContainerName, container: Container): Container =>
    new Proxy(container, {
      get(t, prop) {
        if (prop === "items")
          return wrap(t.items, (method, args) => {
            if (method === "query" || method === "readAll") {
              const options = (method === "query" ? args[1] : args[0]) as { partitionKey?: unknown } | undefined;
              const scoped = method === "query" && options?.partitionKey !== undefined;
              const sql = method === "query" ? ((args[0] as { query?: string }).query ?? "") : "";
              // A list of partition key values the database looks up in its index, as it does one partition.
              const named = /ARRAY_CONTAINS\(@\w+, c\.pupilId\)/.test(sql);
              const kind = scoped ? "partition query" : named ? "query of named partitions" : "whole-container query";
              reads.push({ container: name, kind });
            }
          });
        if (prop === "item")
          return (id: string, partitionKey: string) =>
            wrap(t.item(id, partitionKey), (method) => {
              if (method === "read") reads.push({ container: name, kind: "point read" });
            });
        const value = Reflect.get(t, prop, t) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(t) : value;
      },
    });
  return { ...store, container: (name) => counted(name, store.container(name)) };
}

const school = "s1";
const teacher = "11111111-0000-4000-8000-000000000001";
const coordinator = "11111111-0000-4000-8000-000000000002";
const pupilIds = Array.from({ length: 30 }, (_, i) => `p${i}`);
const roster: Roster = {
  schools: [
    {
      id: school,
      name: "Testskolen",
      municipality: "Molde",
      ladder: "molde-nordbyen",
      timeZone: "Europe/Oslo",
      schoolYearStart: "2026-08-19",
      holidays: [],
    },
  ],
  staff: [
    { aadObjectId: teacher, name: "Kari Lærer", roles: [{ schoolId: school, role: "contact_teacher" }] },
    { aadObjectId: coordinator, name: "Tone Tiltaksleder", roles: [{ schoolId: school, role: "coordinator" }] },
  ],
  pupils: pupilIds.map((id) => ({
    id,
    name: `Elev ${id}`,
    schoolId: school,
    grade: 7,
    className: "7A",
    contactTeacherIds: [teacher],
  })),
};
// Every pupil away and undocumented Mon 2 to Fri 13 November: each reaches a step.
const days = ["02", "03", "04", "05", "06", "09", "10", "11", "12", "13"].map((d) => `2026-11-${d}`);
const absences: AbsenceEvent[] = pupilIds.flatMap((pupilId) =>
  days.map((date) => ({ id: `${pupilId}-${date}`, pupilId, schoolId: school, date, kind: "day", documented: false })),
);

describe("what the product path reads, counted at the store", () => {
  const logger = createLogger("silent");
  const reads: Read[] = [];
  let store: Store;
  let deps: BotDeps;
  let evaluation: EvaluateDeps;
  const now = new Date("2026-11-16T08:00:00+01:00");

  beforeAll(async () => {
    store = await createStore({ databaseName: "naervaer-read-pattern", logger });
    const counted = countingStore(store, reads);
    const [rosterRepo, absenceRepo, statuses] = [
      createRosterRepo(counted),
      createAbsenceRepo(counted),
      createStatusRepo(counted),
    ];
    const ladders = createLadderRegistry();
    evaluation = { roster: rosterRepo, absences: absenceRepo, statuses, ladders };
    const cards = createCardRenderer();
    const conversations = createConversationRefs(counted);
    const outbox = createOutboxRepo(counted);
    const clock = { now: () => now };
    deps = {
      config: parseConfig({ NODE_ENV: "test" }),
      clock,
      logger,
      cards,
      conversations,
      caseCards: {
        ...createCaseCards({
          cards,
          clock,
          ladders,
          conversations,
          roster: rosterRepo,
          writer: createOutboxWriter({ outbox, clock }),
        }),
        postInCaseThread: async () => undefined,
      },
      outbox,
      schoolChannels: createSchoolChannelRepo(counted),
      audit: createAuditTrail({ audits: createAuditRepo(counted), clock }),
      roster: rosterRepo,
      statuses,
      cases: createCaseRepo(counted),
      absences: absenceRepo,
      reminders: createReminderRepo(counted),
      ladders,
      evaluateOne: async () => undefined,
      raiseStep: async () => false,
    };
    await rosterRepo.save(roster);
    await absenceRepo.save(absences);
  });
  afterAll(async () => store.close());

  const count = (kind: Read["kind"]) => reads.filter((r) => r.kind === kind).length;
  const activity = (from: string, extra: Partial<Activity>): Partial<Activity> => ({
    channelId: "msteams",
    serviceUrl: "http://127.0.0.1:1",
    locale: "nb-NO",
    from: { id: `29:${from}`, name: "Bruker", aadObjectId: from },
    recipient: { id: "28:bot", name: "Nærvær" },
    conversation: { id: `a:${from}`, conversationType: "personal", isGroup: false, name: "" },
    ...extra,
  });
  const cardAction = async (verb: string, from: string, data: Record<string, unknown>) => {
    const route = botRoutes.find((r) => r.on === "cardAction" && r.verb === verb);
    if (route?.on !== "cardAction") throw new Error(`No card action ${verb}`);
    const context = new TurnContext(
      new TestAdapter(),
      activity(from, { type: "invoke", name: "adaptiveCard/action", value: { action: { verb, data } } }),
    );
    reads.length = 0;
    return route.handler(context, deps, data);
  };

  test("when every school is evaluated, then a school costs the same few queries however many pupils it has, and no read per pupil", async () => {
    reads.length = 0;
    const run = await evaluatePupils(evaluation, "2026-11-13", now);
    expect(run.raised.length).toBe(pupilIds.length);
    expect(count("whole-container query")).toBeLessThanOrEqual(4);
    expect(count("point read")).toBe(0);
    expect(count("partition query")).toBe(0);
  });

  test("when a contact teacher opens a case card, then it is point reads and queries of the pupil's own partitions", async () => {
    const card = await cardAction("case.refresh", teacher, { pupilId: "p1" });
    expect(JSON.stringify(card)).toContain("Elev p1");
    expect(count("whole-container query")).toBe(0);
    // The case with its status and contents in one query, and the registrations: the run was three days ago, so the
    // pattern is analysed for today. Point reads: the sender, the pupil, the school and the chat.
    expect(reads.filter((r) => r.kind === "partition query").map((r) => r.container)).toEqual(["cases", "absences"]);
    expect(count("point read")).toBeLessThanOrEqual(4);
    // Opened again within seconds: the case in one query; the roster and the registrations as read just now.
    await cardAction("case.refresh", teacher, { pupilId: "p1" });
    expect(count("whole-container query")).toBe(0);
    expect(reads.filter((r) => r.kind === "partition query").map((r) => r.container)).toEqual(["cases"]);
    expect(count("point read")).toBe(0);
  });

  test("when a contact teacher shows the absence, then no query leaves the pupil's partitions", async () => {
    const card = await cardAction("case.showAbsence", teacher, { pupilId: "p1" });
    expect(JSON.stringify(card)).toContain("Elev p1");
    expect(count("whole-container query")).toBe(0);
    // The case; the registrations the card opened just before read are remembered.
    expect(reads.filter((r) => r.kind === "partition query").map((r) => r.container)).toEqual(["cases"]);
  });

  test("when a contact teacher asks for «saker», then their pupils are read by id and their cases in one query naming them", async () => {
    const sent: Partial<Activity>[] = [];
    const adapter = new TestAdapter(async () => undefined);
    const context = new TurnContext(adapter, activity(teacher, { type: "message", text: "saker" }));
    context.onSendActivities(async (_c, activities) => {
      sent.push(...activities);
      return activities.map(() => ({ id: "sent" }));
    });
    const route = botRoutes.find((r) => r.on === "message" && r.text.test("saker"));
    if (route?.on !== "message") throw new Error("No «saker» route");
    reads.length = 0;
    await route.handler(context, deps);
    expect(JSON.stringify(sent)).toContain("Elev p29");
    expect(reads.filter((r) => r.kind === "whole-container query" && r.container === "pupils")).toEqual([]);
    expect(count("whole-container query")).toBe(0);
    // Every pupil's status, case and log in one query of their partitions; no query or read per pupil.
    expect(reads.filter((r) => r.container === "cases").map((r) => r.kind)).toEqual(["query of named partitions"]);
  });
});
