import { isTimeZone, staffRoles, type Roster, type StaffRole } from "../domain/roster";
import { cell, missingColumns, readCsv, type CsvRow, type CsvTable } from "./csv";
import { oneOf, requiredColumn } from "./expectations";
import { rowError, type Expectation, type ParseResult, type RowError } from "./row-error";
import { validateRoster, type Candidate, type RosterParseOptions } from "./roster-validate";
import { isGuid, parseBooleanCell, parseGrade, parseSdsDate } from "./values";

/**
 * Microsoft School Data Sync (SDS) v2.1 CSV files, plus Nærvær's own naervaer.csv.
 * See docs/data-formats.md, "Roster from SDS v2.1", for what is read from each file.
 */
export type SdsParseOptions = RosterParseOptions;

/** The files parseSdsCsv reads (file names are matched case-insensitively, directories ignored). */
export const SDS_FILES = {
  "orgs.csv": { required: true, columns: ["sourcedId", "name", "type"] },
  "users.csv": { required: true, columns: ["sourcedId", "givenName", "familyName"] },
  "roles.csv": { required: true, columns: ["userSourcedId", "orgSourcedId", "role"] },
  "classes.csv": { required: false, columns: ["sourcedId", "orgSourcedId", "title"] },
  "enrollments.csv": { required: false, columns: ["classSourcedId", "userSourcedId", "role"] },
  "demographics.csv": { required: false, columns: ["userSourcedId", "birthDate"] },
  "naervaer.csv": { required: false, columns: ["recordType", "sourcedId", "schoolId", "value"] },
} as const;
type SdsFile = keyof typeof SDS_FILES;

/** Read but not used: relationships.csv (guardians), academicSessions.csv, courses.csv, userFlags.csv. */
export const SDS_IGNORED_FILES = ["relationships.csv", "academicsessions.csv", "courses.csv", "userflags.csv"] as const;

/** SDS roles.csv roles that give a Nærvær role by themselves. Others (teacher, administrator…) need naervaer.csv. */
export const SDS_ROLE_MAP: Readonly<Record<string, StaffRole>> = { principal: "principal", nurse: "school_nurse" };

/** SDS org types whose name is taken as a school's municipality when it is the school's parent. */
const MUNICIPALITY_ORG_TYPES = new Set(["municipality", "district", "localauthority"]);

/** naervaer.csv record types (written in any case; "contact_teacher" = "contactTeacher"). */
export const NAERVAER_RECORD_TYPES = [
  "municipality",
  "ladder",
  "timeZone",
  "role",
  "contactTeacher",
  "aadObjectId",
  "className",
] as const;
type RecordType = (typeof NAERVAER_RECORD_TYPES)[number];
const RECORD_TYPE_BY_KEY = new Map<string, RecordType>(NAERVAER_RECORD_TYPES.map((t) => [t.toLowerCase(), t]));

