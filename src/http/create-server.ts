import restify from "restify";
import { errorCatalog, isStoreUnavailable } from "../errors";
import type { Logger } from "../logger";
import { checkApiKey, type ApiKeys } from "./auth";
import type { HttpRoute } from "./types";

export function createHttpServer(routes: HttpRoute[], keys: ApiKeys, logger: Logger): restify.Server {
  const server = restify.createServer({ name: "naervaer", handleUncaughtExceptions: false });
  // JSON is parsed; other bodies (CSV) stay raw text, since restify's own CSV parsing would lose line numbers.
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    restify.plugins.jsonBodyParser({ maxBodySize: 20 * 1024 * 1024, mapParams: false } as Parameters<
      typeof restify.plugins.jsonBodyParser
    >[0]),
  );
  for (const route of routes) {
    server[route.method](route.path, async (req: restify.Request, res: restify.Response) => {
      const started = process.hrtime.bigint();
      // The access log names the route's pattern, never the path: paths and queries carry pupil ids.
      res.once("finish", () =>
        logger[route.path === "/healthz" ? "debug" : "info"]({
          event: "http_request",
          method: req.method,
          route: route.path,
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
        }),
      );
      try {
        if (route.key && !checkApiKey(req, res, route.key, keys)) return;
        await route.handler(req, res);
      } catch (error) {
        logger.error({ event: "http_handler_failed", path: route.path, err: (error as Error).message });
        if (!res.headersSent && isStoreUnavailable(error))
          res.send(503, { error: { code: "store_unavailable", message: errorCatalog.storeUnavailable() } });
        else if (!res.headersSent)
          res.send(500, {
            error: { code: "internal", message: "Internal error; see the server log for the request." },
          });
      }
    });
  }
  return server;
}
