/**
 * Every Cosmos container Nærvær uses, with its partition key. docs/data-model.md explains the choices;
 * containers are created at start when missing, so adding one here is the whole migration.
 */
export const containerDefinitions = {
  schools: { partitionKey: "/id" },
  staff: { partitionKey: "/aadObjectId" },
  pupils: { partitionKey: "/id" },
  absences: { partitionKey: "/pupilId" },
  cases: { partitionKey: "/pupilId" },
  conversations: { partitionKey: "/aadObjectId" },
  schedule: { partitionKey: "/scope" },
  outbox: { partitionKey: "/recipient" },
  audit: { partitionKey: "/scope" },
  channels: { partitionKey: "/schoolId" },
} as const;

export type ContainerName = keyof typeof containerDefinitions;
export const containerNames = Object.keys(containerDefinitions) as ContainerName[];
