import dotenv from "dotenv";
import { localIngestKey } from "../local/local-defaults";

export interface ApiClient {
  baseUrl: string;
  call(
    method: "GET" | "POST",
    pathname: string,
    body?: string,
    contentType?: string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI prints whatever JSON the API answers
  ): Promise<{ status: number; body: any }>;
}

/** The command-line tools talk to the running service over its HTTP API, as a school system would. */
export function createApiClient(env: NodeJS.ProcessEnv = process.env): ApiClient {
  dotenv.config();
  const baseUrl = (env.NAERVAER_URL ?? `http://127.0.0.1:${env.PORT || 3978}`).replace(/\/$/, "");
  const isLocal = /^https?:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(baseUrl);
  const key = env.INGEST_API_KEY || (isLocal ? localIngestKey : undefined);
  if (!key)
    throw new Error(`INGEST_API_KEY is not set: it is needed to call ${baseUrl}. Set it in .env or the environment.`);
  return {
    baseUrl,
    async call(method, pathname, body, contentType = "application/json") {
      let response: Response;
      try {
        response = await fetch(baseUrl + pathname, {
          method,
          headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": contentType }) },
          body,
        });
      } catch (error) {
        throw new Error(
          `Nærvær does not answer at ${baseUrl} (${(error as Error).message}). Start it with "npm start", or set NAERVAER_URL.`,
        );
      }
      const text = await response.text();
      try {
        return { status: response.status, body: JSON.parse(text) };
      } catch {
        return { status: response.status, body: text };
      }
    },
  };
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
