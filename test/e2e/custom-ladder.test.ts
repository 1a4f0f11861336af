import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startConnectorRecorder } from "../support/connector";
import { readAuth, removeDir, runUntilExit, startServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

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

/** The data of every «start» button on a case card (main button or «Andre samtaler»); the absence message as its own. */
function startButtons(card: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const action = node as { verb?: string; data?: Record<string, unknown> };
    if (action.verb === "template.start" && action.data) found.push(action.data);
    if (action.verb === "case.absenceMessage") found.push({ ...action.data, templateId: "absence_message" });
    Object.values(node).forEach(walk);
  };
  walk(card);
  return found;
}

function offeredConversations(card: unknown): string[] {
  return [...new Set(startButtons(card).map((data) => String(data.templateId)))];
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

  test("when a ladder file's step names its templates, then the case card offers exactly those and no other can be started", async () => {
    const laddersDir = mkdtempSync(path.join(os.tmpdir(), "naervaer-ladders-"));
    writeFileSync(path.join(laddersDir, "eksempel.json"), workedExample());
    const recorder = await startConnectorRecorder();
    const server = await startServer({ env: { INGEST_API_KEY: key, LADDERS_DIR: laddersDir, TEST_CLOCK: "true" } });
    const teacher = { aadObjectId: "33333333-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
    const chat = createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl, conversationId: "a:kari" });
    try {
      await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
      const roster = {
        schools: [{ id: "e1", name: "Eksempel skole", municipality: "Eksempel", ladder: "custom:eksempel" }],
        staff: [
          {
            aadObjectId: teacher.aadObjectId,
            name: teacher.name,
            roles: [{ schoolId: "e1", role: "contact_teacher" }],
          },
        ],
        pupils: [
          {
            id: "x1",
            name: "Siri Eksempel",
            schoolId: "e1",
            grade: 5,
            className: "5A",
            contactTeacherIds: [teacher.aadObjectId],
          },
        ],
      };
      expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
      await sendActivity(server, chat.installationUpdate("add"));
      await recorder.waitFor((a) => a.length >= 1);
      recorder.clear();
      const undocumented = {
        id: "u1",
        pupilId: "x1",
        schoolId: "e1",
        date: "2026-11-16",
        kind: "day",
        documented: false,
      };
      expect((await server.post("/api/absence", [undocumented], auth)).body.accepted).toBe(1);
      expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);

      const [nudge] = await recorder.waitFor((a) => a.some((x) => cardText(x).includes("Siri Eksempel")));
      expect(cardText(nudge)).toMatch(/Trinn 0: Undre seg/);
      expect(offeredConversations(nudge.attachments[0].content).sort()).toEqual([
        "phone_call",
        "wonder_talk_guardians",
      ]);
      // The common offer of step 0 has the talk with the pupil; this ladder's step does not, so it cannot be started.
      const start = (templateId: string) =>
        sendActivity(
          server,
          chat.cardAction("template.start", { ...startButtons(nudge.attachments[0].content)[0], templateId }),
        );
      const refused = await start("wonder_talk_pupil");
      expect(refused.status).toBe(200);
      expect(JSON.stringify(refused.body.value)).toContain("Saken har gått videre");
      const started = await start("wonder_talk_guardians");
      expect(JSON.stringify(started.body.value)).not.toContain("Saken har gått videre");
    } finally {
      await server.stop();
      await recorder.close();
      removeDir(server.dataDir);
      removeDir(laddersDir);
    }
  });

  test("when a ladder file's step names an unknown template, then the service refuses to start and names the file, the step and the field", async () => {
    const laddersDir = mkdtempSync(path.join(os.tmpdir(), "naervaer-ladders-"));
    try {
      const broken = JSON.parse(workedExample());
      broken.steps[1].templates = ["attendance_meeting", "telefonsamtale"];
      writeFileSync(path.join(laddersDir, "maler.json"), JSON.stringify(broken));
      const { code, output } = await runUntilExit({ LADDERS_DIR: laddersDir, NODE_ENV: "test" });
      expect(code).not.toBe(0);
      expect(output).toMatch(/maler\.json is not valid/);
      expect(output).toMatch(/steps\.1\.templates\.1: step 1 names the unknown template "telefonsamtale" in templates/);
    } finally {
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
