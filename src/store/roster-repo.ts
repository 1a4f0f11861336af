import type { Pupil, Roster, School, StaffMember, StaffRole } from "../domain/roster";
import type { Store } from "./create-store";
import { stripSystemProperties, writeInBatches, writeUnlessConflict } from "./documents";
import { createRecentReads, frozen } from "./recent-reads";

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
  /** The pupil's entry was deleted (erasure): this instance reads it no more from memory. */
  forgetPupil(pupilId: string): void;
}

const strip = <T extends object>(doc: T): T => stripSystemProperties<T>(doc);

/**
 * A contact teacher's pupils, kept beside the teacher's staff document so that «saker» reads them by id: the ids of
 * every pupil an import gave the teacher. It only grows; a pupil who changed teacher or was erased is dropped when read.
 */
const pupilIndexId = "pupils";
interface PupilIndex {
  id: typeof pupilIndexId;
  aadObjectId: string;
  type: "pupil-index";
  pupilIds: string[];
}
/** Staff documents have no type; the pupil index has one. */
const onlyStaff = "NOT IS_DEFINED(c.type)";

/**
 * `rememberMs`: how long a school, staff member or pupil read by id is remembered (recent-reads.ts). Every card action
 * reads the pupil, the school and the sender; an import on this instance is seen at once, one on another instance
 * within this time. Short, because the sender's roles and the pupil's contact teachers decide who may act.
 */
export function createRosterRepo(store: Store, options: { rememberMs?: number } = {}): RosterRepo {
  const schools = store.container("schools");
  const staff = store.container("staff");
  const pupils = store.container("pupils");
  const rememberMs = options.rememberMs ?? 10_000;
  const recentSchools = createRecentReads<School | undefined>(rememberMs);
  const recentStaff = createRecentReads<StaffMember | undefined>(rememberMs);
  const recentPupils = createRecentReads<Pupil | undefined>(rememberMs);
  const forgetAll = () => [recentSchools, recentStaff, recentPupils].forEach((r) => r.forgetAll());
  const readPupil = (pupilId: string) =>
    recentPupils.get(pupilId, async () => {
      const { resource } = await pupils.item(pupilId, pupilId).read<Pupil>();
      return resource ? frozen(strip(resource)) : undefined;
    });
  /** Every teacher an import names gets its pupils added to their index; a teacher's first index also takes in earlier imports. */
  const addToPupilIndexes = async (imported: readonly Pupil[]): Promise<void> => {
    const added = new Map<string, Set<string>>();
    for (const p of imported) for (const t of p.contactTeacherIds) added.set(t, (added.get(t) ?? new Set()).add(p.id));
    let earlier: Promise<Map<string, string[]>> | undefined;
    const earlierPupilsOf = async (teacher: string): Promise<string[]> => {
      // One read of every pupil's teachers, the first time an import meets a teacher without an index.
      earlier ??= pupils.items
        .query<Pick<Pupil, "id" | "contactTeacherIds">>(
          "SELECT c.id, c.contactTeacherIds FROM c WHERE IS_DEFINED(c.contactTeacherIds)",
        )
        .fetchAll()
        .then(({ resources }) => {
          const byTeacher = new Map<string, string[]>();
          for (const p of resources)
            for (const t of p.contactTeacherIds) byTeacher.set(t, [...(byTeacher.get(t) ?? []), p.id]);
          return byTeacher;
        });
      return (await earlier).get(teacher) ?? [];
    };
    for (const [teacher, ids] of added) {
      // Two imports at once: the ETag (or the create's conflict) makes the later one read the index again.
      for (let attempt = 0; ; attempt++) {
        const { resource } = await staff.item(pupilIndexId, teacher).read<PupilIndex & { _etag: string }>();
        const known = resource?.pupilIds ?? (await earlierPupilsOf(teacher));
        const pupilIds = [...new Set([...known, ...ids])];
        if (resource && pupilIds.length === resource.pupilIds.length) break;
        const index: PupilIndex = { id: pupilIndexId, aadObjectId: teacher, type: "pupil-index", pupilIds };
        const written = await writeUnlessConflict(() =>
          resource
            ? staff
                .item(pupilIndexId, teacher)
                .replace(index, { accessCondition: { type: "IfMatch", condition: resource._etag } })
            : staff.items.create(index),
        );
        if (written) break;
        if (attempt >= 4) throw new Error(`The pupil index of ${teacher} kept changing during the import`);
      }
    }
  };

  return {
    async save(roster) {
      // Before and after: a read between the two may see either, and is not remembered.
      forgetAll();
      try {
        await writeInBatches(roster.schools, (s) => schools.items.upsert(s));
        await writeInBatches(roster.staff, (s) => staff.items.upsert({ ...s, id: s.aadObjectId }));
        await writeInBatches(roster.pupils, (p) => pupils.items.upsert(p));
        await addToPupilIndexes(roster.pupils);
      } finally {
        forgetAll();
      }
      return { schools: roster.schools.length, staff: roster.staff.length, pupils: roster.pupils.length };
    },
    getSchool(id) {
      return recentSchools.get(id, async () => {
        const { resource } = await schools.item(id, id).read<School>();
        return resource ? frozen(strip(resource)) : undefined;
      });
    },
    getStaff(aadObjectId) {
      return recentStaff.get(aadObjectId, async () => {
        const { resource } = await staff.item(aadObjectId, aadObjectId).read<StaffMember>();
        return resource ? frozen(stripSystemProperties<StaffMember>(resource, "id")) : undefined;
      });
    },
    async listPupilsOfTeacher(aadObjectId) {
      const { resource: index } = await staff.item(pupilIndexId, aadObjectId).read<PupilIndex>();
      if (index) {
        const found = await Promise.all(index.pupilIds.map(readPupil));
        return found.flatMap((p) => (p && p.contactTeacherIds.includes(aadObjectId) ? [p] : []));
      }
      // Pupils stored before the index existed, and the teacher has had no import since: the whole container.
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
    getPupil: readPupil,
    forgetPupil: (pupilId) => recentPupils.forget(pupilId),
    async pupilSchoolIndex() {
      const { resources } = await pupils.items
        .query<{ id: string; schoolId: string }>("SELECT c.id, c.schoolId FROM c")
        .fetchAll();
      return new Map(resources.map((p) => [p.id, p.schoolId]));
    },
    async staffWithRole(schoolId, role) {
      // Staff per tenant are hundreds, not millions: filtering here avoids relying on JOIN support in every Cosmos flavour.
      const { resources } = await staff.items.query<StaffMember>(`SELECT * FROM c WHERE ${onlyStaff}`).fetchAll();
      return resources
        .filter((s) => s.roles.some((r) => r.schoolId === schoolId && r.role === role))
        .map((s) => stripSystemProperties<StaffMember>(s, "id"));
    },
    async staffIds() {
      const { resources } = await staff.items.query<{ id: string }>(`SELECT c.id FROM c WHERE ${onlyStaff}`).fetchAll();
      return resources.map((r) => r.id);
    },
  };
}
