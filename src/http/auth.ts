import { timingSafeEqual } from "node:crypto";
import type { Request, Response } from "restify";
import { sendError } from "./types";

/**
 * The data APIs are for the school's systems, not for people: one bearer key (INGEST_API_KEY).
 * Returns false (and answers) when the request may not go on.
 */
export function checkIngestKey(req: Request, res: Response, key: string | undefined): boolean {
  if (!key) {
    sendError(
      res,
      503,
      "ingest_disabled",
      "The data APIs are off: set INGEST_API_KEY (at least 16 characters) to enable them.",
    );
    return false;
  }
  const header = req.header("authorization") ?? "";
  const presented = Buffer.from(header.startsWith("Bearer ") ? header.slice(7).trim() : "");
  const expected = Buffer.from(key);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    res.header("WWW-Authenticate", 'Bearer realm="naervaer"');
    sendError(res, 401, "unauthorized", "Send the key as 'Authorization: Bearer <INGEST_API_KEY>'.");
    return false;
  }
  return true;
}
