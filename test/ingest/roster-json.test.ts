import { parseRosterJson } from "../../src/ingest";

const T1 = "11111111-1111-4111-8111-111111111111";
const T2 = "22222222-2222-4222-8222-222222222222";

const school = (id: string, extra: object = {}) => ({
  id,
  name: `Skole ${id}`,
  municipality: "Ørland",
  ladder: "orland-skole",
  timeZone: "Europe/Oslo",
  ...extra,
});
const teacher = (aadObjectId: string, schoolId = "s1") => ({
  aadObjectId,
  name: "Kari Lærer",
  email: "kari@example.no",
  roles: [{ schoolId, role: "contact_teacher" }],
});
const pupilRow = (id: string, extra: object = {}) => ({
  id,
  name: "Astrid Berg",
  birthDate: "2014-03-02",
  schoolId: "s1",
  grade: 7,
  className: "7B",
  contactTeacherIds: [T1],
  ...extra,
});

describe("parseRosterJson", () => {
  it("when valid and invalid pupils are mixed, then valid ones are kept and the bad one is named by row, field and expectation", () => {
    const r = parseRosterJson({
      schools: [school("s1")],
      staff: [teacher(T1)],
      pupils: [
        pupilRow("p0"),
        pupilRow("p1"),
        pupilRow("p2"),
        pupilRow("p3", { birthDate: "2014-13-02" }),
        pupilRow("p4"),
      ],
    });
    expect(r.accepted.schools.map((s) => s.id)).toEqual(["s1"]);
    expect(r.accepted.staff.map((s) => s.aadObjectId)).toEqual([T1]);
    expect(r.accepted.pupils.map((p) => p.id)).toEqual(["p0", "p1", "p2", "p4"]);
    expect(r.rejected).toEqual([
      {
        row: "pupils[3]",
        field: "birthDate",
        expected: "a date as YYYY-MM-DD",
        value: "2014-13-02",
        message: "pupils[3], feltet «birthDate»: forventet en dato på formen ÅÅÅÅ-MM-DD, fikk «2014-13-02».",
      },
    ]);
  });

  it("when a row is accepted, then schema defaults are filled in", () => {
    const r = parseRosterJson({
      schools: [{ id: "s1", name: "Brekstad skole", municipality: "Ørland", ladder: "orland-skole" }],
      pupils: [{ id: "p1", name: "Astrid Berg", schoolId: "s1", grade: 7, className: "7B" }],
    });
    expect(r.rejected).toEqual([]);
    expect(r.accepted.schools[0]).toEqual({
      id: "s1",
      name: "Brekstad skole",
      municipality: "Ørland",
      ladder: "orland-skole",
      timeZone: "Europe/Oslo",
      holidays: [],
    });
    expect(r.accepted.pupils[0]?.contactTeacherIds).toEqual([]);
  });

  it("when a name field is invalid, then the error names the field but never echoes the name", () => {
    const longName = `Astrid ${"Berg".repeat(60)}`;
    const r = parseRosterJson({
      schools: [school("s1")],
      staff: [teacher(T1)],
      pupils: [pupilRow("p1", { name: longName })],
    });
    expect(r.accepted.pupils).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    const e = r.rejected[0];
    expect(e).toMatchObject({ row: "pupils[0]", field: "name", expected: "text of at most 200 characters" });
    expect(e).not.toHaveProperty("value");
    expect(JSON.stringify(r.rejected)).not.toContain("Astrid");
  });

  it("when a pupil's school is neither in the roster nor known, then the pupil is rejected on schoolId; knownSchoolIds makes it valid", () => {
    const body = { staff: [teacher(T1, "s-old")], pupils: [pupilRow("p1", { schoolId: "s-old" })] };
    const unknown = parseRosterJson(body);
    expect(unknown.accepted.pupils).toEqual([]);
    expect(unknown.rejected).toEqual([
      expect.objectContaining({
        row: "staff[0]",
        field: "roles[0].schoolId",
        value: "s-old",
        expected: expect.stringContaining("school"),
      }),
      expect.objectContaining({ row: "pupils[0]", field: "schoolId", value: "s-old" }),
      // the teacher was rejected, so the pupil's contact teacher is unknown as well
      expect.objectContaining({ row: "pupils[0]", field: "contactTeacherIds", value: T1 }),
    ]);
    const known = parseRosterJson(body, { knownSchoolIds: ["s-old"] });
    expect(known.rejected).toEqual([]);
    expect(known.accepted.pupils.map((p) => p.id)).toEqual(["p1"]);
  });

  it("when a contact teacher is not among the staff, then the pupil is rejected on contactTeacherIds; knownStaffIds makes it valid", () => {
    const body = {
      schools: [school("s1")],
      staff: [teacher(T1)],
      pupils: [pupilRow("p1", { contactTeacherIds: [T1, T2] })],
    };
    const r = parseRosterJson(body);
    expect(r.accepted.pupils).toEqual([]);
    expect(r.rejected).toEqual([
      expect.objectContaining({
        row: "pupils[0]",
        field: "contactTeacherIds",
        value: T2,
        expected: expect.stringContaining("staff"),
      }),
    ]);
    expect(parseRosterJson(body, { knownStaffIds: [T2] }).accepted.pupils).toHaveLength(1);
  });

  it("when a staff role names an unknown school, then that staff member is rejected and so are pupils who rely on them", () => {
    const r = parseRosterJson({
      schools: [school("s1")],
      staff: [
        teacher(T1),
        {
          aadObjectId: T2,
          name: "Per",
          roles: [
            { schoolId: "s1", role: "coordinator" },
            { schoolId: "s9", role: "principal" },
          ],
        },
      ],
      pupils: [pupilRow("p1", { contactTeacherIds: [T2] })],
    });
    expect(r.accepted.staff.map((s) => s.aadObjectId)).toEqual([T1]);
    expect(r.rejected).toEqual([
      expect.objectContaining({ row: "staff[1]", field: "roles[1].schoolId", value: "s9" }),
      expect.objectContaining({ row: "pupils[0]", field: "contactTeacherIds", value: T2 }),
    ]);
  });

  it("when a role is not a Nærvær role, then the expectation lists the roles", () => {
    const r = parseRosterJson({
      schools: [school("s1")],
      staff: [{ aadObjectId: T1, name: "Kari", roles: [{ schoolId: "s1", role: "teacher" }] }],
    });
    expect(r.rejected).toEqual([
      expect.objectContaining({
        row: "staff[0]",
        field: "roles[0].role",
        value: "teacher",
        expected: "one of: contact_teacher, team_lead, coordinator, principal, school_nurse, ppt, outreach",
      }),
    ]);
  });

  it("when a school is rejected, then pupils at that school are rejected too", () => {
    const r = parseRosterJson({
      schools: [school("s1", { ladder: "" })],
      staff: [],
      pupils: [pupilRow("p1", { contactTeacherIds: [] })],
    });
    expect(r.accepted.schools).toEqual([]);
    expect(r.rejected.map((e) => [e.row, e.field])).toEqual([
      ["schools[0]", "ladder"],
      ["pupils[0]", "schoolId"],
    ]);
  });

  it("when required fields are missing or of the wrong type, then each is reported once with a plain expectation", () => {
    const r = parseRosterJson({
      schools: [school("s1")],
      pupils: [{ id: "p1", name: "A", schoolId: "s1", grade: "7", contactTeacherIds: "x" }],
    });
    expect(r.rejected).toEqual([
      expect.objectContaining({ row: "pupils[0]", field: "grade", expected: "a number", value: "7" }),
      expect.objectContaining({ row: "pupils[0]", field: "className", expected: "text (required)" }),
      expect.objectContaining({
        row: "pupils[0]",
        field: "contactTeacherIds",
        expected: "a list (JSON array)",
        value: "x",
      }),
    ]);
  });

  it("when the same id comes twice, then the last row is kept without an error", () => {
    const r = parseRosterJson({ schools: [school("s1", { name: "Old" }), school("s1", { name: "New" })] });
    expect(r.rejected).toEqual([]);
    expect(r.accepted.schools.map((s) => s.name)).toEqual(["New"]);
  });

  it.each([null, [], "roster", 7])("when the body is %p, then one error says a roster object was expected", (body) => {
    const r = parseRosterJson(body);
    expect(r.accepted).toEqual({ schools: [], staff: [], pupils: [] });
    expect(r.rejected).toEqual([
      expect.objectContaining({ field: "(file)", expected: "a JSON object with the lists schools, staff and pupils" }),
    ]);
  });

  it("when a list is not an array, then that list is reported and the others still read", () => {
    const r = parseRosterJson({ schools: [school("s1")], pupils: { p1: {} } });
    expect(r.accepted.schools).toHaveLength(1);
    expect(r.rejected).toEqual([
      {
        field: "pupils",
        expected: "a list (JSON array)",
        message: "Feltet «pupils»: forventet en liste (JSON-array).",
      },
    ]);
  });
});
