import { eraseAuth, readAuth, removeDir, startServer, type RunningServer } from "../support/server";

const ingestAuth = { authorization: "Bearer api-keys-test-ingest-key-01" };
const roster = {
  schools: [{ id: "s1", name: "Skolen", municipality: "Molde", ladder: "molde-nordbyen" }],
  pupils: [{ id: "p1", name: "Elev En", schoolId: "s1", grade: 7, className: "7A" }],
};

describe("each API key opens only its own endpoints", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ env: { INGEST_API_KEY: "api-keys-test-ingest-key-01" } });
    expect((await server.post("/api/roster", roster, ingestAuth)).status).toBe(200);
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it("when a roster export job's import key asks for a pupil's case or the report, then it is refused", async () => {
    expect((await server.get("/api/pupils/p1/status", ingestAuth)).status).toBe(401);
    expect((await server.get("/api/schools/s1/report", ingestAuth)).status).toBe(401);
    expect((await server.delete("/api/pupils/p1", ingestAuth)).status).toBe(401);
  });

  it("when the read key is used to import or erase, then it is refused, and it reads what it is for", async () => {
    expect((await server.post("/api/roster", roster, readAuth)).status).toBe(401);
    expect((await server.delete("/api/pupils/p1", readAuth)).status).toBe(401);
    expect((await server.get("/api/pupils/p1/status", readAuth)).status).toBe(200);
  });

  it("when the erasure key is used to read, then it is refused, and it erases what it is for", async () => {
    expect((await server.get("/api/pupils/p1/status", eraseAuth)).status).toBe(401);
    const erased = await server.delete("/api/pupils/p1", eraseAuth);
    expect(erased.status).toBe(200);
    expect(erased.body.pupilId).toBe("p1");
  });
});

describe("an API whose key is not set", () => {
  it("when READ_API_KEY is not set, then the read APIs answer 503 naming the variable", async () => {
    const server = await startServer({ env: { INGEST_API_KEY: "api-keys-test-ingest-key-01", READ_API_KEY: "" } });
    try {
      const res = await server.get("/api/pupils/p1/status", readAuth);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(/READ_API_KEY/);
    } finally {
      await server.stop();
      removeDir(server.dataDir);
    }
  });
});