const X = {
  file: (f: string): Expectation => ({ en: `the file ${f} (SDS v2.1)`, nb: `filen ${f} (SDS v2.1)` }),
  user: { en: "the sourcedId of a user in users.csv", nb: "sourcedId til en bruker i users.csv" },
  org: { en: "the sourcedId of an org in orgs.csv", nb: "sourcedId til en organisasjon i orgs.csv" },
  school: {
    en: "the sourcedId of a school (type school) in orgs.csv",
    nb: "sourcedId til en skole (type school) i orgs.csv",
  },
  schoolOrKnown: {
    en: "the sourcedId of a school in orgs.csv or already known to Nærvær",
    nb: "sourcedId til en skole i orgs.csv eller som Nærvær allerede kjenner",
  },
  pupil: {
    en: "the sourcedId of a pupil (a user with role student in roles.csv)",
    nb: "sourcedId til en elev (en bruker med rollen student i roles.csv)",
  },
  cls: { en: "the sourcedId of a class in classes.csv", nb: "sourcedId til en klasse i classes.csv" },
  value: { en: "a value", nb: "en verdi" },
  guid: {
    en: "an Entra ID object id (a GUID such as 00000000-0000-0000-0000-000000000000)",
    nb: "en objekt-ID fra Entra ID (en GUID som 00000000-0000-0000-0000-000000000000)",
  },
  aad: {
    en: "an Entra ID object id (GUID): users.csv activeDirectoryMatchId, or an aadObjectId record in naervaer.csv",
    nb: "en objekt-ID fra Entra ID (GUID): activeDirectoryMatchId i users.csv, eller en aadObjectId-post i naervaer.csv",
  },
  timeZone: { en: "an IANA time zone such as Europe/Oslo", nb: "en IANA-tidssone som Europe/Oslo" },
  ladder: {
    en: "a ladder record for this school in naervaer.csv",
    nb: "en ladder-post for denne skolen i naervaer.csv",
  },
  municipality: {
    en: "a municipality record for this school in naervaer.csv (or a parent org of type municipality in orgs.csv)",
    nb: "en municipality-post for denne skolen i naervaer.csv (eller en overordnet organisasjon av typen municipality i orgs.csv)",
  },
  grade: {
    en: "a grade from 1 to 13 in roles.csv (e.g. 7 or 07)",
    nb: "et trinn fra 1 til 13 i roles.csv (f.eks. 7 eller 07)",
  },
  date: {
    en: "a date as YYYY-MM-DD (also YYYYMMDD, M/D/YYYY or D.M.YYYY)",
    nb: "en dato på formen ÅÅÅÅ-MM-DD (eller ÅÅÅÅMMDD, M/D/ÅÅÅÅ eller D.M.ÅÅÅÅ)",
  },
  className: {
    en: "the pupil's class: a className record in naervaer.csv, or exactly one class (basisgruppe) at the pupil's school in enrollments.csv",
    nb: "elevens klasse: en className-post i naervaer.csv, eller nøyaktig én klasse (basisgruppe) ved elevens skole i enrollments.csv",
  },
  teacherAad: {
    en: "contact teachers who have an Entra ID object id (see the error for that user)",
    nb: "kontaktlærere som har en objekt-ID fra Entra ID (se feilen for den brukeren)",
  },
} satisfies Record<string, Expectation | ((f: string) => Expectation)>;

interface Loc {
  file: SdsFile;
  line: number;
}
interface Sourced<T> extends Loc {
  value: T;
}

interface Org extends Loc {
  id: string;
  name?: string;
  type: string;
  parent?: string;
}
interface User extends Loc {
  id: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  adMatch?: string;
  birthDate?: string;
  grades?: string;
}
interface StudentRole extends Loc {
  schoolId: string;
  grade?: string;
  isPrimary: boolean;
}
interface RoleRef extends Loc {
  schoolId: string;
  role: StaffRole;
}
interface SchoolConfig {
  municipality?: Sourced<string>;
  ladder?: Sourced<string>;
  timeZone?: Sourced<string>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** "relationships.csv", "SDS/Users.CSV" → "users.csv". */
function baseName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? name).toLowerCase();
}

/** The Norwegian way of naming a basisgruppe: 7B, 10 A, 1STA. */
const CLASS_NAME = /^\d{1,2}\s?[A-Za-zÆØÅæøå]{1,4}$/;

type ReportError = (loc: Loc, field: string, expect: Expectation, value?: unknown) => void;
type SdsTables = Record<SdsFile, CsvTable | undefined>;
interface ClassInfo {
  orgId?: string;
  title?: string;
  type?: string;
}

/** What the SDS files say, read and cross-checked file by file. */
interface SdsData {
  orgs: Map<string, Org>;
  users: Map<string, User>;
  birthDates: Map<string, Sourced<string>>;
  studentRoles: Map<string, StudentRole[]>;
  /** Grows while pupils are read: every contact teacher gets contact_teacher at the pupil's school. */
  staffRoleRefs: Map<string, RoleRef[]>;
  schoolConfig: Map<string, SchoolConfig>;
  aadIds: Map<string, Sourced<string>>;
  classNames: Map<string, Sourced<string>>;
  contactTeachers: Map<string, Sourced<string>[]>;
  enrolments: Map<string, Sourced<ClassInfo>[]>;
  knownSchoolIds: Set<string>;
}

