import type { AddressInfo } from "node:net";
import type { IncomingMessage, RequestListener, Server, ServerResponse } from "node:http";
import { createHttpServer } from "@vercel/cosmosdb-server";
import { errorCatalog } from "../errors";
import type { Logger } from "../logger";
import { createStoreState, installServerPatches, takeCreatedAccount } from "./embedded-state";
import { openPersistence, type Persistence } from "./embedded-persistence";
import type { SyncFile } from "./journal";
import { createInProcessHttpClient } from "./embedded-transport";

/** The Cosmos emulator's published well-known key; the embedded server accepts any key. */
export const embeddedCosmosKey =
  "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

export interface EmbeddedCosmosOptions {
  /** Where the data is kept between runs; omit to keep it in memory only. */
  dataDir?: string;
  /** Names the files in dataDir (the database name). */
  name: string;
  logger: Logger;
  /** Replaces fsync of the journal (tests inject failures). */
  sync?: SyncFile;
  compactAfterBytes?: number;
}

export interface EmbeddedCosmos {
  endpoint: string;
  /** The SDK's transport to this server without a socket (embedded-transport.ts). */
  httpClient: ReturnType<typeof createInProcessHttpClient>;
  /** Why writes are not durable right now (the journal cannot be written); undefined when they are. */
  durabilityProblem(): string | undefined;
  /** Imports a snapshot in the format before the journal, once the database's containers exist. */
  migrateLegacy(databaseName: string): Promise<void>;
  /** Writes a snapshot now and drops the journal it covers (also runs by itself as the journal grows). */
  compact(): Promise<void>;
  close(): Promise<void>;
}

function isWrite(req: IncomingMessage): boolean {
  const isQuery = req.headers["x-ms-documentdb-isquery"];
  return req.method !== "GET" && req.method !== "HEAD" && isQuery !== "True" && isQuery !== "true";
}

function answerNotDurable(res: ServerResponse, end: (chunk: string) => void, cause: Error): void {
  res.statusCode = 503;
  res.removeHeader("etag");
  res.setHeader("content-type", "application/json");
  end(JSON.stringify({ code: "ServiceUnavailable", message: errorCatalog.storeNotDurable(cause.message) }));
}

/**
 * Answers a write only once its effect is on disk: the answer waits for the journal's fsync of every record
 * appended so far (group commit makes that one fsync for many requests), so a later write never becomes durable
 * before an earlier one it may depend on. Reads are answered at once: they may show a write whose own answer is
 * still waiting for its fsync. While the journal cannot be written, writes are refused up front so memory does
 * not run ahead of disk.
 */
function holdUntilDurable(persistence: Persistence, handle: RequestListener): RequestListener {
  const { writer } = persistence;
  return (req, res) => {
    if (!isWrite(req)) return handle(req, res);
    const failure = writer.failure();
    if (failure) {
      req.resume();
      answerNotDurable(res, (chunk) => res.end(chunk), failure);
      return;
    }
    const end = res.end.bind(res) as (chunk?: string) => ServerResponse;
    res.end = ((chunk?: string) => {
      const upTo = writer.lastSeq();
      if (upTo <= writer.durableSeq()) return end(chunk);
      writer.whenDurable(upTo).then(
        () => end(chunk),
        (error: Error) => answerNotDurable(res, end, error),
      );
      return res;
    }) as ServerResponse["end"];
    handle(req, res);
  };
}

/**
 * Starts @vercel/cosmosdb-server in this process on 127.0.0.1 with a random port. With a data directory its
 * state is restored from disk first and every write is journaled before it is answered (embedded-persistence.ts);
 * queries scoped to one partition read only that partition (embedded-state.ts).
 */
export async function startEmbeddedCosmos(options: EmbeddedCosmosOptions): Promise<EmbeddedCosmos> {
  installServerPatches();
  const server: Server = createHttpServer({ keepAlive: true } as never);
  // The SDK keeps its sockets open; a server closing idle ones (5 s by default) races its next request (ECONNRESET).
  server.keepAliveTimeout = 0;
  const [handle] = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  let persistence: Persistence | undefined;
  let listener = handle!;
  server.on("request", (req, res) => listener(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  const account = takeCreatedAccount();
  if (options.dataDir) {
    try {
      persistence = await openPersistence(createStoreState(account), {
        dataDir: options.dataDir,
        name: options.name,
        logger: options.logger,
        sync: options.sync,
        compactAfterBytes: options.compactAfterBytes,
      });
      listener = holdUntilDurable(persistence, handle!);
    } catch (error) {
      await close();
      throw error;
    }
  }
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    httpClient: createInProcessHttpClient(() => listener),
    durabilityProblem: () => persistence?.writer.failure()?.message,
    migrateLegacy: async (databaseName) => persistence?.migrateLegacy(databaseName),
    compact: async () => persistence?.compact(),
    async close() {
      await close();
      await persistence?.close();
    },
  };
}
