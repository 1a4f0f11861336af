/**
 * npm run bench:store [-- --rows N] [--pupils P] [--batch B]
 *
 * The embedded store under a municipality's year: the built server (dist/src/main.js, embedded Cosmos with a
 * data directory, the demo school seeded) gets a roster of P pupils, then N absence registrations as CSV in
 * batches of B rows through POST /api/absence, one batch after the other as a school system sends them.
 * Meanwhile one client asks /healthz every 50 ms and another opens a demo pupil's card («case.refresh», as
 * Teams invokes it) every 100 ms. After the last answer it checks how long until every row is on disk, kills
 * the server with SIGKILL, and times a start on that data until /healthz answers. Prints figures and each
 * target with ✓/✗ (exit code 1 if a target is missed or a row is lost).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { demoSchoolId, playgroundUsers } from "../src/demo/demo-school";
import { readStoredDocuments } from "../src/store/snapshot";
import { serviceNodeFlags } from "./support/server";

const repoRoot = path.resolve(__dirname, "../..");
const ingestKey = "bench-ingest-key-0123456789";
const auth = { authorization: `Bearer ${ingestKey}` };

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Server {
  base: string;
  child: ChildProcess;
  startMs: number;
  /** The store's own restore time and CPU time, from its «embedded_cosmos_restored» log line. */
  restore(): { ms: number; cpuMs: number } | undefined;
}

/** The demo school is seeded on the first start only: seeding again re-evaluates it, which is not the store's start. */
async function startServer(dataDir: string, seedDemo: boolean): Promise<Server> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...serviceNodeFlags(), path.join(repoRoot, "dist/src/main.js")], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
      SEED_DEMO: String(seedDemo),
      INGEST_API_KEY: ingestKey,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let restore: { ms: number; cpuMs: number } | undefined;
  let pending = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.includes('"embedded_cosmos_restored"')) restore = JSON.parse(line) as { ms: number; cpuMs: number };
      else if (/"level":(50|60)/.test(line)) process.stderr.write(`${line}\n`);
    }
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was ready`);
    const health = await fetch(`${base}/healthz`).catch(() => undefined);
    if (health?.ok) return { base, child, startMs: performance.now() - started, restore: () => restore };
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function kill(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGKILL");
  await exited;
}

/** A Bot Connector stand-in that accepts whatever the bot sends. */
async function startConnector(): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(req.method === "POST" && req.url === "/v3/conversations" ? 201 : 200, {
      "content-type": "application/json",
    });
    res.end(JSON.stringify({ id: randomUUID() }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`, close: () => server.close() };
}

function roster(pupils: number) {
  const schools = Math.max(1, Math.ceil(pupils / 200));
  return {
    schools: Array.from({ length: schools }, (_, s) => ({
      id: `bench-s${s}`,
      name: `Benkskolen ${s}`,
      municipality: "Molde",
      ladder: "molde-nordbyen",
      timeZone: "Europe/Oslo",
      schoolYearStart: "2026-08-19",
    })),
    staff: [],
    pupils: Array.from({ length: pupils }, (_, p) => ({
      id: `bench-p${p}`,
      name: `Elev ${p}`,
      schoolId: `bench-s${p % schools}`,
      grade: 7,
      className: "7A",
      contactTeacherIds: [],
    })),
  };
}

/** School days from 19 Aug 2026 on, weekends skipped. */
function schoolDays(count: number): string[] {
  const days: string[] = [];
  for (let d = new Date("2026-08-19T12:00:00Z"); days.length < count; d = new Date(d.getTime() + 86_400_000))
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
  return days;
}

function csvBatches(rows: number, pupils: number, batch: number): string[] {
  const schools = Math.max(1, Math.ceil(pupils / 200));
  const days = schoolDays(Math.ceil(rows / pupils));
  const lines: string[] = [];
  for (let i = 0; i < rows; i += 1) {
    const p = i % pupils;
    const day = days[Math.floor(i / pupils)]!;
    lines.push(
      `r${i},bench-p${p},bench-s${p % schools},${day},${i % 3 === 0 ? "late" : "day"},${i % 2 ? "ja" : "nei"}`,
    );
  }
  const batches: string[] = [];
  for (let i = 0; i < lines.length; i += batch)
    batches.push(["id,pupilId,schoolId,date,kind,documented", ...lines.slice(i, i + batch)].join("\n"));
  return batches;
}

