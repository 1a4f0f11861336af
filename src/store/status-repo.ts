import type { PatternReport } from "../domain/pattern";
import type { EarlySignReport, Trip } from "../domain/evaluation";
import type { Store } from "./create-store";
import { saveIfUnchanged, stripSystemProperties } from "./documents";

/** What the ladder says about one pupil, as of the last evaluation; kept in the pupil's partition of `cases`. */
export interface PupilStatus {
  pupilId: string;
  schoolId: string;
  ladder: string;
  asOf: string;
  step: number | null;
  stepName: string | null;
  /** Every trip so far, oldest first; a trigger key appears once. */
  trips: Trip[];
  firedKeys: string[];
  /** What must happen now and by when (from the newest trips). */
  required: { actions: string[]; deadline: string | null; holders: string[] } | null;
  pattern: PatternReport;
  /** Early signs (tidlige tegn) the contact teacher reported; they count in every later evaluation. */
  earlySigns?: EarlySignReport[];
  evaluatedAt: string;
}

export type StatusSummary = Pick<
  PupilStatus,
  "pupilId" | "schoolId" | "ladder" | "step" | "stepName" | "required" | "trips"
>;

export interface VersionedStatus {
  status: PupilStatus;
  etag: string;
}

export interface StatusRepo {
  get(pupilId: string): Promise<VersionedStatus | undefined>;
  /** The step and what is required of every evaluated pupil of a school (a cross-partition query, for overviews). */
  listOfSchool(schoolId: string): Promise<StatusSummary[]>;
  /** Writes only if nobody wrote since `etag` was read (no etag: only if none exists); false means read again. */
  saveIfUnchanged(status: PupilStatus, etag: string | undefined): Promise<boolean>;
}

export function createStatusRepo(store: Store): StatusRepo {
  const container = store.container("cases");
  return {
    async get(pupilId) {
      const { resource } = await container.item("status", pupilId).read<PupilStatus>();
      return resource
        ? { status: stripSystemProperties<PupilStatus>(resource, "id", "type"), etag: resource._etag }
        : undefined;
    },
    async listOfSchool(schoolId) {
      const { resources } = await container.items
        .query<StatusSummary>({
          query:
            "SELECT c.pupilId, c.schoolId, c.ladder, c.step, c.stepName, c.required, c.trips FROM c WHERE c.type = 'status' AND c.schoolId = @s",
          parameters: [{ name: "@s", value: schoolId }],
        })
        .fetchAll();
      return resources;
    },
    async saveIfUnchanged(status, etag) {
      return saveIfUnchanged(container, { ...status, id: "status", type: "status" }, etag);
    },
  };
}
