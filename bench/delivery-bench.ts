/**
 * The delivery benchmark: 5,000 nudges to 1,000 teachers of one tenant, decided by one evaluation run and delivered by
 * three instances of the BUILT server that share one store, through a Teams stand-in that enforces Teams' limits and
 * answers 429 (Retry-After) to 10 % of sends and 502-after-delivery to 1 % (bench/support/limited-teams.ts).
 *
 *   npm run bench:delivery -- [--messages 5000] [--teachers 1000] [--instances 3]
 *
 * It prints throughput as a share of Teams' 50 a second, losses, duplicates by case and recipient against the
 * ambiguous failures, and p50/p99 from the decision (the run's start) to delivery.
 */
import { startSharedStore } from "./support/shared-store";
import { startLimitedTeams } from "./support/limited-teams";
import { removeDir, startServer, type RunningServer } from "./support/server";
import { cardText, createTeamsConversation, sendActivity } from "./support/teams";

const key = "delivery-bench-ingest-key-0123456789";
const auth = { authorization: `Bearer ${key}` };

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive whole number`);
  return n;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function main(): Promise<void> {
  const messages = option("messages", 5000);
  const teacherCount = option("teachers", 1000);
  const instances = option("instances", 3);
  const teachers = Array.from({ length: teacherCount }, (_, i) => ({
    aadObjectId: `66666666-0000-0000-0000-${String(i).padStart(12, "0")}`,
    name: `Lærer ${i}`,
  }));
  const coordinator = { aadObjectId: "66666666-0000-0000-0000-999999999999", name: "Tiltaksleder" };
  // Schools of about 200 pupils, evaluated one at a time per instance, as a municipality's daily run spreads them.
  const schoolIds = Array.from({ length: Math.max(1, Math.round(messages / 200)) }, (_, i) => `s${i}`);
  const schoolOf = (teacherIndex: number) => schoolIds[teacherIndex % schoolIds.length]!;
  const pupils = Array.from({ length: messages }, (_, i) => ({
    id: `p${i}`,
    name: `Elev${i} Benk`,
    schoolId: schoolOf(i % teacherCount),
    grade: 6,
    className: "6A",
    contactTeacherIds: [teachers[i % teacherCount]!.aadObjectId],
  }));
  const roster = {
    schools: schoolIds.map((id) => ({
      id,
      name: `Benk skole ${id}`,
      municipality: "Ørland",
      ladder: "orland-skole",
      schoolYearStart: "2026-08-19",
    })),
    staff: [
      ...teachers.map((t, i) => ({ ...t, roles: [{ schoolId: schoolOf(i), role: "contact_teacher" }] })),
      { ...coordinator, roles: schoolIds.map((schoolId) => ({ schoolId, role: "coordinator" })) },
    ],
    pupils,
  };
  // One undocumented day each: Ørland's trinn 0, one nudge per pupil to its kontaktlærer.
  const absence = pupils.map((p) => ({
    id: `d-${p.id}`,
    pupilId: p.id,
    schoolId: p.schoolId,
    date: "2026-11-16",
    kind: "day",
    documented: false,
  }));

  const teams = await startLimitedTeams({ share429: 0.1, share502: 0.01 });
  const store = await startSharedStore();
  const servers: RunningServer[] = [];
  try {
    for (let i = 0; i < instances; i++)
      servers.push(
        await startServer({
          env: { INGEST_API_KEY: key, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "error", ...store.env },
        }),
      );
    const first = servers[0]!;
    expect((await first.post("/api/roster", roster, auth)).status === 200, "roster import");
    // One person has the app: the tenant and the Bot Connector's address are known; the rest get a new 1:1 chat.
    await sendActivity(
      first,
      createTeamsConversation(coordinator, {
        serviceUrl: teams.serviceUrl,
        conversationId: `a:${coordinator.aadObjectId}`,
      }).installationUpdate("add"),
    );
    await new Promise((r) => setTimeout(r, 1500));
    teams.delivered.length = 0;
    for (let i = 0; i < absence.length; i += 5000)
      expect((await first.post("/api/absence", absence.slice(i, i + 5000), auth)).status === 200, "absence import");

    process.stderr.write(`  roster and absence loaded; evaluating while Teams holds every send back\n`);
    // Teams answers 429 until every school is evaluated: the whole run is queued, and the drain is measured from full.
    teams.setClosed(true);
    const decided = Date.now();
    const waiting = [...schoolIds];
    await Promise.all(
      servers.map(async (server) => {
        for (let schoolId = waiting.shift(); schoolId; schoolId = waiting.shift())
          expect(
            (await server.post("/api/evaluate", { date: "2026-11-16", schoolId }, auth)).status === 200,
            "evaluation",
          );
      }),
    );
    const runSeconds = (Date.now() - decided) / 1000;
    const openedAt = Date.now();
    const queued = (await first.get("/healthz")).body.outbox?.pending as number;
    teams.setClosed(false);
    const nudgeOf = (body: unknown) => /Fravær å følge opp: (Elev\d+) Benk/.exec(cardText(body))?.[1];
    const delivered = () => teams.delivered.filter((d) => nudgeOf(d.body));
    const deadline = Date.now() + Number(process.env.BENCH_WAIT_MINUTES ?? 20) * 60_000;
    for (;;) {
      const unique = new Set(delivered().map((d) => `${d.conversationId}|${nudgeOf(d.body)}`));
      if (unique.size >= messages || Date.now() > deadline) break;
      if ((Date.now() - decided) % 10_000 < 1000)
        process.stderr.write(`  … ${Math.round((Date.now() - decided) / 1000)} s: ${unique.size} delivered\n`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const all = delivered();
    const byKey = new Map<string, number>();
    for (const d of all)
      byKey.set(
        `${d.conversationId}|${nudgeOf(d.body)}`,
        (byKey.get(`${d.conversationId}|${nudgeOf(d.body)}`) ?? 0) + 1,
      );
    const duplicates = [...byKey.values()].reduce((n, c) => n + c - 1, 0);
    const lost = messages - byKey.size;
    const times = all.map((d) => d.at).sort((a, b) => a - b);
    const firstArrival = times[0] ?? decided;
    const lastArrival = times[times.length - 1] ?? decided;
    // From Teams opening (the backlog full) to the last message: the outbox's drain rate, what the ceiling bounds.
    const perSecond = byKey.size / Math.max(0.001, (lastArrival - Math.min(firstArrival, openedAt)) / 1000);
    const latency = times.map((t) => (t - openedAt) / 1000);
    const health = (await first.get("/healthz")).body.outbox;
    console.log(
      `Delivery benchmark: ${messages} nudges to ${teacherCount} teachers, ${instances} instances, one store`,
    );
    console.log(
      `  evaluation of ${schoolIds.length} schools answered after ${runSeconds.toFixed(1)} s (it queues; it does not wait on Teams)`,
    );
    console.log(`  queued when Teams opened: ${queued}`);
    console.log(`  delivered ${byKey.size} of ${messages}: lost ${lost} (target 0)`);
    console.log(
      `  throughput ${perSecond.toFixed(1)}/s = ${((perSecond / 50) * 100).toFixed(1)} % of Teams' 50/s (target ≥ 96 %)`,
    );
    console.log(
      `  duplicates ${duplicates}; ambiguous failures (502 after delivery) ${teams.counts.injected502} (target: duplicates ≤ those)`,
    );
    console.log(
      `  429s: ${teams.counts.injected429} injected, ${teams.counts.throttledByLimit} for going over a limit; chats opened ${teams.counts.conversationsCreated}`,
    );
    console.log(
      `  Teams open → delivery: p50 ${percentile(latency, 0.5).toFixed(1)} s, p99 ${percentile(latency, 0.99).toFixed(1)} s (the backlog of ${messages} at 50/s takes ${(messages / 50).toFixed(0)} s)`,
    );
    // Where the time from full to empty goes: the start (instances still honouring the closed phase's Retry-After),
    // the steady middle, and the tail (items waiting out a 429 or a backoff).
    const at = (share: number) => times[Math.min(times.length - 1, Math.floor(times.length * share))] ?? openedAt;
    const middle = (0.8 * times.length) / Math.max(0.001, (at(0.9) - at(0.1)) / 1000);
    console.log(
      `  of it: first arrival ${((firstArrival - openedAt) / 1000).toFixed(1)} s after opening; 10 → 90 % at ` +
        `${middle.toFixed(1)}/s; the last 10 % took ${((lastArrival - at(0.9)) / 1000).toFixed(1)} s`,
    );
    console.log(`  outbox after: ${JSON.stringify(health)}`);
    const ok = lost === 0 && duplicates <= teams.counts.injected502 && perSecond / 50 >= 0.96;
    console.log(ok ? "  all targets met" : "  TARGET MISSED");
  } finally {
    if (process.env.BENCH_LOG_LEVEL) for (const server of servers) console.log(server.output().slice(-3000));
    for (const server of servers) {
      await server.stop();
      removeDir(server.dataDir);
    }
    await store.stop();
    await teams.close();
  }
}

function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(`${what} failed`);
}

void main().catch((error: Error) => {
  console.error(error.message, (error as { cause?: unknown }).cause ?? "");
  process.exit(1);
});
