import type { Pupil, Roster, School, StaffMember, StaffRole } from "../domain/roster";
import type { Store } from "./create-store";
import { stripSystemProperties } from "./documents";

export interface RosterRepo {
  /** Upserts every school, staff member and pupil; ids make a repeated import change nothing. */
  save(roster: Roster): Promise<{ schools: number; staff: number; pupils: number }>;
  getSchool(id: string): Promise<School | undefined>;
  getStaff(aadObjectId: string): Promise<StaffMember | undefined>;
  listPupilsOfTeacher(aadObjectId: string): Promise<Pupil[]>;
  listSchools(): Promise<School[]>;
  listPupilsOfSchool(schoolId: string): Promise<Pupil[]>;
  getPupil(pupilId: string): Promise<Pupil | undefined>;
  /** Every pupil id with its school, to check imported absence rows against. */
  pupilSchoolIndex(): Promise<Map<string, string>>;
  staffIds(): Promise<string[]>;
  staffWithRole(schoolId: string, role: StaffRole): Promise<StaffMember[]>;
}

const strip = <T extends object>(doc: T): T => stripSystemProperties<T>(doc);

export function createRosterRepo(store: Store): RosterRepo {
  const schools = store.container("schools");
  const staff = store.container("staff");
  const pupils = store.container("pupils");
  return {
    async save(roster) {
      for (const s of roster.schools) await schools.items.upsert(s);
      for (const s of roster.staff) await staff.items.upsert({ ...s, id: s.aadObjectId });
      for (const p of roster.pupils) await pupils.items.upsert(p);
      return { schools: roster.schools.length, staff: roster.staff.length, pupils: roster.pupils.length };
    },
    async getSchool(id) {
      const { resource } = await schools.item(id, id).read<School>();
      return resource ? strip(resource) : undefined;
    },
    async getStaff(aadObjectId) {
      const { resource } = await staff.item(aadObjectId, aadObjectId).read<StaffMember>();
      return resource ? stripSystemProperties<StaffMember>(resource, "id") : undefined;
    },
    async listPupilsOfTeacher(aadObjectId) {
      const { resources } = await pupils.items
        .query<Pupil>({
          query: "SELECT * FROM c WHERE ARRAY_CONTAINS(c.contactTeacherIds, @id)",
          parameters: [{ name: "@id", value: aadObjectId }],
        })
        .fetchAll();
      return resources.map(strip);
    },
    async listSchools() {
      const { resources } = await schools.items.readAll<School>().fetchAll();
      return resources.map(strip).sort((a, b) => a.id.localeCompare(b.id));
    },
    async listPupilsOfSchool(schoolId) {
      const { resources } = await pupils.items
        .query<Pupil>({ query: "SELECT * FROM c WHERE c.schoolId = @s", parameters: [{ name: "@s", value: schoolId }] })
        .fetchAll();
      return resources.map(strip);
    },
    async getPupil(pupilId) {
      const { resource } = await pupils.item(pupilId, pupilId).read<Pupil>();
      return resource ? strip(resource) : undefined;
    },
    async pupilSchoolIndex() {
      const { resources } = await pupils.items
        .query<{ id: string; schoolId: string }>("SELECT c.id, c.schoolId FROM c")
        .fetchAll();
      return new Map(resources.map((p) => [p.id, p.schoolId]));
    },
    async staffWithRole(schoolId, role) {
      // Staff per tenant are hundreds, not millions: filtering here avoids relying on JOIN support in every Cosmos flavour.
      const { resources } = await staff.items.readAll<StaffMember>().fetchAll();
      return resources
        .filter((s) => s.roles.some((r) => r.schoolId === schoolId && r.role === role))
        .map((s) => stripSystemProperties<StaffMember>(s, "id"));
    },
    async staffIds() {
      const { resources } = await staff.items.query<{ id: string }>("SELECT c.id FROM c").fetchAll();
      return resources.map((r) => r.id);
    },
  };
}
