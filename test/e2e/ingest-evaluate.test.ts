import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { removeDir, startServer, type RunningServer, readAuth } from "../support/server";

const key = "test-ingest-key-0123456789";
const auth = { authorization: `Bearer ${key}` };
const repoRoot = path.resolve(__dirname, "../..");

const roster = {
  schools: [
    {
      id: "s-molde",
      name: "Testskolen",
      municipality: "Molde",
      ladder: "molde-nordbyen",
      timeZone: "Europe/Oslo",
      schoolYearStart: "2026-08-19",
      holidays: [{ from: "2026-09-28", to: "2026-10-02", name: "Høstferie" }],
    },
    { id: "s-nowhere", name: "Feilskolen", municipality: "Ingensteds", ladder: "finnes-ikke" },
  ],
  staff: [
    {
      aadObjectId: "11111111-0000-0000-0000-000000000001",
      name: "Kari Lærer",
      roles: [{ schoolId: "s-molde", role: "contact_teacher" }],
    },
  ],
  pupils: [
    {
      id: "p1",
      name: "Elev En",
      birthDate: "2014-03-02",
      schoolId: "s-molde",
      grade: 7,
      className: "7A",
      contactTeacherIds: ["11111111-0000-0000-0000-000000000001"],
    },
    {
      id: "p2",
      name: "Elev To",
      birthDate: "2014-13-02",
      schoolId: "s-molde",
      grade: 7,
      className: "7A",
      contactTeacherIds: [],
    },
    { id: "p3", name: "Elev Tre", schoolId: "s-molde", grade: 7, className: "7A", contactTeacherIds: [] },
  ],
};

// Five days of documented illness in a row, Thu 5 Nov to Wed 11 Nov (a weekend inside), one undocumented day.
const absenceCsv = [
  "id,pupilId,schoolId,date,kind,documented,reason",
  "a1,p1,s-molde,2026-11-05,day,ja,illness",
  "a2,p1,s-molde,2026-11-06,day,ja,illness",
  "a3,p1,s-molde,2026-11-09,day,ja,illness",
  "a4,p1,s-molde,2026-11-10,day,ja,illness",
  "a5,p1,s-molde,2026-11-11,day,ja,illness",
  "a6,p3,s-molde,2026-11-16,day,nei,",
  "a7,p1,s-molde,2026-11-3,day,ja,illness",
  "a8,p-unknown,s-molde,2026-11-16,day,nei,",
  "a9,p3,s-molde,2026-11-17,lesson,,",
].join("\n");

