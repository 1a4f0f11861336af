import { CosmosClient, type Container, type Database } from "@azure/cosmos";
import { containerDefinitions, containerNames, type ContainerName } from "./containers";
import type { EmbeddedCosmos } from "./embedded-cosmos";
import { skipQueryPlans } from "./embedded-transport";
import { errorCatalog } from "../errors";
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
  let client: CosmosClient;
  if (!options.endpoint) {
    // The embedded server is for local runs: loaded only when used, so production never loads it.
    const { embeddedCosmosKey, startEmbeddedCosmos } = await import("./embedded-cosmos");
    embedded = await startEmbeddedCosmos({
      dataDir: options.dataDir,
      name: options.databaseName,
      logger: options.logger,
      sync: options.syncJournal,
      compactAfterBytes: options.compactAfterBytes,
    });
    client = new CosmosClient({
      endpoint: embedded.endpoint,
      key: embeddedCosmosKey,
      connectionPolicy: { enableEndpointDiscovery: false },
      httpClient: embedded.httpClient,
    });
    skipQueryPlans(client);
  } else if (options.key) {
    // Only a local server speaks plain http (another process's embedded store): its account lists no regions to discover.
    const local = options.endpoint.startsWith("http:");
    client = new CosmosClient({
      endpoint: options.endpoint,
      key: options.key,
      ...(local ? { connectionPolicy: { enableEndpointDiscovery: false } } : {}),
    });
    if (local) skipQueryPlans(client);
  } else {
    // No account key: the managed identity (AZURE_CLIENT_ID) or another Entra credential, with data-plane RBAC.
    const { DefaultAzureCredential } = await import("@azure/identity");
    client = new CosmosClient({ endpoint: options.endpoint, aadCredentials: new DefaultAzureCredential() });
  }
  const endpoint = embedded?.endpoint ?? options.endpoint!;
  let database: Database;
  try {
    database = await ensureContainers(client, options.databaseName);
    await embedded?.migrateLegacy(options.databaseName);
  } catch (error) {
    client.dispose();
    await embedded?.close();
    if (embedded) throw error;
    throw new Error(errorCatalog.cosmosUnreachable(endpoint, (error as Error).message.split("\n")[0]!.slice(0, 200)));
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
