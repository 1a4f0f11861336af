import { removeDir, startServer, type RunningServer, readAuth } from "../support/server";

const key = "test-ingest-key-0123456789";
const auth = { authorization: `Bearer ${key}` };

const goodSchool = { id: "s-ok", name: "Godskolen", municipality: "Lillestrøm", ladder: "lillestrom" };
const teacher = {
  aadObjectId: "11111111-0000-0000-0000-000000000001",
  name: "Kari Lærer",
  roles: [{ schoolId: "s-ok", role: "contact_teacher" }],
};
const pupil = (id: string) => ({
  id,
  name: "Elev",
  schoolId: "s-ok",
  grade: 7,
  className: "7A",
  contactTeacherIds: [teacher.aadObjectId],
});

describe("validation at the door (roster and absence imports)", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ env: { INGEST_API_KEY: key } });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it("when a school names a time zone that does not exist, then that row is refused naming the field and nothing else is lost", async () => {
    const res = await server.post(
      "/api/roster",
      { schools: [goodSchool, { ...goodSchool, id: "s-zone", timeZone: "Europe/0slo" }], staff: [teacher] },
      auth,
    );
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected).toEqual([
      expect.objectContaining({
        row: "schools[1]",
        field: "timeZone",
        expected: "an IANA time zone such as Europe/Oslo",
      }),
    ]);
  });

  it("when a school's ladderSettings name a setting its ladder does not have, or a value it does not allow, then the school is refused at import", async () => {
    const res = await server.post(
      "/api/roster",
      {
        schools: [
          { ...goodSchool, id: "s-nope", ladderSettings: { nope: 1 } },
          { ...goodSchool, id: "s-value", ladderSettings: { highValidAbsence: "every_day" } },
          { ...goodSchool, id: "s-fine", ladderSettings: { highValidAbsence: "over_five_in_term" } },
        ],
      },
      auth,
    );
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(1);
    const fields = res.body.rejected.map((e: { row: string; field: string }) => `${e.row}:${e.field}`);
    expect(fields).toEqual(["school s-nope:ladderSettings", "school s-value:ladderSettings"]);
    expect(res.body.rejected[0].expected).toMatch(/nope/);
  });

  it("when ids contain a slash, a backslash or #, then those rows are refused with a row error and the rows after them are saved", async () => {
    await server.post("/api/roster", { schools: [goodSchool], staff: [teacher] }, auth);
    const res = await server.post(
      "/api/roster",
      { pupils: [pupil("p-1"), pupil("p/2"), pupil("p\\3"), pupil("p#4"), pupil("p-5")] },
      auth,
    );
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected.map((e: { row: string; field: string }) => `${e.row}:${e.field}`)).toEqual([
      "pupils[1]:id",
      "pupils[2]:id",
      "pupils[3]:id",
    ]);
    const status = await server.get("/api/pupils/p-5/status", readAuth);
    expect(status.status).toBe(200);

    const csv = [
      "id,pupilId,schoolId,date,kind,documented",
      "a/1,p-1,s-ok,2026-11-05,day,ja",
      "a2,p-1,s-ok,2026-11-06,day,ja",
    ];
    const absence = await server.post("/api/absence", csv.join("\n"), { ...auth, "content-type": "text/csv" });
    expect(absence.status).toBe(200);
    expect(absence.body.accepted).toBe(1);
    expect(absence.body.rejected).toEqual([expect.objectContaining({ line: 2, field: "id" })]);
  });

  it("when a file has more bad rows than an answer lists, then the answer lists the first 1,000 and counts them all", async () => {
    const lines = ["id,pupilId,schoolId,date,kind,documented"];
    for (let i = 0; i < 2500; i++) lines.push(`x${i},unknown-${i},s-ok,2026-11-05,day,ja`);
    lines.push("ok1,p-1,s-ok,2026-11-09,day,nei");
    const res = await server.post("/api/absence", lines.join("\n"), { ...auth, "content-type": "text/csv" });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected).toHaveLength(1000);
    expect(res.body.rejectedTotal).toEqual({ errors: 2500, rows: 2500 });
  });
});
