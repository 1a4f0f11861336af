import { z } from "zod";
import type { SettableClock } from "../../clock";
import { sendError, type HttpHandler } from "../types";

const body = z.object({
  now: z.string().datetime({ offset: true, message: "expected an ISO datetime such as 2026-09-14T08:00:00+02:00" }),
});

/** Only mounted when TEST_CLOCK=true, which the config refuses in production. */
export function createSetClockHandler(clock: SettableClock): HttpHandler {
  return async (req, res) => {
    const parsed = body.safeParse(req.body);
    if (!parsed.success)
      return sendError(res, 400, "invalid_body", "Field 'now': " + parsed.error.issues[0]!.message, { field: "now" });
    await clock.set(new Date(parsed.data.now));
    res.send(200, { now: clock.now().toISOString() });
  };
}

export function createGetClockHandler(clock: SettableClock): HttpHandler {
  return async (_req, res) => {
    res.send(200, { now: clock.now().toISOString() });
  };
}