/** Reads every known file that is present; a missing required file or column is an error. */
function readSdsTables(files: Record<string, string>, rejected: RowError[]): SdsTables {
  const byName = new Map<string, string>();
  for (const [name, text] of Object.entries(files)) byName.set(baseName(name), text);

  const tables = {} as SdsTables;
  for (const [name, spec] of Object.entries(SDS_FILES) as [SdsFile, (typeof SDS_FILES)[SdsFile]][]) {
    const text = byName.get(name);
    if (text === undefined) {
      if (spec.required) rejected.push(rowError({ file: name, field: "(file)", expect: X.file(name) }));
      continue;
    }
    const table = readCsv(text, name);
    rejected.push(...table.errors);
    if (table.header.length === 0) continue;
    const missing = missingColumns(table, spec.columns);
    if (missing.length > 0) {
      for (const col of missing)
        rejected.push(rowError({ file: name, line: 1, field: col, expect: requiredColumn(col, name) }));
      continue;
    }
    tables[name] = table;
  }
  return tables;
}

function readOrgs(rows: CsvRow[], err: ReportError): Map<string, Org> {
  const orgs = new Map<string, Org>();
  for (const row of rows) {
    const id = cell(row, "sourcedId");
    const loc: Loc = { file: "orgs.csv", line: row.line };
    if (!id) {
      err(loc, "sourcedId", X.value);
      continue;
    }
    orgs.set(id, {
      ...loc,
      id,
      name: cell(row, "name"),
      type: (cell(row, "type") ?? "").toLowerCase(),
      parent: cell(row, "parentSourcedId"),
    });
  }
  return orgs;
}

/** users.csv, with birth dates from users.csv or else demographics.csv. */
function readUsers(
  userRows: CsvRow[],
  demographicRows: CsvRow[],
  err: ReportError,
): Pick<SdsData, "users" | "birthDates"> {
  const users = new Map<string, User>();
  for (const row of userRows) {
    const id = cell(row, "sourcedId");
    const loc: Loc = { file: "users.csv", line: row.line };
    if (!id) {
      err(loc, "sourcedId", X.value);
      continue;
    }
    users.set(id, {
      ...loc,
      id,
      givenName: cell(row, "givenName"),
      familyName: cell(row, "familyName"),
      email: cell(row, "email"),
      adMatch: cell(row, "activeDirectoryMatchId"),
      birthDate: cell(row, "birthDate"),
      grades: cell(row, "grades"),
    });
  }
  const birthDates = new Map<string, Sourced<string>>();
  for (const row of demographicRows) {
    const id = cell(row, "userSourcedId");
    const date = cell(row, "birthDate");
    if (id && date) birthDates.set(id, { file: "demographics.csv", line: row.line, value: date });
  }
  for (const u of users.values()) {
    if (u.birthDate) birthDates.set(u.id, { file: u.file, line: u.line, value: u.birthDate });
  }
  return { users, birthDates };
}

function isSchoolOrg(orgs: Map<string, Org>, id: string): boolean {
  return orgs.get(id)?.type === "school";
}

function readRoles(
  rows: CsvRow[],
  data: Pick<SdsData, "users" | "orgs" | "knownSchoolIds">,
  err: ReportError,
): Pick<SdsData, "studentRoles" | "staffRoleRefs"> {
  const { users, orgs, knownSchoolIds } = data;
  const studentRoles = new Map<string, StudentRole[]>();
  const staffRoleRefs = new Map<string, RoleRef[]>();
  for (const row of rows) {
    const loc: Loc = { file: "roles.csv", line: row.line };
    const userId = cell(row, "userSourcedId");
    const orgId = cell(row, "orgSourcedId");
    const role = (cell(row, "role") ?? "").toLowerCase();
    if (!userId || !users.has(userId)) {
      err(loc, "userSourcedId", X.user, userId ?? "");
      continue;
    }
    if (!orgId || (!orgs.has(orgId) && !knownSchoolIds.has(orgId))) {
      err(loc, "orgSourcedId", X.org, orgId ?? "");
      continue;
    }
    if (!isSchoolOrg(orgs, orgId) && !knownSchoolIds.has(orgId)) continue; // roles at a municipality, department…
    if (role === "student") {
      const primaryText = cell(row, "isPrimary");
      const primary = primaryText === undefined ? undefined : parseBooleanCell(primaryText);
      push(studentRoles, userId, {
        ...loc,
        schoolId: orgId,
        grade: cell(row, "grade"),
        isPrimary: primary?.ok === true && primary.value,
      });
      continue;
    }
    const mapped = SDS_ROLE_MAP[role];
    if (mapped) push(staffRoleRefs, userId, { ...loc, schoolId: orgId, role: mapped });
  }
  return { studentRoles, staffRoleRefs };
}

