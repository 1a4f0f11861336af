import path from "node:path";
import { CosmosClient, type Container, type Database } from "@azure/cosmos";
import { containerDefinitions, containerNames, type ContainerName } from "./containers";
import { embeddedCosmosKey, startEmbeddedCosmos, type EmbeddedCosmos } from "./embedded-cosmos";
import { createSnapshotter, restoreSnapshot, type Snapshotter } from "./snapshot";
import type { Logger } from "../logger";

export interface Store {
  database: Database;
  container(name: ContainerName): Container;
  /** True when Cosmos answers a read of the database. */
  ping(): Promise<boolean>;
  /** Persists pending writes (embedded mode) and releases connections. */
  close(): Promise<void>;
  /** "embedded" for the in-process server, otherwise the account host. */
  describe(): string;
}

export interface StoreOptions {
  endpoint?: string;
  key?: string;
  databaseName: string;
  /** Embedded mode only: where the database is persisted between runs; omit to keep it in memory. */
  dataDir?: string;
  logger: Logger;
}

async function ensureContainers(client: CosmosClient, databaseName: string): Promise<Database> {
  const { database } = await client.databases.createIfNotExists({ id: databaseName });
  for (const name of containerNames) {
    await database.containers.createIfNotExists({
      id: name,
      partitionKey: { paths: [containerDefinitions[name].partitionKey] },
    });
  }
  return database;
}

/** Opens Cosmos DB: the account in COSMOS_ENDPOINT, or the embedded server when none is configured. */
export async function createStore(options: StoreOptions): Promise<Store> {
  let embedded: EmbeddedCosmos | undefined;
  let snapshotter: Snapshotter | undefined;
  const endpoint = options.endpoint ?? (embedded = await startEmbeddedCosmos()).endpoint;
  const client = new CosmosClient({
    endpoint,
    key: options.key ?? embeddedCosmosKey,
    connectionPolicy: { enableEndpointDiscovery: !embedded },
  });
  let database: Database;
  try {
    database = await ensureContainers(client, options.databaseName);
    if (embedded && options.dataDir) {
      const file = path.resolve(options.dataDir, `${options.databaseName}.cosmos.json`);
      await restoreSnapshot(database, file, options.logger);
      const persister = createSnapshotter(database, file, options.logger);
      snapshotter = persister;
      embedded.onWrite(() => persister.schedule());
    }
  } catch (error) {
    client.dispose();
    await embedded?.close();
    throw error;
  }

  return {
    database,
    container: (name) => database.container(name),
    async ping() {
      try {
        await database.read();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await snapshotter?.flush();
      client.dispose();
      await embedded?.close();
    },
    describe: () => (embedded ? "embedded" : new URL(endpoint).host),
  };
}
