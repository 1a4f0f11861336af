import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { removeDir, runUntilExit, startServer, readAuth } from "../support/server";

const key = "custom-ladder-key-0123456789";
const auth = { authorization: `Bearer ${key}` };

function workedExample(): string {
  const markdown = readFileSync(path.resolve(__dirname, "../../docs/ladders.md"), "utf8");
  const block = [...markdown.matchAll(/```json\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((b) => b.includes('"formatVersion"'));
  if (!block) throw new Error("docs/ladders.md has no worked example");
  return block;
}

describe("a municipality's own ladder file", () => {
  test("when a school names custom:<file>, then its rules apply without any code change, with the school's setting choice", async () => {
    const laddersDir = mkdtempSync(path.join(os.tmpdir(), "naervaer-ladders-"));
    writeFileSync(path.join(laddersDir, "eksempel.json"), workedExample());
    const server = await startServer({ env: { INGEST_API_KEY: key, LADDERS_DIR: laddersDir } });
    try {
      const roster = {
        schools: [
          { id: "e1", name: "Eksempel skole", municipality: "Eksempel", ladder: "custom:eksempel" },
          {
            id: "e2",
            name: "Eksempel skole 2",
            municipality: "Eksempel",
            ladder: "custom:eksempel",
            ladderSettings: { lateArrivalsPerWeek: { atLeast: 2 } },
          },
        ],
        staff: [],
        pupils: [
          { id: "x1", name: "A", schoolId: "e1", grade: 5, className: "5A", contactTeacherIds: [] },
          { id: "x2", name: "B", schoolId: "e2", grade: 5, className: "5A", contactTeacherIds: [] },
        ],
      };
      expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
      const late = (pupilId: string, schoolId: string, date: string) => ({
        id: `${pupilId}-${date}`,
        pupilId,
        schoolId,
        date,
        kind: "late",
        minutes: 10,
      });
      await server.post(
        "/api/absence",
        [
          late("x1", "e1", "2026-11-16"),
          late("x1", "e1", "2026-11-17"),
          late("x2", "e2", "2026-11-16"),
          late("x2", "e2", "2026-11-17"),
        ],
        auth,
      );
      await server.post("/api/evaluate", { date: "2026-11-18" }, auth);

      const x1 = (await server.get("/api/pupils/x1/status", readAuth)).body;
      const x2 = (await server.get("/api/pupils/x2/status", readAuth)).body;
      expect(x1).toMatchObject({ ladder: "custom:eksempel", step: null });
      expect(x2).toMatchObject({ ladder: "custom:eksempel", step: 0, stepName: "Undre seg" });
      expect(x2.trips[0]).toMatchObject({ ruleId: "forsentkomminger-i-uka", source: "Rutinen punkt 2" });
    } finally {
      await server.stop();
      removeDir(server.dataDir);
      removeDir(laddersDir);
    }
  });

  test("when a ladder file is invalid, then the service refuses to start and names the file and the problem", async () => {
    const laddersDir = mkdtempSync(path.join(os.tmpdir(), "naervaer-ladders-"));
    try {
      const broken = JSON.parse(workedExample());
      broken.rules[0].step = 7;
      writeFileSync(path.join(laddersDir, "feil.json"), JSON.stringify(broken));
      const { code, output } = await runUntilExit({ LADDERS_DIR: laddersDir, NODE_ENV: "test" });
      expect(code).not.toBe(0);
      expect(output).toMatch(/feil\.json is not valid/);
      expect(output).toMatch(/step 7 is not defined/);
    } finally {
      removeDir(laddersDir);
    }
  });
});