/** The pupil's school role: the isPrimary one if several. */
function pupilSchool(studentRoles: Map<string, StudentRole[]>, userId: string): StudentRole | undefined {
  const list = studentRoles.get(userId);
  return list?.find((r) => r.isPrimary) ?? list?.[0];
}

/** naervaer.csv; `role` records are added to data.staffRoleRefs. */
function readNaervaer(
  rows: CsvRow[],
  data: Pick<SdsData, "orgs" | "users" | "studentRoles" | "staffRoleRefs">,
  err: ReportError,
): Pick<SdsData, "schoolConfig" | "aadIds" | "classNames" | "contactTeachers"> {
  const { orgs, users, studentRoles, staffRoleRefs } = data;
  const schoolConfig = new Map<string, SchoolConfig>();
  const aadIds = new Map<string, Sourced<string>>();
  const classNames = new Map<string, Sourced<string>>();
  const contactTeachers = new Map<string, Sourced<string>[]>();
  for (const row of rows) {
    const loc: Loc = { file: "naervaer.csv", line: row.line };
    const rawType = cell(row, "recordType") ?? "";
    const type = RECORD_TYPE_BY_KEY.get(rawType.replace(/[_\s-]/g, "").toLowerCase());
    const sourcedId = cell(row, "sourcedId");
    const schoolId = cell(row, "schoolId");
    const value = cell(row, "value");
    if (!type) {
      err(loc, "recordType", oneOf(NAERVAER_RECORD_TYPES), rawType);
      continue;
    }
    if (value === undefined) {
      err(loc, "value", X.value, "");
      continue;
    }
    const sourced: Sourced<string> = { ...loc, value };
    switch (type) {
      case "municipality":
      case "ladder":
      case "timeZone": {
        const school = schoolId ?? sourcedId;
        if (!school || !isSchoolOrg(orgs, school)) {
          err(loc, "schoolId", X.school, school ?? "");
          break;
        }
        if (type === "timeZone" && !isTimeZone(value)) {
          err(loc, "value", X.timeZone, value);
          break;
        }
        const cfg = schoolConfig.get(school) ?? {};
        cfg[type] = sourced;
        schoolConfig.set(school, cfg);
        break;
      }
      case "role": {
        if (!sourcedId || !users.has(sourcedId)) {
          err(loc, "sourcedId", X.user, sourcedId ?? "");
          break;
        }
        if (!(staffRoles as readonly string[]).includes(value)) {
          err(loc, "value", oneOf(staffRoles), value);
          break;
        }
        if (!schoolId) {
          err(loc, "schoolId", X.schoolOrKnown, "");
          break;
        }
        // Whether the school is known is checked with the rest of the roster (roles[i].schoolId).
        push(staffRoleRefs, sourcedId, { ...loc, schoolId, role: value as StaffRole });
        break;
      }
      case "contactTeacher": {
        if (!sourcedId || !pupilSchool(studentRoles, sourcedId)) {
          err(loc, "sourcedId", X.pupil, sourcedId ?? "");
          break;
        }
        push(contactTeachers, sourcedId, sourced);
        break;
      }
      case "aadObjectId": {
        if (!sourcedId || !users.has(sourcedId)) {
          err(loc, "sourcedId", X.user, sourcedId ?? "");
          break;
        }
        if (!isGuid(value)) {
          err(loc, "value", X.guid, value);
          break;
        }
        aadIds.set(sourcedId, sourced);
        break;
      }
      case "className": {
        if (!sourcedId || !pupilSchool(studentRoles, sourcedId)) {
          err(loc, "sourcedId", X.pupil, sourcedId ?? "");
          break;
        }
        classNames.set(sourcedId, sourced);
        break;
      }
    }
  }
  return { schoolConfig, aadIds, classNames, contactTeachers };
}

