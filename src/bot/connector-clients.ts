import type { Activity } from "botbuilder";
import {
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from "botframework-connector";
import { createRecentReads } from "../store/recent-reads";

/** Who a factory or token client acts for: the token's audience and app, and the audience it calls out to. */
const callerOf = (identity: ClaimsIdentity, outbound = ""): string =>
  JSON.stringify([
    identity.getClaimValue("aud"),
    identity.getClaimValue("appid") ?? identity.getClaimValue("azp"),
    outbound,
  ]);

/**
 * botbuilder builds a new ConnectorClient (and a user token client), each with its own HTTP pipeline, for every
 * incoming turn and every proactive send: about 4 % of the server's time in a burst of card actions. The clients hold
 * no state of a turn, only the credentials and their token cache, so one per caller and service URL is kept for good
 * (a failed creation is not kept).
 */
class ReusingAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = createRecentReads<ConnectorClient>(Infinity);
  private readonly tokenClients = createRecentReads<UserTokenClient>(Infinity);

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  private reusing(factory: ConnectorFactory, caller: string): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.connectors.get(JSON.stringify([caller, serviceUrl, audience ?? ""]), () =>
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
    return this.tokenClients.get(callerOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
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
