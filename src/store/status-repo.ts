import type { JSONObject, OperationInput } from "@azure/cosmos";
import type { PupilStatus, StatusBasis, StatusSummary } from "../domain/status";
import type { Store } from "./create-store";
import { bulkLimit, saveIfUnchanged, stripSystemProperties } from "./documents";

export interface VersionedStatus {
  status: PupilStatus;
  etag: string;
}

export interface StatusRepo {
  get(pupilId: string): Promise<VersionedStatus | undefined>;
  /** The step and what is required of every evaluated pupil of a school (a cross-partition query, for overviews). */
  listOfSchool(schoolId: string): Promise<StatusSummary[]>;
  /** Every stored status of a school but its pattern, with its ETag, by pupil id: one query for a run over the school. */
  getAllOfSchool(schoolId: string): Promise<Map<string, { status: StatusBasis; etag: string }>>;
  /** Writes only if nobody wrote since `etag` was read (no etag: only if none exists); false means read again. */
  saveIfUnchanged(status: PupilStatus, etag: string | undefined): Promise<boolean>;
  /**
   * The same for many pupils in a few requests (Cosmos DB's bulk operations), as a run over a school writes them:
   * one answer per status, in order; false means read that pupil again (changed meanwhile, or not written).
   */
  saveAllIfUnchanged(items: readonly { status: PupilStatus; etag: string | undefined }[]): Promise<boolean[]>;
}

/** Every field of a status but the pattern; the compiler checks that none is missing. */
const basisFields = [
  "pupilId",
  "schoolId",
  "ladder",
  "asOf",
  "step",
  "stepName",
  "trips",
  "firedKeys",
  "required",
  "earlySigns",
  "evaluatedAt",
] as const satisfies readonly (keyof StatusBasis)[];
type MissingBasisField = Exclude<keyof StatusBasis, (typeof basisFields)[number]>;
const everyBasisField: [MissingBasisField] extends [never] ? true : MissingBasisField = true;
void everyBasisField;

/** A stored status document as the domain's status. */
export const toStatus = (doc: object): PupilStatus => stripSystemProperties<PupilStatus>(doc, "id", "type");

export function createStatusRepo(store: Store): StatusRepo {
  const container = store.container("cases");
  return {
    async get(pupilId) {
      const { resource } = await container.item("status", pupilId).read<PupilStatus>();
      return resource ? { status: toStatus(resource), etag: resource._etag } : undefined;
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
      // Without the pattern, the largest part of a status and the one part a run computes afresh.
      const { resources } = await container.items
        .query<StatusBasis & { _etag: string }>({
          query: `SELECT ${basisFields.map((f) => `c.${f}`).join(", ")}, c._etag FROM c WHERE c.type = 'status' AND c.schoolId = @s`,
          parameters: [{ name: "@s", value: schoolId }],
        })
        .fetchAll();
      return new Map(
        resources.map(({ _etag, ...status }) => [status.pupilId, { status: status as StatusBasis, etag: _etag }]),
      );
    },
    async saveIfUnchanged(status, etag) {
      return saveIfUnchanged(container, { ...status, id: "status", type: "status" }, etag);
    },
    async saveAllIfUnchanged(items) {
      const operations: OperationInput[] = items.map(({ status, etag }) => {
        // The SDK types a body as JSON values; a status is plain JSON data.
        const resourceBody = { ...status, id: "status", type: "status" } as unknown as JSONObject;
        return etag
          ? { operationType: "Replace", id: "status", partitionKey: status.pupilId, resourceBody, ifMatch: etag }
          : { operationType: "Create", partitionKey: status.pupilId, resourceBody };
      });
      const saved: boolean[] = [];
      // items.bulk, though @azure/cosmos 4.9 marks it deprecated: its replacement, executeBulkOperations, waits a
      // second for every partial batch, so each school of a run would wait for nothing. At most 100 operations a call.
      for (let i = 0; i < operations.length; i += bulkLimit) {
        const chunk = operations.slice(i, i + bulkLimit);
        // A chunk that fails as a whole reads as «not written»: those pupils are evaluated again one by one.
        const answers = await container.items.bulk(chunk).catch(() => chunk.map(() => ({ statusCode: 0 })));
        for (const answer of answers) saved.push(answer.statusCode >= 200 && answer.statusCode < 300);
      }
      return saved;
    },
  };
}
