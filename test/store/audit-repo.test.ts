import type { Container } from "@azure/cosmos";
import type { AuditEntry } from "../../src/domain/audit";
import { createLogger } from "../../src/logger";
import { createAuditRepo } from "../../src/store/audit-repo";
import { createStore, type Store } from "../../src/store/create-store";

type Calls = { bulk: number; create: number };

interface Trouble {
  /** The bulk request fails as a whole. */
  refuseBulk?: boolean;
  /** Entries by this actor are answered 429 in the bulk request (throttled), and refused when written alone. */
  refuseActor?: string;
}

/** The store with the audit container's writes counted, and the trouble asked for. */
function watchedStore(store: Store, calls: Calls, trouble: Trouble = {}): Store {
  const watched = (container: Container): Container =>
    new Proxy(container, {
      get(target, prop) {
        if (prop !== "items") return Reflect.get(target, prop, target) as unknown;
        const items = target.items;
        return new Proxy(items, {
          get(t, name) {
            const value = Reflect.get(t, name, t) as unknown;
            if (name === "bulk")
              return async (...[operations, ...rest]: Parameters<typeof items.bulk>) => {
                calls.bulk++;
                if (trouble.refuseBulk) throw new Error("bulk refused");
                const refused = (op: (typeof operations)[number]) =>
                  (op as { resourceBody?: { actor?: string } }).resourceBody?.actor === trouble.refuseActor;
                const answers = await items.bulk(
                  operations.filter((op) => !refused(op)),
                  ...rest,
                );
                return operations.map((op) => (refused(op) ? { statusCode: 429 } : answers.shift()!));
              };
            if (name === "create")
              return (...args: Parameters<typeof items.create>) => {
                calls.create++;
                if ((args[0] as { actor?: string }).actor === trouble.refuseActor)
                  return Promise.reject(Object.assign(new Error("refused"), { code: 403 }));
                return items.create(...args);
              };
            return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(t) : value;
          },
        });
      },
    });
  return { ...store, container: (name) => (name === "audit" ? watched(store.container(name)) : store.container(name)) };
}

const entry = (pupilId: string, actor: string): Omit<AuditEntry, "id"> => ({
  pupilId,
  actor,
  role: "contact_teacher",
  action: "case.read",
  via: "case.refresh",
  outcome: "allowed",
  at: "2026-12-07T08:00:00.000Z",
});

describe("the audit trail's writes", () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ databaseName: "naervaer-audit-repo", logger: createLogger("silent") });
  });
  afterAll(async () => store.close());

  test("when fifty teachers open cases at once, then every opening is in the trail, written in one request", async () => {
    const calls = { bulk: 0, create: 0 };
    const audits = createAuditRepo(watchedStore(store, calls));
    const teachers = Array.from({ length: 50 }, (_, i) => `t${i}`);
    await Promise.all(teachers.map((t, i) => audits.append(entry(`pupil-a${i % 7}`, t))));
    expect(calls).toEqual({ bulk: 1, create: 0 });
    const stored = await Promise.all(Array.from({ length: 7 }, (_, i) => audits.listForPupil(`pupil-a${i}`)));
    expect(
      stored
        .flat()
        .map((e) => e.actor)
        .sort(),
    ).toEqual([...teachers].sort());
  });

  test("when more than a bulk request holds arrive at once, then all are stored", async () => {
    const calls = { bulk: 0, create: 0 };
    const audits = createAuditRepo(watchedStore(store, calls));
    await Promise.all(Array.from({ length: 250 }, (_, i) => audits.append(entry("pupil-b", `t${i}`))));
    expect(calls.bulk).toBe(3);
    expect(await audits.listForPupil("pupil-b")).toHaveLength(250);
  });

  test("when the bulk request fails, then each entry is written on its own and no answer goes out before it is", async () => {
    const calls = { bulk: 0, create: 0 };
    const audits = createAuditRepo(watchedStore(store, calls, { refuseBulk: true }));
    await Promise.all(["t1", "t2", "t3"].map((t) => audits.append(entry("pupil-c", t))));
    expect(calls).toEqual({ bulk: 1, create: 3 });
    expect((await audits.listForPupil("pupil-c")).map((e) => e.actor).sort()).toEqual(["t1", "t2", "t3"]);
  });

  test("when the store refuses one entry, then that opening fails and the others are stored", async () => {
    const calls = { bulk: 0, create: 0 };
    const audits = createAuditRepo(watchedStore(store, calls, { refuseActor: "t2" }));
    const results = await Promise.allSettled(["t1", "t2", "t3"].map((t) => audits.append(entry("pupil-d", t))));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(calls).toEqual({ bulk: 1, create: 1 });
    expect((await audits.listForPupil("pupil-d")).map((e) => e.actor).sort()).toEqual(["t1", "t3"]);
  });
});
