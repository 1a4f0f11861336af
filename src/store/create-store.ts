import { CosmosClient, type Container, type Database } from "@azure/cosmos";
import { containerDefinitions, containerNames, type ContainerName } from "./containers";
import { embeddedCosmosKey, startEmbeddedCosmos, type EmbeddedCosmos } from "./embedded-cosmos";
import type { SyncFile } from "./journal";
import type { Logger } from "../logger";

export interface StoreHealth {
  ok: boolean;
  /** "ok", "unreachable" (Cosmos does not answer) or "not-durable" (the embedded journal cannot be written). */
  cosmos: "ok" | "unreachable" | "not-durable";
  problem?: string;
}

export interface Store {
  database: Database;
  container(name: ContainerName): Container;
  /** True when Cosmos answers a read of the database. */
  ping(): Promise<boolean>;
  /** Whether Cosmos answers and, in embedded mode, whether writes reach the disk. */
  health(): Promise<StoreHealth>;
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
  /** Embedded mode only: replaces the journal's fsync (tests inject failures). */
  syncJournal?: SyncFile;
  /** Embedded mode only: compact the journal once it holds this many bytes (or the snapshot's size, if larger). */
  compactAfterBytes?: number;
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
  const endpoint =
    options.endpoint ??
    (embedded = await startEmbeddedCosmos({
      dataDir: options.dataDir,
      name: options.databaseName,
      logger: options.logger,
      sync: options.syncJournal,
      compactAfterBytes: options.compactAfterBytes,
    })).endpoint;
  const client = new CosmosClient({
    endpoint,
    key: options.key ?? embeddedCosmosKey,
    connectionPolicy: { enableEndpointDiscovery: !embedded },
  });
  let database: Database;
  try {
    database = await ensureContainers(client, options.databaseName);
    await embedded?.migrateLegacy(options.databaseName);
  } catch (error) {
    client.dispose();
    await embedded?.close();
    throw error;
  }

  const ping = async () => {
    try {
      await database.read();
      return true;
    } catch {
      return false;
    }
  };
  return {
    database,
    container: (name) => database.container(name),
    ping,
    async health() {
      if (embedded) {
        // The embedded server runs on this event loop, so a round trip to it proves nothing this answer does not.
        const problem = embedded.durabilityProblem();
        return problem ? { ok: false, cosmos: "not-durable", problem } : { ok: true, cosmos: "ok" };
      }
      return (await ping()) ? { ok: true, cosmos: "ok" } : { ok: false, cosmos: "unreachable" };
    },
    async close() {
      client.dispose();
      await embedded?.close();
    },
    describe: () => (embedded ? "embedded" : new URL(endpoint).host),
  };
}