/** The user's Entra ID object id: an aadObjectId record, else users.csv activeDirectoryMatchId when it is a GUID. */
function aadOf(data: Pick<SdsData, "users" | "aadIds">, userId: string): Sourced<string> | undefined {
  const fromRecord = data.aadIds.get(userId);
  if (fromRecord) return fromRecord;
  const u = data.users.get(userId);
  return u?.adMatch && isGuid(u.adMatch) ? { file: u.file, line: u.line, value: u.adMatch.trim() } : undefined;
}

/** classes.csv + enrollments.csv: each pupil's classes. */
function readEnrolments(classRows: CsvRow[], enrolmentRows: CsvRow[], err: ReportError): SdsData["enrolments"] {
  const classes = new Map<string, ClassInfo>();
  for (const row of classRows) {
    const id = cell(row, "sourcedId");
    if (id)
      classes.set(id, {
        orgId: cell(row, "orgSourcedId"),
        title: cell(row, "title"),
        type: cell(row, "classType")?.toLowerCase(),
      });
  }
  const enrolments: SdsData["enrolments"] = new Map();
  for (const row of enrolmentRows) {
    if ((cell(row, "role") ?? "").toLowerCase() !== "student") continue;
    const loc: Loc = { file: "enrollments.csv", line: row.line };
    const classId = cell(row, "classSourcedId");
    const userId = cell(row, "userSourcedId");
    const cls = classId ? classes.get(classId) : undefined;
    if (!cls) {
      err(loc, "classSourcedId", X.cls, classId ?? "");
      continue;
    }
    if (userId) push(enrolments, userId, { ...loc, value: cls });
  }
  return enrolments;
}

/** The pupil's class: a className record, else the one (homeroom, or basisgruppe-named) class at the school. */
function classOf(
  data: Pick<SdsData, "classNames" | "enrolments">,
  userId: string,
  schoolId: string,
): Sourced<string> | undefined {
  const fromRecord = data.classNames.get(userId);
  if (fromRecord) return fromRecord;
  let list = (data.enrolments.get(userId) ?? []).filter((e) => e.value.orgId === schoolId && e.value.title);
  if (list.some((e) => e.value.type === "homeroom")) list = list.filter((e) => e.value.type === "homeroom");
  const titles = [...new Set(list.map((e) => e.value.title as string))];
  const pick = titles.length === 1 ? titles : titles.filter((t) => CLASS_NAME.test(t));
  if (pick.length !== 1) return undefined;
  const e = list.find((x) => x.value.title === pick[0]);
  return e ? { file: e.file, line: e.line, value: e.value.title as string } : undefined;
}

function schoolCandidatesOf(data: SdsData, rejected: RowError[]): Candidate[] {
  const { orgs, schoolConfig, knownSchoolIds } = data;
  const schoolCandidates: Candidate[] = [];
  for (const org of orgs.values()) {
    if (org.type !== "school") continue;
    const cfg = schoolConfig.get(org.id) ?? {};
    const parent = org.parent ? orgs.get(org.parent) : undefined;
    const municipality: Sourced<string> | undefined =
      cfg.municipality ??
      (parent?.name && MUNICIPALITY_ORG_TYPES.has(parent.type)
        ? { file: parent.file, line: parent.line, value: parent.name }
        : undefined);
    if (!cfg.ladder || !municipality) {
      if (knownSchoolIds.has(org.id)) continue; // configured earlier; keep it as stored
      const where = { file: org.file, line: org.line, row: `school ${org.id}` };
      if (!municipality) rejected.push(rowError({ ...where, field: "municipality", expect: X.municipality }));
      if (!cfg.ladder) rejected.push(rowError({ ...where, field: "ladder", expect: X.ladder }));
      continue;
    }
    const candidate: Record<string, unknown> = {
      id: org.id,
      name: org.name,
      municipality: municipality.value,
      ladder: cfg.ladder.value,
    };
    if (cfg.timeZone) candidate.timeZone = cfg.timeZone.value;
    const fieldLoc: Record<string, Loc | undefined> = { municipality, ladder: cfg.ladder, timeZone: cfg.timeZone };
    schoolCandidates.push({
      data: candidate,
      locate: (path) => ({ ...(fieldLoc[String(path[0])] ?? org), row: `school ${org.id}` }),
    });
  }
  return schoolCandidates;
}

