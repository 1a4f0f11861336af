import { spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../../src/paths";
import { embeddedCosmosKey } from "../../src/store/embedded-cosmos";

export interface SharedStore {
  /** The settings that point a server at this store, as at a Cosmos account. */
  env: { COSMOS_ENDPOINT: string; COSMOS_KEY: string };
  stop(): Promise<void>;
}

/** Starts the embedded Cosmos server in its own process (dist/bench/support/store-main.js), for several servers to share. */
export async function startSharedStore(): Promise<SharedStore> {
  const child = spawn(process.execPath, [path.join(repoRoot, "dist/bench/support/store-main.js")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve((JSON.parse(line) as { endpoint: string }).endpoint);
    });
    child.once("exit", (code) => reject(new Error(`the shared store exited with ${code}`)));
  });
  return {
    env: { COSMOS_ENDPOINT: endpoint, COSMOS_KEY: embeddedCosmosKey },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
