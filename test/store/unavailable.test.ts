import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { createHttpServer } from "../../src/http/create-server";
import { createHealthzHandler } from "../../src/http/handlers/healthz";
import { createLogger } from "../../src/logger";
import { createStore } from "../../src/store/create-store";
import type { SyncFile } from "../../src/store/journal";

const logger = createLogger("silent");

describe("when the embedded store cannot make writes durable", () => {
  test("when fsync fails, then a request that writes answers 503 from the catalogue and /healthz answers 503 until fsync works again", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "naervaer-unavailable-"));
    let failing = false;
    const sync: SyncFile = async (handle) => {
      if (failing) throw Object.assign(new Error("ENOSPC: no space left on device, fsync"), { code: "ENOSPC" });
      await handle.datasync();
    };
    const store = await createStore({ databaseName: "naervaer", dataDir, logger, syncJournal: sync });
    const server = createHttpServer(
      [
        { method: "get", path: "/healthz", handler: createHealthzHandler(store, "test") },
        {
          method: "post",
          path: "/write",
          handler: async (_req, res) => {
            await store.container("cases").items.upsert({ id: `case-${Date.now()}`, pupilId: "p1" });
            res.send(200, { ok: true });
          },
        },
      ],
      { ingest: undefined, read: undefined, audit: undefined, erase: undefined },
      logger,
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const call = async (method: string, pathname: string) => {
      const response = await fetch(base + pathname, { method });
      return { status: response.status, body: (await response.json()) as any };
    };
    try {
      expect((await call("POST", "/write")).status).toBe(200);
      expect((await call("GET", "/healthz")).status).toBe(200);

      failing = true;
      const refused = await call("POST", "/write");
      expect(refused.status).toBe(503);
      expect(refused.body.error).toMatchObject({
        code: "store_unavailable",
        message: expect.stringMatching(/cannot save/),
      });
      const health = await call("GET", "/healthz");
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({
        status: "degraded",
        cosmos: "not-durable",
        problem: expect.stringMatching(/ENOSPC/),
      });

      failing = false;
      const deadline = Date.now() + 5000;
      while ((await call("GET", "/healthz")).status !== 200 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect((await call("GET", "/healthz")).body).toMatchObject({ status: "ok", cosmos: "ok" });
      expect((await call("POST", "/write")).status).toBe(200);
    } finally {
      server.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
