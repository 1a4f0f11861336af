import type { Pupil, Roster, School, StaffMember } from "../domain/roster";
import type { Store } from "./create-store";

export interface RosterRepo {
  /** Upserts every school, staff member and pupil; ids make a repeated import change nothing. */
  save(roster: Roster): Promise<{ schools: number; staff: number; pupils: number }>;
  getSchool(id: string): Promise<School | undefined>;
  getStaff(aadObjectId: string): Promise<StaffMember | undefined>;
  listPupilsOfTeacher(aadObjectId: string): Promise<Pupil[]>;
}

const strip = <T>(doc: T & { _rid?: unknown }): T => {
  const { _rid, _self, _etag, _ts, _attachments, ...rest } = doc as Record<string, unknown>;
  return rest as T;
};

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
      const { resource } = await staff.item(aadObjectId, aadObjectId).read<StaffMember & { id: string }>();
      if (!resource) return undefined;
      const { id: _id, ...member } = strip(resource);
      return member;
    },
    async listPupilsOfTeacher(aadObjectId) {
      const { resources } = await pupils.items
        .query<Pupil>({ query: "SELECT * FROM c WHERE ARRAY_CONTAINS(c.contactTeacherIds, @id)", parameters: [{ name: "@id", value: aadObjectId }] })
        .fetchAll();
      return resources.map(strip);
    },
  };
}
