import type { Activity } from "botbuilder";
import {
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from "botframework-connector";

/** Service URLs and callers are few (a region's Teams, the bot itself): a bound keeps a bad actor from growing it. */
const maxClients = 200;

function remembered<T>(cache: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known) return known;
  if (cache.size >= maxClients) cache.clear();
  const created = create();
  cache.set(key, created);
  created.catch(() => cache.delete(key));
  return created;
}

/** Who a factory or token client acts for: the token's audience and app, and the audience it calls out to. */
const callerOf = (identity: ClaimsIdentity, outbound = ""): string =>
  JSON.stringify([
    identity.getClaimValue("aud"),
    identity.getClaimValue("appid") ?? identity.getClaimValue("azp"),
    outbound,
  ]);

/**
 * botbuilder builds a new ConnectorClient (and a user token client), each with its own HTTP pipeline, for every
 * incoming turn and every proactive send: a tenth of a card action's CPU here. The clients hold no state of a turn,
 * only the credentials and their token cache, so one per caller and service URL is kept and reused.
 */
class ReusingAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  private reusing(factory: ConnectorFactory, caller: string): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) =>
        remembered(this.connectors, JSON.stringify([caller, serviceUrl, audience ?? ""]), () =>
          factory.create(serviceUrl, audience),
        ),
    } as ConnectorFactory;
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    const caller = callerOf(result.claimsIdentity, result.audience);
    return { ...result, connectorFactory: this.reusing(result.connectorFactory, caller) };
  }

  override authenticateStreamingRequest(authHeader: string, channelIdHeader: string) {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  override authenticateChannelRequest(authHeader: string) {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(this.inner.createConnectorFactory(claimsIdentity), callerOf(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return remembered(this.tokenClients, callerOf(claimsIdentity), () =>
      this.inner.createUserTokenClient(claimsIdentity),
    );
  }

  override createBotFrameworkClient() {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience() {
    return this.inner.getOriginatingAudience();
  }
}

/** Makes the adapter reuse its Bot Connector clients across turns (see ReusingAuthentication). */
export function reuseConnectorClients<T extends object>(adapter: T): T {
  const held = adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication };
  held.botFrameworkAuthentication = new ReusingAuthentication(held.botFrameworkAuthentication);
  return adapter;
}
