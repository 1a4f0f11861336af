/**
 * The catalogue of errors an operator can meet at start or at the edges, each with the fix.
 * Messages name the variable or field so an IT administrator can act without reading code.
 */
export const errorCatalog = {
  configInvalid: (issues: string[]) =>
    `Nærvær cannot start: the configuration is invalid.\n${issues.map((i) => `  - ${i}`).join("\n")}\n` +
    `Fix: set the variables in .env (see .env.example) or in the App Service configuration.`,
  productionWithoutBot: (missing: string[]) =>
    `${missing.join(", ")} must be set when NODE_ENV=production: without bot credentials anyone could post activities to /api/messages.`,
  cosmosUnreachable: (endpoint: string, cause: string) =>
    `Nærvær cannot reach Cosmos DB at ${endpoint} (${cause}). Fix: check COSMOS_ENDPOINT; without COSMOS_KEY the managed identity (AZURE_CLIENT_ID) needs the Cosmos DB Built-in Data Contributor role; check that the account allows this network.`,
  playgroundMissing: () =>
    `The Agents Playground is not installed. Fix: run "npm ci" (it is a devDependency), or set START_PLAYGROUND=false.`,
  playgroundExited: (code: number, configFile: string) =>
    `The Agents Playground exited with code ${code} at start. Its config file ${configFile} is the usual cause (it allows one ` +
    `channel besides General). Fix: run it by hand to see its reason (npx agentsplayground -e http://127.0.0.1:3978/api/messages ` +
    `-c msteams with M365_AGENTS_PLAYGROUND_CONFIG_PATH=${configFile}), or set START_PLAYGROUND=false.`,
  snapshotUnreadable: (file: string, cause: string) =>
    `The embedded database file ${file} could not be read (${cause}). Fix: move it aside to start empty, or restore it from a backup.`,
  storeFileDamaged: (file: string, offset: number, problem: string) =>
    `Nærvær cannot start: the embedded database journal ${file} is damaged at byte ${offset} (${problem}) and intact records follow, ` +
    `so starting would drop acknowledged writes. Fix: restore the data directory from a backup; or, accepting the loss of ` +
    `everything after the damage, cut the file there (truncate -s ${offset} "${file}") and start again.`,
  storeSnapshotDamaged: (file: string, problem: string) =>
    `Nærvær cannot start: the embedded database snapshot ${file} is damaged (${problem}). Fix: restore it from a backup of the ` +
    `data directory. Do not delete it: the journal files beside it hold only the writes made after it.`,
  storeJournalMissing: (missing: string, found: string) =>
    `Nærvær cannot start: the embedded database journal ${missing} is missing, but ${found} comes after it. ` +
    `Fix: restore the data directory from a backup (the snapshot and every journal file together).`,
  storeNotDurable: (cause: string) =>
    `The embedded database cannot write its journal to disk (${cause}); writes are refused until it can. ` +
    `Fix: check free space and permissions of DATA_DIR.`,
  storeUnavailable: () =>
    `The database cannot save changes right now, so this request was not completed. Try again shortly; ` +
    `operators: see /healthz and the server log.`,
} as const;

/** Whether Cosmos (or the embedded server) refused the request as temporarily unavailable (503). */
export function isStoreUnavailable(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 503;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
