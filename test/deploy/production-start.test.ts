import { execFileSync } from "node:child_process";
import path from "node:path";
import { runUntilExit } from "../support/server";

const production = {
  NODE_ENV: "production",
  BOT_ID: "11111111-2222-3333-4444-555555555555",
  BOT_PASSWORD: "secret",
  BOT_TENANT_ID: "11111111-2222-3333-4444-555555555555",
  INGEST_API_KEY: "0123456789abcdef0123",
  // Nothing listens here: an account the network cannot reach.
  COSMOS_ENDPOINT: "https://127.0.0.1:1/",
};

describe("the service started as in production", () => {
  test("when Cosmos DB cannot be reached with the managed identity, then it stops fast naming the endpoint and the fix, and never loads the demo or the embedded database", async () => {
    const { code, output } = await runUntilExit(production, 60_000);
    expect(code).toBe(1);
    expect(output).toMatch(/cannot reach Cosmos DB at https:\/\/127\.0\.0\.1:1\//);
    expect(output).toMatch(/Built-in Data Contributor/);
    expect(output).not.toMatch(/Playground|demo/);
  });

  test("when an account key is given, then the same failure names the endpoint too", async () => {
    const { code, output } = await runUntilExit({ ...production, COSMOS_KEY: "a2V5" }, 60_000);
    expect(code).toBe(1);
    expect(output).toMatch(/cannot reach Cosmos DB at https:\/\/127\.0\.0\.1:1\//);
  });

  test("when the store module is loaded, then the embedded database is not: it loads only when no COSMOS_ENDPOINT is set", () => {
    const built = path.resolve(__dirname, "../../dist/src/store/create-store.js");
    const loaded = execFileSync(process.execPath, [
      "-e",
      `require(${JSON.stringify(built)}); console.log(Object.keys(require.cache).some((m) => m.includes("cosmosdb-server")))`,
    ]);
    expect(loaded.toString().trim()).toBe("false");
  });

  test("when npm start runs under NODE_ENV=production, then it starts the service (here: stops at Cosmos DB), never the demo or a build", () => {
    let output = "";
    try {
      execFileSync("npm", ["start", "--silent"], {
        cwd: path.resolve(__dirname, "../.."),
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...production },
        stdio: "pipe",
        timeout: 60_000,
      });
    } catch (error) {
      output = String((error as { stdout?: Buffer }).stdout) + String((error as { stderr?: Buffer }).stderr);
    }
    expect(output).toMatch(/cannot reach Cosmos DB/);
    expect(output).not.toMatch(/tsc -p|Playground|SEED_DEMO/);
  });
});
