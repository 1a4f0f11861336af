import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  method: string;
  path: string;
  /** The conversation id from the path, decoded, when the call targets one. */
  conversationId?: string;
  body: any;
  /** The activity id the stand-in answered a send with, as Teams does (a channel post's id roots its thread). */
  responseId?: string;
}

export interface ConnectorRecorder {
  /** The serviceUrl to put on activities so the bot answers here. */
  serviceUrl: string;
  calls: RecordedCall[];
  /** Activities the bot sent (replies and proactive messages), optionally for one conversation. */
  sentActivities(conversationId?: string): any[];
  /** Resolves when `predicate` holds for the sent activities, or rejects after `timeoutMs`. */
  waitFor(predicate: (activities: any[]) => boolean, timeoutMs?: number): Promise<any[]>;
  /** While down, the connector answers every send (and conversation creation) with 503, as during a Teams outage. */
  setDown(down: boolean): void;
  /** The sends refused while down. */
  refused: RecordedCall[];
  /** Users who do not have the app: opening a chat with them answers 403, as Teams does. */
  withoutApp: Set<string>;
  /** While hanging, sends are held unanswered (and not delivered), as when Teams does not answer at all. */
  setHanging(hanging: boolean): void;
  clear(): void;
  close(): Promise<void>;
}

/**
 * An HTTP stand-in for the Bot Framework Connector that Teams uses: it accepts what the bot sends
 * (replies, proactive messages, conversation creation, member look-ups) and records it.
 */
export async function startConnectorRecorder(): Promise<ConnectorRecorder> {
  const calls: RecordedCall[] = [];
  let counter = 0;
  let down = false;
  let hanging = false;
  const held: http.ServerResponse[] = [];
  const refused: RecordedCall[] = [];
  const withoutApp = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: any = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        // keep the raw text
      }
      const url = new URL(req.url ?? "/", "http://localhost");
      const match = url.pathname.match(/^\/v3\/conversations\/([^/]+)(\/.*)?$/);
      const conversationId = match ? decodeURIComponent(match[1]!) : undefined;
      res.setHeader("content-type", "application/json");
      if (hanging && req.method === "POST") {
        held.push(res);
        return;
      }
      if (down && req.method === "POST") {
        refused.push({ method: req.method, path: url.pathname, conversationId, body });
        res.statusCode = 503;
        res.end(JSON.stringify({ error: { code: "ServiceUnavailable", message: "the recorder is down" } }));
        return;
      }
      calls.push({ method: req.method ?? "", path: url.pathname, conversationId, body });
      if (req.method === "POST" && url.pathname === "/v3/conversations" && withoutApp.has(body?.members?.[0]?.id)) {
        res.statusCode = 403;
        res.end(JSON.stringify({ error: { code: "Forbidden", message: "The bot is not installed for the user." } }));
        return;
      }
      if (req.method === "POST" && url.pathname === "/v3/conversations" && body?.activity) {
        // A new thread in a channel: Teams answers with the thread's conversation id and the root's activity id.
        const activityId = `activity-${++counter}`;
        calls[calls.length - 1]!.responseId = activityId;
        res.statusCode = 201;
        res.end(JSON.stringify({ id: `${body.channelData?.channel?.id};messageid=${activityId}`, activityId }));
        return;
      }
      if (req.method === "POST" && url.pathname === "/v3/conversations") {
        res.statusCode = 201;
        res.end(JSON.stringify({ id: `created-conversation-${++counter}`, serviceUrl: `http://${req.headers.host}` }));
        return;
      }
      const member = url.pathname.match(/^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/);
      if (req.method === "GET" && member) {
        res.end(
          JSON.stringify({
            id: decodeURIComponent(member[1]!),
            aadObjectId: decodeURIComponent(member[1]!),
            name: "Member",
          }),
        );
        return;
      }
      if (/\/activities(\/[^/]+)?$/.test(url.pathname)) {
        res.statusCode = req.method === "POST" ? 201 : 200;
        const id = `activity-${++counter}`;
        calls[calls.length - 1]!.responseId = id;
        res.end(JSON.stringify({ id }));
        return;
      }
      res.statusCode = 404;
      res.end(
        JSON.stringify({
          error: { code: "NotFound", message: `recorder has no route for ${req.method} ${url.pathname}` },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;

  const sentActivities = (conversationId?: string) =>
    calls
      .filter((c) => c.method === "POST" && /\/activities(\/[^/]+)?$/.test(c.path))
      .filter((c) => conversationId === undefined || c.conversationId === conversationId)
      .map((c) => c.body);

  return {
    serviceUrl: `http://127.0.0.1:${port}`,
    calls,
    sentActivities,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const activities = sentActivities();
        if (predicate(activities)) return activities;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(
        `Connector recorder: condition not met within ${timeoutMs} ms; bot sent ${JSON.stringify(sentActivities()).slice(0, 2000)}`,
      );
    },
    setDown: (value) => {
      down = value;
    },
    setHanging: (value) => {
      hanging = value;
      if (!value) for (const res of held.splice(0)) res.destroy();
    },
    refused,
    withoutApp,
    clear: () => {
      calls.length = 0;
      refused.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