async function post(
  base: string,
  pathname: string,
  body: string,
  type: string,
): Promise<{ status: number; body: any }> {
  const response = await fetch(base + pathname, { method: "POST", headers: { ...auth, "content-type": type }, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

function cardInvoke(serviceUrl: string) {
  const from = { id: `29:${playgroundUsers.alexWilber}`, name: "Alex Wilber", aadObjectId: playgroundUsers.alexWilber };
  const tenantId = "11111111-2222-3333-4444-555555555555";
  return JSON.stringify({
    id: randomUUID(),
    type: "invoke",
    name: "adaptiveCard/action",
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: "nb-NO",
    from,
    recipient: { id: "28:bot-app-id", name: "Nærvær" },
    conversation: { id: "a:bench-chat", conversationType: "personal", tenantId, isGroup: false },
    channelData: { tenant: { id: tenantId } },
    replyToId: "card-message-1",
    value: {
      action: { type: "Action.Execute", verb: "case.refresh", data: { pupilId: "demo-p1" } },
      trigger: "manual",
    },
  });
}

/** Calls `probe` one after the other until stopped; answers each call's latency in ms. */
function sample(everyMs: number, probe: () => Promise<boolean>) {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const ok = await probe().catch(() => false);
      const took = performance.now() - started;
      latencies.push(took);
      if (!ok) failures += 1;
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - took)));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { latencies, failures };
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function countStored(dataDir: string): number {
  return (readStoredDocuments(dataDir, "naervaer").absences ?? []).filter((d) => d.schoolId !== demoSchoolId).length;
}

async function main(): Promise<void> {
  const rows = option("rows", 100_000);
  const pupils = option("pupils", 2_000);
  const batch = option("batch", 1_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "naervaer-store-bench-"));
  const connector = await startConnector();
  let server = await startServer(dataDir, true);
  let ok = true;
  try {
    const rosterAnswer = await post(server.base, "/api/roster", JSON.stringify(roster(pupils)), "application/json");
    if (rosterAnswer.status !== 200) throw new Error(`roster import answered ${rosterAnswer.status}`);
    const batches = csvBatches(rows, pupils, batch);
    const base = server.base;
    const health = sample(50, async () => (await fetch(`${base}/healthz`)).ok);
    const card = sample(100, async () => {
      const answer = await post(base, "/api/messages", cardInvoke(connector.url), "application/json");
      return answer.status === 200 && answer.body?.statusCode === 200;
    });
    const importStarted = performance.now();
    let accepted = 0;
    for (const csv of batches) {
      const answer = await post(base, "/api/absence", csv, "text/csv");
      if (answer.status !== 200)
        throw new Error(`absence import answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      accepted += answer.body.accepted as number;
    }
    const lastAnswer = performance.now();
    const [healthz, cards] = await Promise.all([health.stop(), card.stop()]);
    // The time a look at the disk starts is what counts: reading 100,000 rows back takes the bench a while.
    let lookedAt = performance.now();
    let onDisk = countStored(dataDir);
    while (onDisk < accepted && performance.now() - lastAnswer < 10_000) {
      lookedAt = performance.now();
      onDisk = countStored(dataDir);
    }
    const durableMs = lookedAt - lastAnswer;
    await kill(server);
    server = await startServer(dataDir, false);
    const afterRestart = countStored(dataDir);

    const importSeconds = (lastAnswer - importStarted) / 1000;
    const figures = [
      `rows: ${rows} in ${batches.length} batches of ${batch}, ${pupils} pupils; accepted ${accepted}`,
      `import: ${importSeconds.toFixed(1)} s (${Math.round(accepted / importSeconds)} rows/s)`,
      `on disk after the last answer: ${onDisk} (in a look started ${durableMs.toFixed(0)} ms after it); after SIGKILL and restart: ${afterRestart}`,
      `/healthz during import: ${healthz.latencies.length} calls, p50 ${percentile(healthz.latencies, 50).toFixed(1)} ms, p99 ${percentile(healthz.latencies, 99).toFixed(1)} ms, failures ${healthz.failures}`,
      `card action during import: ${cards.latencies.length} calls, p50 ${percentile(cards.latencies, 50).toFixed(1)} ms, p99 ${percentile(cards.latencies, 99).toFixed(1)} ms, failures ${cards.failures}`,
      `start with that data: ${(server.startMs / 1000).toFixed(2)} s (process spawn to /healthz 200), of which the store's restore ${server.restore()?.ms ?? "?"} ms (${server.restore()?.cpuMs ?? "?"} ms CPU)`,
    ];
    const targets: Array<[string, boolean]> = [
      [
        `every accepted row durable ≤ 10 s after the last answer (${(durableMs / 1000).toFixed(2)} s)`,
        onDisk >= accepted,
      ],
      [`no row lost by SIGKILL (${afterRestart} of ${accepted})`, afterRestart >= accepted],
      [
        `healthz p99 ≤ 50 ms (${percentile(healthz.latencies, 99).toFixed(1)} ms)`,
        percentile(healthz.latencies, 99) <= 50,
      ],
      [`card p99 ≤ 150 ms (${percentile(cards.latencies, 99).toFixed(1)} ms)`, percentile(cards.latencies, 99) <= 150],
      [`start ≤ 5 s (${(server.startMs / 1000).toFixed(2)} s)`, server.startMs <= 5_000],
      [
        `no failed healthz or card call (${healthz.failures + cards.failures})`,
        healthz.failures + cards.failures === 0,
      ],
    ];
    process.stdout.write(`\nbench:store\n${figures.map((f) => `  ${f}`).join("\n")}\n\ntargets\n`);
    for (const [label, met] of targets) process.stdout.write(`  ${met ? "✓" : "✗"} ${label}\n`);
    ok = targets.every(([, met]) => met);
  } finally {
    await kill(server);
    connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: Error) => {
  process.stderr.write(`bench:store failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
