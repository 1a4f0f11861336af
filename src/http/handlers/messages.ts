import type { Response } from "restify";
import type { Bot } from "../../bot/create-bot";
import type { Logger } from "../../logger";
import type { HttpHandler } from "../types";

/** Errors of the token check that mean the signing keys could not be fetched, not that the token is bad. */
const KEYS_UNREACHABLE =
  /openid|metadata|signing key|jwks|fetch|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN/i;

/**
 * botbuilder answers a refused or failed request with its internal error text (a fetch error, a stack hint);
 * the caller gets a short JSON error instead: 401 for a token that is not valid, 503 when the signing keys
 * could not be fetched, 500 otherwise. The details go to the log, without the token.
 */
function guardedResponse(res: Response, logger: Logger): Response {
  let status = 200;
  let body: unknown;
  const finish = () => {
    if (status < 400) {
      res.status(status);
      if (body !== undefined) res.send(body);
      else res.end();
      return;
    }
    const detail = typeof body === "string" ? body : body instanceof Error ? body.message : "";
    const code = status === 401 ? 401 : KEYS_UNREACHABLE.test(detail) ? 503 : status;
    logger.warn({ event: "bot_request_refused", status: code, err: detail.slice(0, 200) });
    const error =
      code === 401
        ? { code: "unauthorized", message: "The request's Bot Framework token could not be verified." }
        : code === 503
          ? { code: "auth_unavailable", message: "The Bot Framework signing keys cannot be reached; try again later." }
          : { code: code === 400 ? "bad_request" : "internal", message: "The activity could not be processed." };
    res.send(code, { error });
  };
  return new Proxy(res, {
    get(target, property, receiver) {
      if (property === "status")
        return (code: number) => {
          status = code;
          return receiver;
        };
      if (property === "send")
        return (payload: unknown) => {
          body = payload;
          return receiver;
        };
      if (property === "end") return () => finish();
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function createMessagesHandler(bot: Bot, logger: Logger): HttpHandler {
  return async (req, res) => {
    await bot.adapter.process(req as never, guardedResponse(res, logger) as never, (context) =>
      bot.app.run(context).then(() => undefined),
    );
  };
}