/** Pupils, and the contact_teacher roles they give their teachers (added to data.staffRoleRefs). */
function pupilCandidatesOf(data: SdsData): Candidate[] {
  const { users, studentRoles, birthDates, contactTeachers, staffRoleRefs } = data;
  const pupilCandidates: Candidate[] = [];
  for (const userId of studentRoles.keys()) {
    const user = users.get(userId);
    const role = pupilSchool(studentRoles, userId);
    if (!user || !role) continue;
    const problems: NonNullable<Candidate["problems"]> = [];
    const fieldLoc: Record<string, Loc> = { schoolId: role, grade: role };

    const gradeText = role.grade ?? user.grades?.split(/[,;\s]+/)[0];
    const grade = gradeText === undefined ? undefined : parseGrade(gradeText);
    if (!grade?.ok) problems.push({ path: ["grade"], expect: X.grade, value: gradeText ?? "" });

    let birthDate: string | undefined;
    const bd = birthDates.get(userId);
    if (bd) {
      fieldLoc.birthDate = bd;
      const d = parseSdsDate(bd.value);
      if (d.ok) birthDate = d.value;
      else problems.push({ path: ["birthDate"], expect: X.date, value: bd.value });
    }

    const cls = classOf(data, userId, role.schoolId);
    if (cls) fieldLoc.className = cls;
    else problems.push({ path: ["className"], expect: X.className });

    const contactTeacherIds: string[] = [];
    const refs = contactTeachers.get(userId) ?? [];
    if (refs[0]) fieldLoc.contactTeacherIds = refs[0];
    for (const ref of refs) {
      const teacher = users.get(ref.value);
      if (!teacher) {
        fieldLoc.contactTeacherIds = ref;
        problems.push({ path: ["contactTeacherIds"], expect: X.user, value: ref.value });
        continue;
      }
      push(staffRoleRefs, teacher.id, {
        file: ref.file,
        line: ref.line,
        schoolId: role.schoolId,
        role: "contact_teacher",
      });
      const aad = aadOf(data, teacher.id);
      if (!aad) {
        fieldLoc.contactTeacherIds = ref;
        problems.push({ path: ["contactTeacherIds"], expect: X.teacherAad, value: ref.value });
        continue;
      }
      if (!contactTeacherIds.includes(aad.value)) contactTeacherIds.push(aad.value);
    }

    const name = [user.givenName, user.familyName].filter(Boolean).join(" ");
    const candidate: Record<string, unknown> = {
      id: userId,
      name: name || undefined,
      schoolId: role.schoolId,
      grade: grade?.ok ? grade.value : undefined,
      className: cls?.value,
      contactTeacherIds,
    };
    if (birthDate !== undefined) candidate.birthDate = birthDate;
    pupilCandidates.push({
      data: candidate,
      problems,
      locate: (path) => ({ ...(fieldLoc[String(path[0])] ?? user), row: `pupil ${userId}` }),
    });
  }
  return pupilCandidates;
}

