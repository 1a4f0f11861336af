import { createHttpServer } from "@vercel/cosmosdb-server";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";

/** The Cosmos emulator's published well-known key; the embedded server accepts any key. */
export const embeddedCosmosKey =
  "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

export interface EmbeddedCosmos {
  endpoint: string;
  /** Calls the listener after each write request has been answered. */
  onWrite(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * Starts @vercel/cosmosdb-server in this process on 127.0.0.1 with a random port. It keeps data in
 * memory only, so it reports every write request to listeners (the snapshotter persists them).
 */
export async function startEmbeddedCosmos(): Promise<EmbeddedCosmos> {
  const server: Server = createHttpServer({ keepAlive: true } as never);
  const listeners: Array<() => void> = [];
  server.on("request", (req, res) => {
    const isWrite =
      req.method !== "GET" &&
      req.method !== "HEAD" &&
      req.headers["x-ms-documentdb-isquery"] !== "True" &&
      req.headers["x-ms-documentdb-isquery"] !== "true";
    if (isWrite) res.on("finish", () => listeners.forEach((l) => l()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    onWrite: (listener) => listeners.push(listener),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
