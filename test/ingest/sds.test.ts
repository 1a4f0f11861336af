import * as fs from "fs";
import * as path from "path";
import { parseSdsCsv } from "../../src/ingest";
import type { Roster } from "../../src/domain/roster";

const DIR = path.join(__dirname, "../fixtures/sds");
const T1 = "11111111-1111-4111-8111-111111111111";
const T2 = "22222222-2222-4222-8222-222222222222";
const NURSE = "33333333-3333-4333-8333-333333333333";
const PRINCIPAL = "44444444-4444-4444-8444-444444444444";

function fixture(): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(DIR).map((f) => [f, fs.readFileSync(path.join(DIR, f), "utf8")]));
}

/** The fixture with one file's text changed. */
function withFile(name: string, edit: (text: string) => string): Record<string, string> {
  const files = fixture();
  files[name] = edit(files[name] ?? "");
  return files;
}

const byId = <T>(list: T[], key: (t: T) => string) => [...list].sort((a, b) => key(a).localeCompare(key(b)));

const EXPECTED: Roster = {
  schools: [
    {
      id: "s-brekstad",
      name: "Brekstad skole",
      municipality: "Ørland",
      ladder: "orland-skole",
      timeZone: "Europe/Oslo",
      holidays: [],
    },
    {
      id: "s-botngard",
      name: "Botngård skole",
      municipality: "Ørland",
      ladder: "orland-skole",
      timeZone: "Europe/Oslo",
      holidays: [],
    },
  ],
  staff: [
    {
      aadObjectId: T1,
      name: "Kari Lærer",
      email: "kari.laerer@orland.example",
      roles: [{ schoolId: "s-brekstad", role: "contact_teacher" }],
    },
    {
      aadObjectId: T2,
      name: "Per Koordinator",
      email: "per.koordinator@orland.example",
      roles: [
        { schoolId: "s-botngard", role: "coordinator" },
        { schoolId: "s-botngard", role: "contact_teacher" },
      ],
    },
    { aadObjectId: NURSE, name: "Nina Helsesykepleier", roles: [{ schoolId: "s-brekstad", role: "school_nurse" }] },
    { aadObjectId: PRINCIPAL, name: "Rita Rektor", roles: [{ schoolId: "s-brekstad", role: "principal" }] },
  ],
  pupils: [
    {
      id: "p1",
      name: "Astrid Berg",
      birthDate: "2014-03-02",
      schoolId: "s-brekstad",
      grade: 7,
      className: "7B",
      contactTeacherIds: [T1],
    },
    { id: "p2", name: "Bjørn Dahl, jr.", schoolId: "s-brekstad", grade: 7, className: "7B", contactTeacherIds: [T1] },
    {
      id: "p3",
      name: "Cecilie Eide",
      birthDate: "2011-05-17",
      schoolId: "s-botngard",
      grade: 10,
      className: "10A",
      contactTeacherIds: [T2],
    },
    { id: "p4", name: "David Fjeld", schoolId: "s-brekstad", grade: 7, className: "7B", contactTeacherIds: [T1] },
  ],
};

