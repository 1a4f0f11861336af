import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { errorCatalog } from "../errors";
import { repoRoot } from "../paths";
import type { Logger } from "../logger";

const configFile = path.join(repoRoot, "infra/playground/m365agentsplayground.yml");

export interface Playground {
  url: string;
  stop(): Promise<void>;
}

function resolvePlaygroundCli(): string {
  try {
    return path.join(path.dirname(require.resolve("@microsoft/m365agentsplayground/package.json")), "cli.js");
  } catch {
    throw new Error(errorCatalog.playgroundMissing());
  }
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(errorCatalog.playgroundExited(child.exitCode, configFile));
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The Agents Playground did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts Microsoft's Agents Playground (the local Teams client) against the bot. Its locale comes from
 * LANG of its process, so it talks to Nærvær as a Norwegian (nb-NO) Teams client would.
 */
export async function startPlayground(botEndpoint: string, port: number, logger: Logger): Promise<Playground> {
  const child = spawn(
    process.execPath,
    [resolvePlaygroundCli(), "-e", botEndpoint, "-c", "msteams", "-p", String(port), "--disable-telemetry"],
    {
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
        TEAMSAPPTESTER_BROWSER: "none",
        LANG: "nb_NO.UTF-8",
        LC_ALL: "nb_NO.UTF-8",
        TZ: "Europe/Oslo",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (chunk: Buffer) =>
    logger.debug({ event: "playground_output", line: chunk.toString().trim().slice(0, 200) }),
  );
  child.stderr?.on("data", (chunk: Buffer) =>
    logger.debug({ event: "playground_error", line: chunk.toString().trim().slice(0, 200) }),
  );
  const url = `http://localhost:${port}`;
  await waitForHttp(url, 60_000, child);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}
