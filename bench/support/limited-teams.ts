import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the stand-in took: each message Teams would show, with the conversation and when it arrived. */
export interface Delivered {
  conversationId: string;
  body: any;
  at: number;
}

export interface LimitedTeams {
  serviceUrl: string;
  /** While closed, every send is answered 429 with Retry-After: 10 (nothing delivered), so a backlog builds up. */
  setClosed(closed: boolean): void;
  delivered: Delivered[];
  counts: { throttledByLimit: number; injected429: number; injected502: number; conversationsCreated: number };
  close(): Promise<void>;
}

/**
 * A Bot Connector stand-in that enforces Teams' limits (STACK-NOTES.md): per bot and tenant 50 messages a second,
 * per conversation 7 a second and 60 in 30 s, each answered 429 with Retry-After when exceeded. It also answers 429 to
 * `share429` of the sends it could take, and delivers `share502` and then answers 502 (Teams posted it, the gateway
 * failed): the ambiguous failure a sender cannot tell from a lost message.
 */
export async function startLimitedTeams(options: { share429: number; share502: number }): Promise<LimitedTeams> {
  const delivered: Delivered[] = [];
  const counts = { throttledByLimit: 0, injected429: 0, injected502: 0, conversationsCreated: 0 };
  const tenantWindow: number[] = [];
  const conversationWindows = new Map<string, number[]>();
  let counter = 0;
  let closed = false;
  const within = (times: number[], ms: number, now: number) => times.filter((t) => t > now - ms).length;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
      const url = new URL(req.url ?? "/", "http://localhost");
      res.setHeader("content-type", "application/json");
      const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
        res.statusCode = status;
        res.end(JSON.stringify(payload));
      };
      if (req.method === "POST" && url.pathname === "/v3/conversations") {
        counts.conversationsCreated++;
        return answer(201, { id: `a:${body?.members?.[0]?.id}` });
      }
      const match = url.pathname.match(/^\/v3\/conversations\/([^/]+)\/activities(\/[^/]+)?$/);
      if (req.method !== "POST" || !match) return answer(404, { error: { code: "NotFound" } });
      const conversationId = decodeURIComponent(match[1]!);
      const now = Date.now();
      if (closed) return answer(429, { error: { code: "Throttled" } }, { "retry-after": "10" });
      while (tenantWindow.length && tenantWindow[0]! <= now - 1000) tenantWindow.shift();
      const mine = (conversationWindows.get(conversationId) ?? []).filter((t) => t > now - 30_000);
      conversationWindows.set(conversationId, mine);
      const throttle = { error: { code: "Throttled", message: "Too many requests" } };
      if (tenantWindow.length >= 50 || within(mine, 1000, now) >= 7 || mine.length >= 60) {
        counts.throttledByLimit++;
        return answer(429, throttle, { "retry-after": "1" });
      }
      const roll = Math.random();
      if (roll < options.share429) {
        counts.injected429++;
        return answer(429, throttle, { "retry-after": "1" });
      }
      tenantWindow.push(now);
      mine.push(now);
      delivered.push({ conversationId, body, at: now });
      if (roll < options.share429 + options.share502) {
        counts.injected502++;
        return answer(502, { error: { code: "BadGateway" } });
      }
      answer(201, { id: `activity-${++counter}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}`,
    setClosed: (value) => {
      closed = value;
    },
    delivered,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
