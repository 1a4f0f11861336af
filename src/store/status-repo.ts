import type { PupilStatus, StatusSummary } from "../domain/status";
import type { Store } from "./create-store";
import { saveIfUnchanged, stripSystemProperties } from "./documents";

export interface VersionedStatus {
  status: PupilStatus;
  etag: string;
}

export interface StatusRepo {
  get(pupilId: string): Promise<VersionedStatus | undefined>;
  /** The step and what is required of every evaluated pupil of a school (a cross-partition query, for overviews). */
  listOfSchool(schoolId: string): Promise<StatusSummary[]>;
  /** Every stored status of a school with its ETag, by pupil id: one query for a run over the school, not one read per pupil. */
  getAllOfSchool(schoolId: string): Promise<Map<string, VersionedStatus>>;
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
    async getAllOfSchool(schoolId) {
      const { resources } = await container.items
        .query<PupilStatus & { _etag: string }>({
          query: "SELECT * FROM c WHERE c.type = 'status' AND c.schoolId = @s",
          parameters: [{ name: "@s", value: schoolId }],
        })
        .fetchAll();
      return new Map(
        resources.map((r) => [
          r.pupilId,
          { status: stripSystemProperties<PupilStatus>(r, "id", "type"), etag: r._etag },
        ]),
      );
    },
    async saveIfUnchanged(status, etag) {
      return saveIfUnchanged(container, { ...status, id: "status", type: "status" }, etag);
    },
  };
}
