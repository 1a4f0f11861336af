import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Logger } from "../logger";

/** What installing the app for a person came to: installed now, there already, or not possible (permission, catalogue). */
export type InstallOutcome = "installed" | "already" | "failed";

/**
 * The bot installs itself for a teacher it must reach (Microsoft Graph, `TeamsAppInstallation.ReadWriteSelfForUser.All`,
 * application permission; the manifest's `webApplicationInfo.id` is the bot's app id). docs/deploy.md tells the tenant's
 * part. One attempt per person per `retryAfterMs` in this instance, so a refusal is not asked again for every message.
 */
export interface AppInstaller {
  install(aadObjectId: string): Promise<InstallOutcome>;
}

export interface GraphInstallerOptions {
  /** Microsoft Graph's base, e.g. https://graph.microsoft.com/v1.0. */
  endpoint: string;
  /** The Teams app's manifest id (its `externalId` in the organisation's catalogue). */
  teamsAppId: string;
  /** An app-only token for Graph; undefined only against a local stand-in (no bot credentials). */
  getToken(): Promise<string | undefined>;
  clock: Clock;
  logger: Logger;
  retryAfterMs?: number;
}

const timeoutMs = 10_000;

export function createGraphInstaller(options: GraphInstallerOptions): AppInstaller {
  const { endpoint, logger } = options;
  const retryAfterMs = options.retryAfterMs ?? 6 * 3_600_000;
  const tried = new Map<string, number>();
  let catalogId: Promise<string | undefined> | undefined;

  const call = async (method: string, path: string, body?: unknown) => {
    const token = await options.getToken();
    return fetch(`${endpoint}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  };

  /** The app's id in the organisation's catalogue, looked up once by its manifest id; nudges sent at once share the lookup. */
  function catalogIdOfApp(): Promise<string | undefined> {
    catalogId ??= lookUpCatalogId().then(
      (found) => {
        // A failed lookup is asked again by the next install, so a passing outage is not remembered.
        if (!found) catalogId = undefined;
        return found;
      },
      (error: unknown) => {
        catalogId = undefined;
        throw error;
      },
    );
    return catalogId;
  }

  async function lookUpCatalogId(): Promise<string | undefined> {
    const filter = encodeURIComponent(`externalId eq '${options.teamsAppId}'`);
    const response = await call("GET", `/appCatalogs/teamsApps?$filter=${filter}`);
    if (!response.ok) {
      logger.warn({ event: "graph_catalog_failed", status: response.status });
      return undefined;
    }
    const found = ((await response.json()) as { value?: { id?: string }[] }).value?.[0]?.id;
    if (!found) logger.warn({ event: "graph_app_not_in_catalog", teamsAppId: options.teamsAppId });
    return found;
  }

  return {
    async install(aadObjectId) {
      const now = options.clock.now().getTime();
      const last = tried.get(aadObjectId);
      if (last !== undefined && now - last < retryAfterMs) return "failed";
      tried.set(aadObjectId, now);
      try {
        const id = await catalogIdOfApp();
        if (!id) return "failed";
        const response = await call("POST", `/users/${encodeURIComponent(aadObjectId)}/teamwork/installedApps`, {
          "teamsApp@odata.bind": `${endpoint}/appCatalogs/teamsApps/${id}`,
        });
        if (response.status === 409) return "already";
        if (response.ok) {
          logger.info({ event: "graph_app_installed" });
          return "installed";
        }
        // 403: the permission is not granted; 404: no such user in the tenant. The chain and the leaders' list take over.
        logger.warn({ event: "graph_install_failed", status: response.status });
        return "failed";
      } catch (error) {
        logger.warn({ event: "graph_install_failed", err: (error as Error).message });
        return "failed";
      }
    },
  };
}

/** The installer the config asks for: Graph with the bot's own identity, or none (GRAPH_SELF_INSTALL=false). */
export function createAppInstaller(config: Config, clock: Clock, logger: Logger): AppInstaller | undefined {
  if (!config.GRAPH_SELF_INSTALL || !config.TEAMS_APP_ID) return undefined;
  const getToken = config.BOT_ID ? graphToken(config) : async () => undefined;
  return createGraphInstaller({
    endpoint: config.GRAPH_ENDPOINT.replace(/\/$/, ""),
    teamsAppId: config.TEAMS_APP_ID,
    getToken,
    clock,
    logger,
  });
}

/** The bot's identity for Graph: its app registration's secret, or its user-assigned managed identity. */
function graphToken(config: Config): () => Promise<string | undefined> {
  let credential: { getToken(scope: string): Promise<{ token: string } | null> } | undefined;
  return async () => {
    if (!credential) {
      const identity = await import("@azure/identity");
      credential =
        config.BOT_TYPE === "SingleTenant" && config.BOT_PASSWORD
          ? new identity.ClientSecretCredential(config.BOT_TENANT_ID ?? "", config.BOT_ID ?? "", config.BOT_PASSWORD)
          : new identity.ManagedIdentityCredential({ clientId: config.BOT_ID ?? "" });
    }
    return (await credential.getToken("https://graph.microsoft.com/.default"))?.token;
  };
}
