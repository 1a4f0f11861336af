import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLogger } from "../../src/logger";
import { createStore, type Store } from "../../src/store/create-store";

// The embedded store's query engine, as the product's repositories call it: results as Cosmos DB gives them.
let dataDir: string;
let store: Store;

interface Doc {
  id: string;
  pupilId: string;
  schoolId: string;
  seq: number;
  tags?: string[];
}

const docs: Doc[] = Array.from({ length: 300 }, (_, i) => ({
  id: `d${i}`,
  pupilId: `p${i % 7}`,
  schoolId: `s${i % 3}`,
  seq: (i * 37) % 300,
  ...(i % 4 === 0 ? { tags: [`t${i % 5}`, "all"] } : {}),
}));

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "naervaer-query-"));
  store = await createStore({ databaseName: "query", dataDir, logger: createLogger("silent") });
  const absences = store.container("absences");
  for (let i = 0; i < docs.length; i += 50)
    await Promise.all(docs.slice(i, i + 50).map((d) => absences.items.create(d)));
});
afterAll(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const query = async <T>(sql: string, parameters: { name: string; value: unknown }[] = [], partitionKey?: string) =>
  (await store.container("absences").items.query<T>({ query: sql, parameters }, { partitionKey }).fetchAll()).resources;

/** How many documents the query engine was given for each query `run` makes: what a query reads. */
async function engineReads(run: () => Promise<void>): Promise<number[]> {
  const makeQuery = (require("@zeit/cosmosdb-query") as { default: (sql: string) => object }).default;
  const proto = Object.getPrototypeOf(makeQuery("SELECT * FROM c")) as {
    exec: (c: unknown[], o: unknown) => unknown;
  };
  const exec = proto.exec;
  const read: number[] = [];
  proto.exec = function (collection, options) {
    read.push(collection.length);
    return exec.call(this, collection, options);
  };
  try {
    await run();
  } finally {
    proto.exec = exec;
  }
  return read;
}

describe("the embedded store's queries", () => {
  test("when a query filters across partitions, then every matching document is returned once", async () => {
    const found = await query<Doc>("SELECT * FROM c WHERE c.schoolId = @s", [{ name: "@s", value: "s1" }]);
    expect(found.map((d) => d.id).sort()).toEqual(
      docs
        .filter((d) => d.schoolId === "s1")
        .map((d) => d.id)
        .sort(),
    );
  });

  test("when a query asks for the first few in order, then it gets them in that order", async () => {
    const found = await query<{ id: string; seq: number }>("SELECT TOP @n c.id, c.seq FROM c ORDER BY c.seq", [
      { name: "@n", value: 5 },
    ]);
    const expected = [...docs].sort((a, b) => a.seq - b.seq).slice(0, 5);
    expect(found).toEqual(expected.map(({ id, seq }) => ({ id, seq })));
  });

  test("when a query joins a document's array, then each element is its own row", async () => {
    const found = await query<{ id: string; t: string }>("SELECT c.id, t FROM c JOIN t IN c.tags WHERE t != 'all'");
    const expected = docs.flatMap((d) => (d.tags ?? []).filter((t) => t !== "all").map((t) => ({ id: d.id, t })));
    expect(found.map((r) => `${r.id}:${r.t}`).sort()).toEqual(expected.map((r) => `${r.id}:${r.t}`).sort());
  });

  test("when a query counts within one partition, then only that partition is counted", async () => {
    const [count] = await query<number>("SELECT VALUE COUNT(1) FROM c", [], "p3");
    expect(count).toBe(docs.filter((d) => d.pupilId === "p3").length);
  });

  test("when a query is scoped to one pupil, then the engine reads that pupil's documents only, the SDK's query plan request included", async () => {
    const read = await engineReads(async () => {
      const found = await query<Doc>("SELECT * FROM c WHERE c.pupilId = @p", [{ name: "@p", value: "p2" }], "p2");
      expect(found).toHaveLength(docs.filter((d) => d.pupilId === "p2").length);
    });
    expect(read.length).toBeGreaterThan(0);
    expect(Math.max(...read)).toBe(docs.filter((d) => d.pupilId === "p2").length);
  });

  test("when a query requires one school or one state, then the engine reads those documents only, and a document that changes is found under its new value", async () => {
    const ofSchool = (school: string) => docs.filter((d) => d.schoolId === school);
    const narrowed = await engineReads(async () => {
      const found = await query<Doc>("SELECT * FROM c WHERE c.seq >= 0 AND c.schoolId = @s", [
        { name: "@s", value: "s1" },
      ]);
      expect(found.map((d) => d.id).sort()).toEqual(
        ofSchool("s1")
          .map((d) => d.id)
          .sort(),
      );
    });
    expect(Math.max(...narrowed)).toBe(ofSchool("s1").length);
    // An OR may match other schools: the whole container is read, and the answer is the same as Cosmos DB's.
    const scanned = await engineReads(async () => {
      const either = await query<Doc>("SELECT * FROM c WHERE c.schoolId = @s OR c.seq = 0", [
        { name: "@s", value: "s1" },
      ]);
      expect(either).toHaveLength(ofSchool("s1").length + (docs.find((d) => d.seq === 0)!.schoolId === "s1" ? 0 : 1));
    });
    expect(Math.max(...scanned)).toBe(docs.length);
    const moved = docs.find((d) => d.schoolId === "s0")!;
    await store.container("absences").items.upsert({ ...moved, schoolId: "s9" });
    const inNew = await query<Doc>("SELECT * FROM c WHERE c.schoolId = @s", [{ name: "@s", value: "s9" }]);
    const inOld = await query<Doc>("SELECT * FROM c WHERE c.schoolId = @s", [{ name: "@s", value: "s0" }]);
    expect(inNew.map((d) => d.id)).toEqual([moved.id]);
    expect(inOld.map((d) => d.id)).not.toContain(moved.id);
    // A state named as a literal narrows the same way (the outbox's pending items), and follows the document.
    const states = async (state: string) =>
      (await query<Doc>(`SELECT * FROM c WHERE c.state = '${state}' ORDER BY c.seq`)).map((d) => d.id);
    await store.container("absences").items.upsert({ ...moved, state: "pending" });
    expect(await states("pending")).toEqual([moved.id]);
    await store.container("absences").items.upsert({ ...moved, state: "sent" });
    expect(await states("pending")).toEqual([]);
    expect(await states("sent")).toEqual([moved.id]);
    await store.container("absences").items.upsert(moved);
    expect(await states("sent")).toEqual([]);
  });

  test("when a query requires ARRAY_CONTAINS of a list on the partition key, then the engine reads those partitions only", async () => {
    const wanted = ["p1", "p4", "p9"];
    const expected = docs.filter((d) => wanted.includes(d.pupilId) && d.seq >= 10).map((d) => d.id);
    const narrowed = await engineReads(async () => {
      const found = await query<Doc>(
        "SELECT c.id, c.pupilId FROM c WHERE ARRAY_CONTAINS(@pupils, c.pupilId) AND c.seq >= 10 AND c.schoolId IN ('s0', 's1', 's2')",
        [{ name: "@pupils", value: wanted }],
      );
      expect(found.map((d) => d.id).sort()).toEqual([...expected].sort());
    });
    expect(Math.max(...narrowed)).toBe(docs.filter((d) => wanted.includes(d.pupilId)).length);
    // On a field that is not the partition key, or beside an OR, the whole container is read: the same answer.
    const scanned = await engineReads(async () => {
      const bySchool = await query<Doc>("SELECT c.id FROM c WHERE ARRAY_CONTAINS(@s, c.schoolId)", [
        { name: "@s", value: ["s2"] },
      ]);
      expect(bySchool).toHaveLength(docs.filter((d) => d.schoolId === "s2").length);
      const either = await query<Doc>("SELECT c.id FROM c WHERE ARRAY_CONTAINS(@pupils, c.pupilId) OR c.seq = 0", [
        { name: "@pupils", value: ["p1"] },
      ]);
      expect(either.map((d) => d.id).sort()).toEqual(
        docs
          .filter((d) => d.pupilId === "p1" || d.seq === 0)
          .map((d) => d.id)
          .sort(),
      );
    });
    expect(scanned.filter((n) => n === docs.length)).toHaveLength(2);
  });

  test("when a query reads a nested field that some documents lack, then those documents are left out", async () => {
    const found = await query<string[]>("SELECT VALUE c.tags FROM c WHERE IS_DEFINED(c.tags)");
    expect(found).toHaveLength(docs.filter((d) => d.tags).length);
  });

  test("when a row lacks a selected field, then the row has no such key (as Cosmos DB leaves undefined out)", async () => {
    const found = await query<{ id: string; tags?: string[] }>("SELECT c.id, c.tags FROM c WHERE c.pupilId = @p", [
      { name: "@p", value: "p1" },
    ]);
    const untagged = found.filter((r) => !docs.find((d) => d.id === r.id)!.tags);
    expect(untagged.length).toBeGreaterThan(0);
    for (const row of untagged) expect(Object.keys(row)).toEqual(["id"]);
  });

  test("when the query engine compiles a query, then no step copies the rows gathered so far (linear, not quadratic)", () => {
    const engine = path.dirname(require.resolve("@zeit/cosmosdb-query"));
    const helpers = require(path.join(engine, "helpers")) as { stripUndefined: () => unknown };
    expect(helpers.stripUndefined.toString()).not.toMatch(/\[\s*\.\.\./);
    const makeQuery = (require("@zeit/cosmosdb-query") as { default: (sql: string) => { code: string } }).default;
    for (const sql of ["SELECT * FROM c", "SELECT c.id, t FROM c JOIN t IN c.tags", "SELECT VALUE c.tags FROM c"]) {
      const { code } = makeQuery(sql);
      expect(code).toContain("$.push(");
      expect(code).not.toMatch(/\[\s*\.\.\.\$\s*,/);
    }
  });
});
