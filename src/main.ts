import "dotenv/config";
import "./telemetry-start";
import { createNaervaer } from "./app";
import { parseConfig } from "./config";
import { ConfigError } from "./errors";
import { startPlayground, type Playground } from "./local/playground";
import { createLogger } from "./logger";

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const naervaer = await createNaervaer(config, logger);
  const port = await naervaer.listen();
  const botEndpoint = `http://127.0.0.1:${port}/api/messages`;
  logger.info({
    event: "listening",
    port,
    store: naervaer.store.describe(),
    jwtValidation: Boolean(config.BOT_ID),
    testClock: config.TEST_CLOCK,
  });

  let playground: Playground | undefined;
  if (config.START_PLAYGROUND) {
    playground = await startPlayground(botEndpoint, config.PLAYGROUND_PORT, logger);
    // The Playground's team channel is the demo school's: the demo case's thread, with the nurse @mentioned.
    if (config.SEED_DEMO) await naervaer.seedDemoThread(`${playground.url}/_connector`);
    process.stdout.write(
      `\n  Nærvær kjører. Åpne Agents Playground: ${playground.url}\n  (bot: ${botEndpoint}; stopp med Ctrl-C)\n\n`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: "stopping", signal });
    await playground?.stop();
    await naervaer.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: Error) => {
  process.stderr.write(`Nærvær stopped: ${error.message}\n`);
  process.exit(1);
});
