import type { Request, Response } from "restify";
import type { ZodError } from "zod";

export type HttpHandler = (req: Request, res: Response) => Promise<void>;

/** The keys of the data APIs (src/http/auth.ts says which variable holds each). */
export type ApiKeyName = "ingest" | "read" | "audit" | "erase";

export interface HttpRoute {
  method: "get" | "post" | "del";
  path: string;
  /** The API key the caller must present (src/http/auth.ts); none for health, Teams (its own JWT) and the test clock. */
  key?: ApiKeyName;
  handler: HttpHandler;
}

/** A JSON error body that says what was wrong and what was expected, never echoing personal data. */
export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): void {
  res.send(status, { error: { code, message, ...extra } });
}

/** 400 for a body or query zod refused: its first problem, naming the field («(body)» or «(query)» when it is the whole), and what was expected. */
export function sendInvalid(res: Response, where: "body" | "query", error: ZodError, expected: string): void {
  const issue = error.issues[0]!;
  const field = issue.path.join(".") || `(${where})`;
  sendError(res, 400, `invalid_${where}`, `${where === "body" ? "Field" : "Query"} '${field}': ${issue.message}`, {
    field,
    expected,
  });
}
