import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { readStoredDocuments } from "../../src/store/snapshot";
import { repoRoot } from "../../src/paths";

/** The V8 flags the service runs with in production (package.json's "serve"), so that tests and benches run it so too. */
export function serviceNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: { serve: string } };
  const words = pkg.scripts.serve.split(/\s+/);
  return words.slice(1, words.indexOf("dist/src/main.js"));
}

/** The keys startServer gives the read, audit and erasure APIs (each test sets its own INGEST_API_KEY). */
export const testKeys = {
  read: "test-read-key-0123456789",
  audit: "test-audit-key-0123456789",
  erase: "test-erase-key-0123456789",
};
export const readAuth = { authorization: `Bearer ${testKeys.read}` };
export const auditAuth = { authorization: `Bearer ${testKeys.audit}` };
export const eraseAuth = { authorization: `Bearer ${testKeys.erase}` };

export interface RunningServer {
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  post(pathname: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  get(pathname: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  delete(pathname: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Waits until the outbox has nothing pending: everything decided so far was delivered (or is dead). */
  delivered(timeoutMs?: number): Promise<void>;
  /** Stops the process with SIGTERM (a clean shutdown) and waits for it. */
  stop(): Promise<number | null>;
  /** Kills the process with SIGKILL (a crash) and waits for it. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Reuse a data directory, e.g. to check that data survives a restart. */
  dataDir?: string;
  /** The compiled entry point to run; tests use the built server, as production does. */
  entry?: string;
  /** Options for node itself, e.g. --cpu-prof to profile the server. */
  nodeArgs?: string[];
}

/**
 * Starts the real, built server (dist/) as a child process on a free port and waits until /healthz answers. The port
 * is free when chosen, but the child's embedded Cosmos server listens on a random port before the service does and
 * may take it: then the service exits with EADDRINUSE, and it is started again on another port.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "naervaer-test-"));
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOn(await freePort(), { ...options, dataDir });
    } catch (error) {
      if (attempt >= 3 || !(error as Error).message.includes("EADDRINUSE")) throw error;
    }
  }
}

async function startServerOn(port: number, options: StartOptions & { dataDir: string }): Promise<RunningServer> {
  const { dataDir } = options;
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [...serviceNodeFlags(), ...(options.nodeArgs ?? []), path.join(repoRoot, options.entry ?? "dist/src/main.js")],
    {
      cwd: dataDir,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "test",
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: "info",
        READ_API_KEY: testKeys.read,
        AUDIT_API_KEY: testKeys.audit,
        ERASE_API_KEY: testKeys.erase,
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;

  const request = async (method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) => {
    const isText = typeof body === "string";
    const response = await fetch(baseUrl + pathname, {
      method,
      headers:
        body === undefined ? headers : { "content-type": isText ? "text/plain" : "application/json", ...headers },
      body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed };
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`Server exited with ${child.exitCode} before it was ready:\n${output}`);
    try {
      const health = await fetch(`${baseUrl}/healthz`);
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Server did not become healthy within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    baseUrl,
    port,
    dataDir,
    output: () => output,
    post: (pathname, body, headers) => request("POST", pathname, body, headers),
    get: (pathname, headers) => request("GET", pathname, undefined, headers),
    delete: (pathname, headers) => request("DELETE", pathname, undefined, headers),
    async delivered(timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await request("GET", "/healthz");
        if (body?.outbox?.pending === 0) return;
        if (Date.now() > until)
          throw new Error(`The outbox still had ${body?.outbox?.pending} pending after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Runs the built server expecting it to refuse to start; returns its exit code and output. */
export async function runUntilExit(
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [...serviceNodeFlags(), path.join(repoRoot, "dist/src/main.js")], {
    cwd: os.tmpdir(),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

/** The items of one container as the server's embedded store has them on disk (every acknowledged write). */
export function storedItems(dataDir: string, container: string): any[] {
  return readStoredDocuments(dataDir, "naervaer")[container] ?? [];
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
