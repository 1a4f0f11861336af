import { timingSafeEqual } from "node:crypto";
import type { Request, Response } from "restify";
import { sendError, type ApiKeyName } from "./types";

/**
 * The data APIs are for the municipality's systems, not for people, and each job gets only the key it needs:
 * a roster export job can import but not read cases, the data protection officer reads the audit log.
 */
export const apiKeyVariables: Record<ApiKeyName, string> = {
  ingest: "INGEST_API_KEY",
  read: "READ_API_KEY",
  audit: "AUDIT_API_KEY",
  erase: "ERASE_API_KEY",
};
export type ApiKeys = Record<ApiKeyName, string | undefined>;

/** Returns false (and answers 503 or 401) when the request does not present the key its route needs. */
export function checkApiKey(req: Request, res: Response, name: ApiKeyName, keys: ApiKeys): boolean {
  const variable = apiKeyVariables[name];
  const key = keys[name];
  if (!key) {
    sendError(res, 503, "api_disabled", `This API is off: set ${variable} (at least 16 characters) to enable it.`);
    return false;
  }
  const header = req.header("authorization") ?? "";
  const presented = Buffer.from(header.startsWith("Bearer ") ? header.slice(7).trim() : "");
  const expected = Buffer.from(key);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    res.header("WWW-Authenticate", 'Bearer realm="naervaer"');
    sendError(res, 401, "unauthorized", `Send the key as 'Authorization: Bearer <${variable}>'.`);
    return false;
  }
  return true;
}
