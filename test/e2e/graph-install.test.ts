import http from "node:http";
import type { AddressInfo } from "node:net";
import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { removeDir, startServer, type RunningServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "graph-install-ingest-key-0001";
const auth = { authorization: `Bearer ${key}` };
const teamsAppId = "0f0e0d0c-0000-4000-8000-00000000abcd";
const teacher = { aadObjectId: "99999999-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
const blocked = { aadObjectId: "99999999-0000-0000-0000-000000000002", name: "Bjørn Blokkert" };
const coordinator = { aadObjectId: "99999999-0000-0000-0000-000000000003", name: "Tone Tiltaksleder" };

/**
 * Microsoft Graph as the bot meets it: the organisation's catalogue has the app under its manifest id, and installing
 * it for a user makes Teams let the bot open a chat with them (the connector stand-in stops answering 403). `refuse`:
 * users Graph will not install for (403, as without the permission).
 */
async function startGraphStandIn(recorder: ConnectorRecorder) {
  const calls: { method: string; path: string; body: any }[] = [];
  const refuse = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://localhost");
      calls.push({
        method: req.method ?? "",
        path: decodeURIComponent(url.pathname + url.search),
        body: raw && JSON.parse(raw),
      });
      res.setHeader("content-type", "application/json");
      if (req.method === "GET" && url.pathname === "/v1.0/appCatalogs/teamsApps") {
        const wanted = url.searchParams.get("$filter") === `externalId eq '${teamsAppId}'`;
        res.end(JSON.stringify({ value: wanted ? [{ id: "catalog-app-1", externalId: teamsAppId }] : [] }));
        return;
      }
      const install = url.pathname.match(/^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/);
      if (req.method === "POST" && install) {
        const user = decodeURIComponent(install[1]!);
        if (refuse.has(user)) {
          res.statusCode = 403;
          res.end(JSON.stringify({ error: { code: "Forbidden", message: "Missing role permissions" } }));
          return;
        }
        recorder.withoutApp.delete(user);
        res.statusCode = 201;
        res.end("{}");
        return;
      }
      res.statusCode = 404;
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`,
    calls,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("the bot installs itself through Microsoft Graph for a teacher who does not have the app", () => {
  let recorder: ConnectorRecorder;
  let graph: Awaited<ReturnType<typeof startGraphStandIn>>;
  let server: RunningServer;

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    graph = await startGraphStandIn(recorder);
    server = await startServer({
      env: {
        INGEST_API_KEY: key,
        BOT_SERVICE_URL: "http://127.0.0.1:1/",
        TEST_CLOCK: "true",
        GRAPH_SELF_INSTALL: "true",
        TEAMS_APP_ID: teamsAppId,
        GRAPH_ENDPOINT: graph.url,
      },
    });
    await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
    const pupil = (id: string, name: string, teacherId: string) => ({
      id,
      name,
      schoolId: "s1",
      grade: 6,
      className: "6A",
      contactTeacherIds: [teacherId],
    });
    const roster = {
      schools: [{ id: "s1", name: "Nordbyen skole", municipality: "Molde", ladder: "molde-nordbyen" }],
      staff: [
        { ...teacher, roles: [{ schoolId: "s1", role: "contact_teacher" }] },
        { ...blocked, roles: [{ schoolId: "s1", role: "contact_teacher" }] },
        { ...coordinator, roles: [{ schoolId: "s1", role: "coordinator" }] },
      ],
      pupils: [pupil("p1", "Mia Testesen", teacher.aadObjectId), pupil("p2", "Ola Prøvesen", blocked.aadObjectId)],
    };
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    const leaderChat = createTeamsConversation(coordinator, {
      serviceUrl: recorder.serviceUrl,
      conversationId: "a:leader",
    });
    await sendActivity(server, leaderChat.installationUpdate("add"));
    recorder.withoutApp.add(teacher.aadObjectId);
    recorder.withoutApp.add(blocked.aadObjectId);
    graph.refuse.add(blocked.aadObjectId);
    recorder.clear();
    const events = ["p1", "p2"].map((pupilId, i) => ({
      id: `e${i}`,
      pupilId,
      schoolId: "s1",
      date: "2026-11-16",
      kind: "day",
      documented: false,
    }));
    expect((await server.post("/api/absence", events, auth)).body.accepted).toBe(2);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
    await server.delivered();
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    await graph.close();
    removeDir(server.dataDir);
  });

  test("when Teams answers 403 for the teacher, then Nærvær installs the app for her through Graph and the nudge reaches her own chat, once", async () => {
    const installs = graph.calls.filter((c) => c.method === "POST");
    expect(installs.map((c) => c.path)).toContain(`/v1.0/users/${teacher.aadObjectId}/teamwork/installedApps`);
    const forTeacher = installs.find((c) => c.path.includes(teacher.aadObjectId))!;
    expect(forTeacher.body).toEqual({ "teamsApp@odata.bind": `${graph.url}/appCatalogs/teamsApps/catalog-app-1` });
    const opened = recorder.calls.filter(
      (c) => c.method === "POST" && c.path === "/v3/conversations" && c.body.members?.[0]?.id === teacher.aadObjectId,
    );
    // Refused once (no app), opened once after the installation.
    expect(opened).toHaveLength(2);
    const mia = recorder.sentActivities().filter((a) => cardText(a).includes("Mia Testesen"));
    expect(mia).toHaveLength(1);
    expect(recorder.sentActivities("a:leader").map(cardText).join()).not.toMatch(/Mia Testesen/);
  });

  test("when Graph refuses to install (no permission), then the nudge goes down the fallback chain to the tiltaksleder, as without Graph", async () => {
    expect(graph.calls.some((c) => c.method === "POST" && c.path.includes(blocked.aadObjectId))).toBe(true);
    const toLeader = await recorder.waitFor((a) =>
      a.some((x) => x.conversation?.id === "a:leader" && /Ola Prøvesen/.test(cardText(x))),
    );
    const told = toLeader.filter((x) => x.conversation?.id === "a:leader").map(cardText);
    expect(told.some((t) => /Ola Prøvesen/.test(t) && /ingen kontaktlærer kunne nås/.test(t))).toBe(true);
  });

  test("when the catalogue is asked for the app, then it is by the manifest id, and only once", async () => {
    const lookups = graph.calls.filter((c) => c.method === "GET");
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.path).toBe(`/v1.0/appCatalogs/teamsApps?$filter=externalId eq '${teamsAppId}'`);
  });
});
