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
    `Nærvær cannot reach Cosmos DB at ${endpoint} (${cause}). Fix: check COSMOS_ENDPOINT and COSMOS_KEY, and that the account allows this network.`,
  playgroundMissing: () =>
    `The Agents Playground is not installed. Fix: run "npm ci" (it is a devDependency), or set START_PLAYGROUND=false.`,
  snapshotUnreadable: (file: string, cause: string) =>
    `The embedded database file ${file} could not be read (${cause}). Fix: move it aside to start empty, or restore it from a backup.`,
} as const;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