describe("parseSdsCsv", () => {
  it("when the sample SDS v2.1 set with naervaer.csv is read, then it gives the expected roster and no errors", () => {
    const r = parseSdsCsv(fixture());
    expect(r.rejected).toEqual([]);
    expect(r.accepted.schools).toEqual(EXPECTED.schools);
    expect(byId(r.accepted.staff, (s) => s.aadObjectId)).toEqual(byId(EXPECTED.staff, (s) => s.aadObjectId));
    expect(r.accepted.pupils).toEqual(EXPECTED.pupils);
  });

  it("when naervaer.csv names contact teachers, then pupils get the teachers' aadObjectIds and the teachers get the contact_teacher role", () => {
    const r = parseSdsCsv(fixture());
    const p3 = r.accepted.pupils.find((p) => p.id === "p3");
    expect(p3?.contactTeacherIds).toEqual([T2]); // t2's id comes from an aadObjectId record, not activeDirectoryMatchId
    const t1 = r.accepted.staff.find((s) => s.aadObjectId === T1);
    expect(t1?.roles).toEqual([{ schoolId: "s-brekstad", role: "contact_teacher" }]);
    // a teacher with no Nærvær role (u9) is not imported
    expect(r.accepted.staff.map((s) => s.aadObjectId)).not.toContain("55555555-5555-4555-8555-555555555555");
  });

  it("when file names and headers differ in case or carry a folder, then they are still matched", () => {
    const files = Object.fromEntries(
      Object.entries(fixture()).map(([name, text]) => {
        const [head, ...rest] = text.split("\n");
        return [`export/${name.toUpperCase()}`, [head?.toUpperCase(), ...rest].join("\n")];
      }),
    );
    const r = parseSdsCsv(files);
    expect(r.rejected).toEqual([]);
    expect(r.accepted.pupils).toEqual(EXPECTED.pupils);
  });

  it("when a birth date in demographics.csv is not a date, then that pupil is rejected with file, line and field, and the others are kept", () => {
    const files = withFile("demographics.csv", (t) => t.replace("2011-05-17", "17/17/2011"));
    const r = parseSdsCsv(files);
    expect(r.accepted.pupils.map((p) => p.id)).toEqual(["p1", "p2", "p4"]);
    expect(r.rejected).toEqual([
      expect.objectContaining({
        file: "demographics.csv",
        line: 3,
        row: "pupil p3",
        field: "birthDate",
        value: "17/17/2011",
        expected: expect.stringContaining("YYYY-MM-DD"),
      }),
    ]);
  });

  it("when users.csv has a quoted field with a comma and a line break, then later rows keep their own line numbers", () => {
    const files = withFile("users.csv", (t) =>
      t
        .replace('"Dahl, jr."', '"Dahl,\njr."')
        .replace("p4,p4@orland.example,David,Fjeld,,,,,", "p4,p4@orland.example,,,,,,,"),
    );
    const r = parseSdsCsv(files);
    expect(r.accepted.pupils.find((p) => p.id === "p2")?.name).toBe("Bjørn Dahl,\njr.");
    // p4 is on line 5 of the original file, line 6 once p2's name spans two lines
    expect(r.rejected).toEqual([
      expect.objectContaining({
        file: "users.csv",
        line: 6,
        row: "pupil p4",
        field: "name",
        expected: "text (required)",
      }),
    ]);
  });

  it("when a contactTeacher record names a user who does not exist, then the pupil is rejected on contactTeacherIds at that naervaer.csv line", () => {
    const files = withFile("naervaer.csv", (t) => t.replace("contactTeacher,p2,,t1", "contactTeacher,p2,,t404"));
    const r = parseSdsCsv(files);
    expect(r.accepted.pupils.map((p) => p.id)).toEqual(["p1", "p3", "p4"]);
    expect(r.rejected).toEqual([
      expect.objectContaining({
        file: "naervaer.csv",
        line: 8,
        row: "pupil p2",
        field: "contactTeacherIds",
        value: "t404",
        expected: "the sourcedId of a user in users.csv",
      }),
    ]);
  });

  it("when a contact teacher has no Entra object id, then the teacher and the teacher's pupils are rejected", () => {
    const files = withFile("users.csv", (t) => t.replace(T1, "kari.laerer@orland.example"));
    const r = parseSdsCsv(files);
    expect(r.accepted.pupils.map((p) => p.id)).toEqual(["p3"]);
    expect(r.accepted.staff.map((s) => s.aadObjectId)).not.toContain(T1);
    expect(r.rejected).toContainEqual(
      expect.objectContaining({
        file: "users.csv",
        line: 6,
        row: "staff t1",
        field: "aadObjectId",
        expected: expect.stringContaining("activeDirectoryMatchId"),
      }),
    );
    for (const [line, row] of [
      [7, "pupil p1"],
      [8, "pupil p2"],
      [10, "pupil p4"],
    ] as const) {
      expect(r.rejected).toContainEqual(
        expect.objectContaining({ file: "naervaer.csv", line, row, field: "contactTeacherIds", value: "t1" }),
      );
    }
    // the UPN may contain a name, so it is never echoed
    expect(JSON.stringify(r.rejected)).not.toContain("kari.laerer");
  });

  it("when a school has no ladder, then the school is rejected at its orgs.csv line and its pupils and staff are rejected on schoolId", () => {
    const files = withFile("naervaer.csv", (t) => t.replace("ladder,,s-botngard,orland-skole\n", ""));
    const r = parseSdsCsv(files);
    expect(r.accepted.schools.map((s) => s.id)).toEqual(["s-brekstad"]);
    expect(r.accepted.pupils.map((p) => p.id)).toEqual(["p1", "p2", "p4"]);
    expect(r.rejected).toContainEqual(
      expect.objectContaining({
        file: "orgs.csv",
        line: 4,
        row: "school s-botngard",
        field: "ladder",
        expected: "a ladder record for this school in naervaer.csv",
      }),
    );
    expect(r.rejected).toContainEqual(
      expect.objectContaining({ file: "roles.csv", line: 4, row: "pupil p3", field: "schoolId", value: "s-botngard" }),
    );
    expect(r.rejected).toContainEqual(
      expect.objectContaining({ row: "staff t2", field: "roles[0].schoolId", value: "s-botngard" }),
    );
  });

  it("when a school without a ladder is already known, then it is left as stored and its pupils are accepted", () => {
    const files = withFile("naervaer.csv", (t) => t.replace("ladder,,s-botngard,orland-skole\n", ""));
    const r = parseSdsCsv(files, { knownSchoolIds: ["s-botngard"] });
    expect(r.rejected).toEqual([]);
    expect(r.accepted.schools.map((s) => s.id)).toEqual(["s-brekstad"]);
    expect(r.accepted.pupils.map((p) => p.id)).toEqual(["p1", "p2", "p3", "p4"]);
  });

  it("when naervaer.csv has a bad record type, role or object id, then each line is reported and the rest still applies", () => {
    const files = withFile(
      "naervaer.csv",
      (t) =>
        `${t}sjef,r1,s-brekstad,x\nrole,n1,s-brekstad,nurse\naadObjectId,n1,,not-a-guid\nrole,ghost,s-brekstad,ppt\ntimeZone,,s-brekstad,Europe/Brekstad\n`,
    );
    const r = parseSdsCsv(files);
    expect(r.rejected).toEqual([
      expect.objectContaining({
        file: "naervaer.csv",
        line: 12,
        field: "recordType",
        value: "sjef",
        expected: expect.stringContaining("one of: municipality, ladder"),
      }),
      expect.objectContaining({
        file: "naervaer.csv",
        line: 13,
        field: "value",
        value: "nurse",
        expected: expect.stringContaining("school_nurse"),
      }),
      expect.objectContaining({
        file: "naervaer.csv",
        line: 14,
        field: "value",
        value: "not-a-guid",
        expected: expect.stringContaining("GUID"),
      }),
      expect.objectContaining({
        file: "naervaer.csv",
        line: 15,
        field: "sourcedId",
        value: "ghost",
        expected: "the sourcedId of a user in users.csv",
      }),
      expect.objectContaining({
        file: "naervaer.csv",
        line: 16,
        field: "value",
        value: "Europe/Brekstad",
        expected: "an IANA time zone such as Europe/Oslo",
      }),
    ]);
    expect(r.accepted.schools.find((s) => s.id === "s-brekstad")?.timeZone).toBe("Europe/Oslo");
    expect(r.accepted.pupils).toHaveLength(4);
  });

  it("when naervaer.csv sets a time zone or municipality, then it overrides the default and the parent org", () => {
    const files = withFile(
      "naervaer.csv",
      (t) => `${t}timeZone,,s-brekstad,Arctic/Longyearbyen\nmunicipality,s-brekstad,,Ørland kommune\n`,
    );
    const r = parseSdsCsv(files);
    expect(r.rejected).toEqual([]);
    expect(r.accepted.schools[0]).toMatchObject({
      id: "s-brekstad",
      timeZone: "Arctic/Longyearbyen",
      municipality: "Ørland kommune",
    });
  });

  it("when a pupil's grade is not 1–13, then the pupil is rejected at the roles.csv line", () => {
    const files = withFile("roles.csv", (t) =>
      t.replace("p2,s-brekstad,student,SY2025,7,", "p2,s-brekstad,student,SY2025,KG,"),
    );
    const r = parseSdsCsv(files);
    expect(r.accepted.pupils.map((p) => p.id)).toEqual(["p1", "p3", "p4"]);
    expect(r.rejected).toEqual([
      expect.objectContaining({ file: "roles.csv", line: 3, row: "pupil p2", field: "grade", value: "KG" }),
    ]);
  });

  it("when a pupil's class cannot be told from enrollments and naervaer.csv, then the pupil is rejected on className", () => {
    const files = withFile("naervaer.csv", (t) => t.replace("className,p4,,7B\n", ""));
    const r = parseSdsCsv(files);
    expect(r.accepted.pupils.map((p) => p.id)).toEqual(["p1", "p2", "p3"]);
    expect(r.rejected).toEqual([
      expect.objectContaining({
        file: "users.csv",
        line: 5,
        row: "pupil p4",
        field: "className",
        expected: expect.stringContaining("className record"),
      }),
    ]);
  });

  it("when a required file is missing, then the error names the file and nothing is imported", () => {
    const files = fixture();
    delete files["roles.csv"];
    const r = parseSdsCsv(files);
    expect(r.accepted).toEqual({ schools: [], staff: [], pupils: [] });
    expect(r.rejected).toEqual([
      expect.objectContaining({ file: "roles.csv", field: "(file)", expected: "the file roles.csv (SDS v2.1)" }),
    ]);
  });

  it("when a file lacks a required column, then the column is named at line 1", () => {
    const files = withFile("users.csv", (t) => t.replace("givenName", "firstName"));
    const r = parseSdsCsv(files);
    expect(r.rejected).toEqual([
      expect.objectContaining({
        file: "users.csv",
        line: 1,
        field: "givenName",
        expected: "a column named givenName in users.csv",
      }),
    ]);
  });

  it("when roles.csv refers to an unknown user or org, then that line is reported", () => {
    const files = withFile(
      "roles.csv",
      (t) => `${t}zz,s-brekstad,student,SY2025,7,TRUE,,\np1,org-x,student,SY2025,7,FALSE,,\n`,
    );
    const r = parseSdsCsv(files);
    expect(r.rejected).toEqual([
      expect.objectContaining({ file: "roles.csv", line: 12, field: "userSourcedId", value: "zz" }),
      expect.objectContaining({ file: "roles.csv", line: 13, field: "orgSourcedId", value: "org-x" }),
    ]);
    expect(r.accepted.pupils).toHaveLength(4);
  });
});