function staffCandidatesOf(data: SdsData): Candidate[] {
  const staffCandidates: Candidate[] = [];
  for (const [userId, refs] of data.staffRoleRefs) {
    const user = data.users.get(userId);
    if (!user) continue;
    const roleLocs: Loc[] = [];
    const roleList: { schoolId: string; role: StaffRole }[] = [];
    for (const r of refs) {
      if (roleList.some((x) => x.schoolId === r.schoolId && x.role === r.role)) continue;
      roleList.push({ schoolId: r.schoolId, role: r.role });
      roleLocs.push(r);
    }
    const problems: NonNullable<Candidate["problems"]> = [];
    const aad = aadOf(data, userId);
    if (!aad) problems.push({ path: ["aadObjectId"], expect: X.aad });
    const name = [user.givenName, user.familyName].filter(Boolean).join(" ");
    const candidate: Record<string, unknown> = { aadObjectId: aad?.value, name: name || undefined, roles: roleList };
    if (user.email) candidate.email = user.email;
    staffCandidates.push({
      data: candidate,
      problems,
      locate: (path) => {
        const loc =
          path[0] === "roles" && typeof path[1] === "number"
            ? roleLocs[path[1]]
            : path[0] === "aadObjectId" && aad
              ? aad
              : undefined;
        return { ...(loc ?? user), row: `staff ${userId}` };
      },
    });
  }
  return staffCandidates;
}

/**
 * Builds a roster from SDS v2.1 CSV files and naervaer.csv (`npm run import -- roster <dir>`).
 *
 * `files` maps file names (orgs.csv, users.csv, roles.csv, classes.csv, enrollments.csv,
 * relationships.csv, demographics.csv, naervaer.csv) to their text. orgs.csv, users.csv and
 * roles.csv are required. Every error carries the file and the CSV line.
 *
 * - Schools: orgs of type `school`; municipality, ladder (and time zone) from naervaer.csv; the
 *   municipality may also come from a parent org of type municipality/district/localAuthority.
 *   A school without ladder or municipality that is in `knownSchoolIds` is left as stored.
 * - Pupils: users with role `student` at a school in roles.csv (the isPrimary one if several);
 *   grade from roles.csv; birth date from users.csv or demographics.csv; class from naervaer.csv
 *   `className` or the pupil's one class at that school in enrollments.csv; contact teachers from
 *   naervaer.csv `contactTeacher`.
 * - Staff: users with a Nærvær role: SDS `principal` → principal, `nurse` → school_nurse,
 *   naervaer.csv `role` records, and contact_teacher at the pupil's school for every teacher
 *   named in a `contactTeacher` record. Users with no Nærvær role are not imported.
 *   aadObjectId from naervaer.csv `aadObjectId`, else users.csv activeDirectoryMatchId when it is
 *   a GUID.
 */
export function parseSdsCsv(files: Record<string, string>, options: SdsParseOptions = {}): ParseResult<Roster> {
  const rejected: RowError[] = [];
  const tables = readSdsTables(files, rejected);
  const empty: Roster = { schools: [], staff: [], pupils: [] };
  if (!tables["orgs.csv"] || !tables["users.csv"] || !tables["roles.csv"]) return { accepted: empty, rejected };

  const err: ReportError = (loc, field, expect, value) => rejected.push(rowError({ ...loc, field, expect, value }));
  const rows = (file: SdsFile): CsvRow[] => tables[file]?.rows ?? [];
  const knownSchoolIds = new Set(options.knownSchoolIds ?? []);

  const orgs = readOrgs(rows("orgs.csv"), err);
  const { users, birthDates } = readUsers(rows("users.csv"), rows("demographics.csv"), err);
  const roles = readRoles(rows("roles.csv"), { users, orgs, knownSchoolIds }, err);
  const naervaer = readNaervaer(rows("naervaer.csv"), { orgs, users, ...roles }, err);
  const enrolments = readEnrolments(rows("classes.csv"), rows("enrollments.csv"), err);
  const data: SdsData = { orgs, users, birthDates, ...roles, ...naervaer, enrolments, knownSchoolIds };

  const schools = schoolCandidatesOf(data, rejected);
  // Before staff: pupils give their contact teachers a role.
  const pupils = pupilCandidatesOf(data);
  const staff = staffCandidatesOf(data);
  const result = validateRoster({ schools, staff, pupils }, options);
  return { accepted: result.accepted, rejected: [...rejected, ...result.rejected] };
}
