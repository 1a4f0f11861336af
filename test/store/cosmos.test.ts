import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ErrorResponse } from "@azure/cosmos";
import { createLogger } from "../../src/logger";
import { createConversationRefs } from "../../src/store/conversation-refs";
import { createStore, type Store } from "../../src/store/create-store";
import { containerNames } from "../../src/store/containers";
import { createAbsenceRepo } from "../../src/store/absence-repo";
import { readStoredDocuments } from "../../src/store/snapshot";
import { createCaseRepo } from "../../src/store/case-repo";

const logger = createLogger("silent");

describe("Cosmos DB through the embedded server", () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ databaseName: "naervaer-test", logger });
  });
  afterAll(async () => store.close());

  test("when the store starts, then every container exists and health says ok", async () => {
    const { resources } = await store.database.containers.readAll().fetchAll();
    expect(resources.map((c) => c.id).sort()).toEqual([...containerNames].sort());
    expect(await store.ping()).toBe(true);
    expect(store.describe()).toBe("embedded");
  });

  test("when an item is created and read back, then it is the same item", async () => {
    const cases = store.container("cases");
    await cases.items.create({ id: "case-1", pupilId: "p1", step: 0 });
    const { resource } = await cases.item("case-1", "p1").read();
    expect(resource).toMatchObject({ id: "case-1", pupilId: "p1", step: 0 });
  });

  test("when a replace carries a stale ETag, then Cosmos answers 412 and the newer write survives", async () => {
    const cases = store.container("cases");
    const { resource: created } = await cases.items.create({ id: "case-2", pupilId: "p2", step: 0 });
    const staleEtag = created!._etag;
    await cases
      .item("case-2", "p2")
      .replace(
        { id: "case-2", pupilId: "p2", step: 1 },
        { accessCondition: { type: "IfMatch", condition: staleEtag } },
      );

    let failure: unknown;
    try {
      await cases
        .item("case-2", "p2")
        .replace(
          { id: "case-2", pupilId: "p2", step: 5 },
          { accessCondition: { type: "IfMatch", condition: staleEtag } },
        );
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ErrorResponse);
    expect((failure as ErrorResponse).code).toBe(412);
    const { resource } = await cases.item("case-2", "p2").read();
    expect(resource.step).toBe(1);
  });

  test("when the same welcome is claimed twice for one conversation, then only the first claim wins", async () => {
    const refs = createConversationRefs(store);
    const at = new Date("2026-09-01T08:00:00Z");
    expect(await refs.claimWelcome("user-1", "a:conversation;messageid=1", at)).toBe(true);
    expect(await refs.claimWelcome("user-1", "a:conversation;messageid=1", at)).toBe(false);
  });
});

describe("pupil-scoped reads", () => {
  test("when two pupils have absence and log entries, then reading one pupil never returns the other's", async () => {
    const store = await createStore({ databaseName: "scoped", logger });
    try {
      const absences = createAbsenceRepo(store);
      await absences.save([
        { id: "a1", pupilId: "p1", schoolId: "s1", date: "2026-11-16", kind: "day", documented: false },
        { id: "a2", pupilId: "p2", schoolId: "s1", date: "2026-11-16", kind: "late" },
      ]);
      expect((await absences.listOfPupil("p1")).map((e) => e.id)).toEqual(["a1"]);
      const cases = createCaseRepo(store);
      const entry = (pupilId: string) => ({
        id: `log:${pupilId}`,
        pupilId,
        kind: "absence_log" as const,
        templateId: "phone_call" as const,
        step: 0,
        author: "t",
        writtenAt: "2026-11-16T10:00:00Z",
        contactDate: "2026-11-16",
        reasonForContact: "",
        guardiansViewOfCause: [],
        furtherMeasures: "",
        nextContactDate: null,
        summary: "",
        measures: [],
      });
      await cases.appendLog(entry("p1"));
      await cases.appendLog(entry("p2"));
      expect((await cases.logEntries("p2")).map((e) => e.pupilId)).toEqual(["p2"]);
    } finally {
      await store.close();
    }
  });
});

describe("embedded persistence", () => {
  test("when the store is closed and opened again on the same data directory, then the data is back", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "naervaer-persist-"));
    try {
      const first = await createStore({ databaseName: "persist", dataDir, logger });
      const refs = createConversationRefs(first);
      await refs.save({
        aadObjectId: "teacher-1",
        tenantId: "tenant-1",
        scope: "personal",
        reference: {
          conversation: { id: "a:1", isGroup: false, conversationType: "personal", name: "" },
          serviceUrl: "https://smba.example/",
        },
        updatedAt: "2026-09-01T08:00:00.000Z",
      });
      await first.close();
      const file = { containers: readStoredDocuments(dataDir, "persist") };
      expect(file.containers.conversations).toHaveLength(1);

      const second = await createStore({ databaseName: "persist", dataDir, logger });
      const restored = await createConversationRefs(second).getPersonal("teacher-1");
      await second.close();
      expect(restored?.reference.serviceUrl).toBe("https://smba.example/");
      expect(restored?.tenantId).toBe("tenant-1");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test("when the data file is corrupt, then start fails with a message naming the file and the fix", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "naervaer-corrupt-"));
    try {
      require("node:fs").writeFileSync(path.join(dataDir, "corrupt.cosmos.json"), "{ not json");
      await expect(createStore({ databaseName: "corrupt", dataDir, logger })).rejects.toThrow(
        /corrupt\.cosmos\.json could not be read.*Fix: move it aside/s,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