describe("data in, status out, over HTTP", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true", EVALUATE_AT: "06:00" } });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  test("when the data APIs are called without the key, then they answer 401 and store nothing", async () => {
    expect((await server.post("/api/roster", roster)).status).toBe(401);
    expect((await server.post("/api/roster", roster, { authorization: "Bearer wrong-key-wrong-key-1" })).status).toBe(
      401,
    );
    expect((await server.post("/api/evaluate", { date: "2026-11-20" })).status).toBe(401);
    expect((await server.get("/api/pupils/p1/status")).status).toBe(401);
  });

  test("when a roster has bad rows, then each is named with its field and expectation, and the valid rows are kept", async () => {
    const response = await server.post("/api/roster", roster, auth);
    expect(response.status).toBe(200);
    const rejected = response.body.rejected as any[];
    expect(rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: "pupils[1]", field: "birthDate", expected: "a date as YYYY-MM-DD" }),
        expect.objectContaining({
          field: "ladder",
          value: "finnes-ikke",
          expected: expect.stringContaining("molde-nordbyen"),
        }),
      ]),
    );
    expect(JSON.stringify(rejected)).not.toMatch(/Elev To|Kari Lærer/);
    expect((await server.get("/api/pupils/p1/status", readAuth)).body).toMatchObject({
      pupilId: "p1",
      ladder: "molde-nordbyen",
      evaluated: false,
      step: null,
    });
    expect((await server.get("/api/pupils/p2/status", readAuth)).status).toBe(404);
  });

  test("when absence CSV has bad rows, then they are listed by line and field, the good rows are stored, and a re-send adds nothing", async () => {
    const first = await server.post("/api/absence", absenceCsv, { ...auth, "content-type": "text/csv" });
    expect(first.status).toBe(200);
    expect(first.body.accepted).toBe(6);
    const byLine = Object.fromEntries((first.body.rejected as any[]).map((r) => [r.line, r]));
    expect(byLine[8]).toMatchObject({ field: "date" });
    expect(byLine[9]).toMatchObject({ field: "pupilId" });
    expect(byLine[10]).toMatchObject({ field: "documented" });

    const again = await server.post("/api/absence", absenceCsv, { ...auth, "content-type": "text/csv" });
    expect(again.body.accepted).toBe(6);
    const run = await server.post("/api/evaluate", { date: "2026-11-18" }, auth);
    expect(run.status).toBe(200);
    const status = await server.get("/api/pupils/p1/status", readAuth);
    expect(status.body.pattern.absenceDays).toBe(5);
  });

  test("when pupils are evaluated, then the status tells the step, why in Norwegian, what must happen and by when", async () => {
    const p3 = (await server.get("/api/pupils/p3/status", readAuth)).body;
    expect(p3.step).toBe(0);
    const trip = p3.trips.find((t: any) => t.date === "2026-11-16");
    expect(trip).toMatchObject({
      step: 0,
      deadline: "2026-11-16",
      source: expect.stringMatching(/^002_de3d4e1d3d707c60\.txt/),
    });
    expect(trip.facts).toMatch(/Udokumentert fravær 16\.11/);
    expect(p3.required.actions.join(" ")).toMatch(/foresatte/);

    const p1 = (await server.get("/api/pupils/p1/status", readAuth)).body;
    expect(p1.step).toBe(0);
    expect(p1.trips.map((t: any) => t.facts).join(" ")).toMatch(/5/);
    expect(p1.pattern.runs).toHaveLength(1);
  });

  test("when the same date is evaluated again, then no trigger fires twice", async () => {
    const before = (await server.get("/api/pupils/p3/status", readAuth)).body.trips.length;
    const run = await server.post("/api/evaluate", { date: "2026-11-18" }, auth);
    expect(run.body.pupils.every((p: any) => p.newTrips === 0)).toBe(true);
    expect((await server.get("/api/pupils/p3/status", readAuth)).body.trips).toHaveLength(before);
  });

  test("when the evaluation date is malformed, then the error names the field", async () => {
    const response = await server.post("/api/evaluate", { date: "18.11.2026" }, auth);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ field: "date" });
  });

  test("when the clock passes EVALUATE_AT on a school day, then the daily evaluation runs for that day once", async () => {
    await server.post(
      "/api/absence",
      [{ id: "a10", pupilId: "p1", schoolId: "s-molde", date: "2026-11-19", kind: "day", documented: false }],
      auth,
    );
    await server.post("/api/test/clock", { now: "2026-11-19T05:59:00+01:00" });
    expect((await server.get("/api/pupils/p1/status", readAuth)).body.asOf).toBe("2026-11-18");
    await server.post("/api/test/clock", { now: "2026-11-19T06:01:00+01:00" });
    const status = (await server.get("/api/pupils/p1/status", readAuth)).body;
    expect(status.asOf).toBe("2026-11-19");
    expect(status.trips.some((t: any) => t.date === "2026-11-19")).toBe(true);
    await server.post("/api/test/clock", { now: "2026-11-19T07:00:00+01:00" });
    expect(server.output().match(/"event":"daily_evaluation_done"/g)).toHaveLength(1);
  });

  test("when the command-line import and evaluate run against the server, then they report what was stored and the pupils by step", async () => {
    const exec = promisify(execFile);
    const env = { ...process.env, NAERVAER_URL: server.baseUrl, INGEST_API_KEY: key };
    const dir = mkdtempSync(path.join(os.tmpdir(), "naervaer-cli-"));
    try {
      const file = path.join(dir, "fravaer.csv");
      writeFileSync(file, absenceCsv);
      const imported = await exec(process.execPath, [path.join(repoRoot, "dist/src/cli/import.js"), "absence", file], {
        env,
        cwd: dir,
      }).catch((e) => e);
      expect(imported.code).toBe(2);
      expect(imported.stdout).toMatch(/6 rader lagret, 3 avvist/);
      expect(imported.stdout).toMatch(/Linje 8, feltet «date»/);

      const evaluated = await exec(
        process.execPath,
        [path.join(repoRoot, "dist/src/cli/evaluate.js"), "--date", "2026-11-20", "--school", "s-molde"],
        { env, cwd: dir },
      );
      expect(evaluated.stdout).toMatch(/trinn 0 – Oppdage og utforske \(2\)/);
      expect(evaluated.stdout).toMatch(/p3\s+7A/);
      expect(evaluated.stdout).not.toMatch(/Elev/);
    } finally {
      removeDir(dir);
    }
  });
  test("when a School Data Sync folder is imported, then its schools, staff and pupils are stored, and a pupil who moved school is one pupil", async () => {
    const folder = path.join(repoRoot, "test/fixtures/sds");
    const sds = Object.fromEntries(readdirSync(folder).map((f) => [f, readFileSync(path.join(folder, f), "utf8")]));
    const response = await server.post("/api/roster", { sds }, auth);
    expect(response.status).toBe(200);
    expect(response.body.counts.schools).toBeGreaterThan(0);
    expect(response.body.counts.pupils).toBeGreaterThan(0);
    // p1 is at s-brekstad in the SDS files: the same pupil, moved, not a second one
    expect((await server.get("/api/pupils/p1/status", readAuth)).body.schoolId).toBe("s-brekstad");
    const moved = await server.post(
      "/api/absence",
      [{ id: "a11", pupilId: "p1", schoolId: "s-molde", date: "2026-11-20", kind: "late" }],
      auth,
    );
    expect(moved.body.rejected).toEqual([expect.objectContaining({ field: "schoolId" })]);
  });
});
