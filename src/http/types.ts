import type { Request, Response } from "restify";

export type HttpHandler = (req: Request, res: Response) => Promise<void>;

export interface HttpRoute {
  method: "get" | "post" | "del";
  path: string;
  handler: HttpHandler;
}

/** A JSON error body that says what was wrong and what was expected, never echoing personal data. */
export function sendError(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.send(status, { error: { code, message, ...extra } });
}
