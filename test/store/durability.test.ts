import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { ErrorResponse } from "@azure/cosmos";
import { createLogger } from "../../src/logger";
import { createStore, type Store } from "../../src/store/create-store";
import { containerNames } from "../../src/store/containers";
import type { SyncFile } from "../../src/store/journal";
import { readStoredDocuments } from "../../src/store/snapshot";

const logger = createLogger("silent");
const name = "durable";
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "naervaer-durable-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const open = (extra: Partial<Parameters<typeof createStore>[0]> = {}) =>
  createStore({ databaseName: name, dataDir, logger, ...extra });
const files = () => readdirSync(dataDir).sort();
const segments = () => files().filter((f) => f.startsWith(`${name}.journal.`));
const lastSegment = () => path.join(dataDir, segments().at(-1)!);

async function withStore<T>(use: (store: Store) => Promise<T>, extra = {}): Promise<T> {
  const store = await open(extra);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

describe("the embedded store's journal", () => {
  test("when a store is reopened, then documents come back with the same _etag, _ts and _rid and an ETag-conditioned replace still works", async () => {
    const created = await withStore(async (store) => {
      const { resource } = await store.container("cases").items.create({ id: "case", pupilId: "p1", step: 0 });
      return resource!;
    });
    await withStore(async (store) => {
      const item = store.container("cases").item("case", "p1");
      const { resource } = await item.read();
      expect(resource).toMatchObject({ _etag: created._etag, _ts: created._ts, _rid: created._rid, step: 0 });
      await item.replace(
        { id: "case", pupilId: "p1", step: 1 },
        { accessCondition: { type: "IfMatch", condition: created._etag } },
      );
      const next = await store.container("cases").items.create({ id: "case-2", pupilId: "p2" });
      expect(next.resource!._rid).not.toBe(created._rid);
    });
    expect(readStoredDocuments(dataDir, name).cases!.find((d) => d.id === "case")).toMatchObject({ step: 1 });
  });

  test("when many writes arrive at once, then they share fsyncs (group commit) and each is on disk when answered", async () => {
    let syncs = 0;
    // A slow disk: writes that arrive while one fsync runs must wait for, and share, the next one.
    const sync: SyncFile = async (handle) => {
      syncs += 1;
      await new Promise((resolve) => setTimeout(resolve, 25));
      await handle.datasync();
    };
    await withStore(
      async (store) => {
        const absences = store.container("absences");
        await Promise.all(
          Array.from({ length: 200 }, async (_, i) => {
            await absences.items.upsert({ id: `a${i}`, pupilId: `p${i % 9}` });
            if (i % 50 === 0)
              expect(readStoredDocuments(dataDir, name).absences!.some((d) => d.id === `a${i}`)).toBe(true);
          }),
        );
      },
      { syncJournal: sync },
    );
    expect(readStoredDocuments(dataDir, name).absences).toHaveLength(200);
    expect(syncs).toBeLessThan(100);
  });

  test("when a document is deleted, then it stays deleted after a restart", async () => {
    await withStore(async (store) => {
      await store.container("cases").items.create({ id: "gone", pupilId: "p1" });
      await store.container("cases").item("gone", "p1").delete();
    });
    await withStore(async (store) => {
      const read = await store
        .container("cases")
        .item("gone", "p1")
        .read()
        .catch((e: ErrorResponse) => e);
      expect(read.statusCode ?? (read as ErrorResponse).code).toBe(404);
    });
  });

  test("when the last journal record is incomplete (a write never acknowledged), then it is cut with a warning and the rest is kept", async () => {
    await withStore((store) => store.container("cases").items.create({ id: "kept", pupilId: "p1" }));
    appendFileSync(lastSegment(), '512 0badc0de {"o":"set","p":"x","d":{"id":"torn"');
    const lines: string[] = [];
    const capture = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
    await withStore(
      async (store) => {
        await store.container("cases").items.create({ id: "after", pupilId: "p1" });
      },
      { logger: createLogger("warn", capture) },
    );
    expect(lines.join("")).toMatch(/embedded_cosmos_torn_tail/);
    const ids = readStoredDocuments(dataDir, name).cases!.map((d) => d.id);
    expect(ids.sort()).toEqual(["after", "kept"]);
    await withStore(async (store) => {
      expect((await store.container("cases").item("after", "p1").read()).resource).toBeDefined();
    });
  });

  test("when a record in the middle of the journal fails its checksum, then the start is refused naming the file and the fix", async () => {
    await withStore(async (store) => {
      for (const id of ["a", "b", "c"]) await store.container("cases").items.create({ id, pupilId: "p1" });
    });
    const file = lastSegment();
    const text = readFileSync(file, "latin1");
    const at = text.indexOf('"id":"a"');
    writeFileSync(file, text.slice(0, at) + '"id":"A"' + text.slice(at + 8), "latin1");
    await expect(open()).rejects.toThrow(
      new RegExp(`${path.basename(file)} is damaged at byte \\d+ \\(checksum mismatch\\).*truncate -s`, "s"),
    );
  });

  test("when the journal grows past its limit, then it is compacted into a snapshot, old segments go, and everything comes back", async () => {
    await withStore(
      async (store) => {
        const absences = store.container("absences");
        for (let i = 0; i < 300; i += 25)
          await Promise.all(
            Array.from({ length: 25 }, (_, j) =>
              absences.items.upsert({ id: `a${i + j}`, pupilId: `p${(i + j) % 7}`, filler: "x".repeat(200) }),
            ),
          );
        await new Promise((r) => setTimeout(r, 200));
        await store.container("absences").items.upsert({ id: "last", pupilId: "p1" });
      },
      { compactAfterBytes: 20_000 },
    );
    expect(files()).toContain(`${name}.snapshot`);
    expect(segments().length).toBe(1);
    await withStore(async (store) => {
      const { resources } = await store.container("absences").items.readAll().fetchAll();
      expect(resources).toHaveLength(301);
    });
  });

  test("when the snapshot is cut short, then the start is refused naming the snapshot", async () => {
    await withStore(
      async (store) => {
        await store.container("cases").items.create({ id: "x", pupilId: "p1" });
      },
      { compactAfterBytes: 1 },
    );
    const snapshot = path.join(dataDir, `${name}.snapshot`);
    const bytes = readFileSync(snapshot);
    writeFileSync(snapshot, bytes.subarray(0, bytes.length - 30));
    await expect(open()).rejects.toThrow(/durable\.snapshot is damaged.*restore it from a backup/s);
  });

  test("when writes cannot be fsynced, then the SDK gets a 503 naming the cause, health says not durable, and both recover", async () => {
    let failing = false;
    const sync: SyncFile = async (handle) => {
      if (failing) throw Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO" });
      await handle.datasync();
    };
    await withStore(
      async (store) => {
        const cases = store.container("cases");
        await cases.items.create({ id: "before", pupilId: "p1" });
        failing = true;
        const failure = await cases.items.create({ id: "lost", pupilId: "p1" }).catch((e: ErrorResponse) => e);
        expect(failure).toBeInstanceOf(ErrorResponse);
        expect((failure as ErrorResponse).code).toBe(503);
        expect((failure as ErrorResponse).message).toMatch(/cannot write its journal to disk \(EIO/);
        expect(await store.health()).toMatchObject({ ok: false, cosmos: "not-durable" });
        const refused = await cases.items.create({ id: "refused", pupilId: "p1" }).catch((e: ErrorResponse) => e);
        expect((refused as ErrorResponse).code).toBe(503);

        failing = false;
        const deadline = Date.now() + 5000;
        while (!(await store.health()).ok && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        expect(await store.health()).toEqual({ ok: true, cosmos: "ok" });
        await cases.items.create({ id: "after", pupilId: "p1" });
      },
      { syncJournal: sync },
    );
    const ids = readStoredDocuments(dataDir, name).cases!.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(["before", "after"]));
    expect(ids).not.toContain("refused");
  });
});

describe("the snapshot format before the journal", () => {
  const legacyFile = () => path.join(dataDir, `${name}.cosmos.json`);
  const legacy = (containers: unknown) => JSON.stringify({ version: 1, savedAt: "2026-11-01T00:00:00Z", containers });
  const everyContainer = () => Object.fromEntries(containerNames.map((n) => [n, [] as unknown[]]));

  test.each([
    ["an empty object", "{}"],
    ["an array", "[]"],
    ["null containers", '{"containers":null}'],
    ["a missing container", legacy({ ...everyContainer(), cases: undefined })],
    ["broken JSON", "{ not json"],
  ])("when it holds %s, then the start is refused naming the file and nothing is overwritten", async (_what, text) => {
    writeFileSync(legacyFile(), text);
    await expect(open()).rejects.toThrow(/durable\.cosmos\.json could not be read.*Fix: move it aside/s);
    expect(readFileSync(legacyFile(), "utf8")).toBe(text);
  });

  test("when it is whole, then its documents are migrated into a snapshot and the old file is set aside", async () => {
    writeFileSync(legacyFile(), legacy({ ...everyContainer(), cases: [{ id: "old", pupilId: "p1", step: 2 }] }));
    await withStore(async (store) => {
      expect((await store.container("cases").item("old", "p1").read()).resource).toMatchObject({ step: 2 });
    });
    expect(existsSync(legacyFile())).toBe(false);
    expect(files()).toEqual(expect.arrayContaining([`${name}.cosmos.json.migrated`, `${name}.snapshot`]));
    await withStore(async (store) => {
      expect((await store.container("cases").item("old", "p1").read()).resource).toMatchObject({ step: 2 });
    });
  });
});

describe("queries scoped to one partition", () => {
  test("when a query carries a partition key, then it returns that partition's documents only, also after updates and deletes", async () => {
    await withStore(async (store) => {
      const absences = store.container("absences");
      for (const [id, pupilId] of [
        ["a1", "p1"],
        ["a2", "p2"],
        ["a3", "p1"],
        ["a4", "p1"],
      ])
        await absences.items.create({ id, pupilId, n: 0 });
      await absences.item("a3", "p1").replace({ id: "a3", pupilId: "p1", n: 1 });
      await absences.item("a4", "p1").delete();
      const { resources } = await absences.items.query("SELECT * FROM c", { partitionKey: "p1" }).fetchAll();
      expect(resources.map((r) => [r.id, r.n])).toEqual([
        ["a1", 0],
        ["a3", 1],
      ]);
      const all = await absences.items.query("SELECT c.id FROM c").fetchAll();
      expect(all.resources.map((r) => r.id).sort()).toEqual(["a1", "a2", "a3"]);
    });
  });
});
