import { createLogger } from "../../src/logger";
import { startEmbeddedCosmos } from "../../src/store/embedded-cosmos";

/** One embedded Cosmos server in a process of its own, for several instances of the service to share (tests, benches). */
async function main(): Promise<void> {
  const store = await startEmbeddedCosmos({ name: "naervaer", logger: createLogger("warn") });
  process.stdout.write(`${JSON.stringify({ endpoint: store.endpoint })}\n`);
  const stop = () => void store.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
