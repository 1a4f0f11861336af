import type { RequestListener } from "node:http";
import { QueryIterator, type CosmosClient, type CosmosClientOptions } from "@azure/cosmos";

type HttpClient = NonNullable<CosmosClientOptions["httpClient"]>;
type PipelineRequest = Parameters<HttpClient["sendRequest"]>[0];
type PipelineResponse = Awaited<ReturnType<HttpClient["sendRequest"]>>;
type HttpHeaders = PipelineResponse["headers"];

/** The body of a request handed over in process; the embedded server's JSON reader takes it instead of a stream. */
export const inProcessBody = Symbol("inProcessBody");

/** Header names in lower case, as Node's HTTP parser gives them to the server and the SDK expects them back. */
function createHeaders(entries: Iterable<[string, string]>): HttpHeaders {
  const map = new Map<string, string>();
  for (const [name, value] of entries) map.set(name.toLowerCase(), value);
  return {
    get: (name) => map.get(name.toLowerCase()),
    has: (name) => map.has(name.toLowerCase()),
    set: (name, value) => void map.set(name.toLowerCase(), String(value)),
    delete: (name) => void map.delete(name.toLowerCase()),
    toJSON: () => Object.fromEntries(map),
    [Symbol.iterator]: () => map.entries(),
  };
}

/** What the server's handlers use of a Node request: method, url, headers and (through the JSON reader) the body. */
interface InProcessRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  [inProcessBody]: string | undefined;
  resume(): void;
}

/** What the server's handlers use of a Node response; `end` hands the answer back to the SDK. */
class InProcessResponse {
  statusCode = 200;
  finished = false;
  private readonly headers = new Map<string, string>();

  constructor(private readonly answer: (response: InProcessResponse, body: string) => void) {}

  setHeader(name: string, value: string | number): this {
    this.headers.set(name.toLowerCase(), String(value));
    return this;
  }
  getHeader(name: string): string | undefined {
    return this.headers.get(name.toLowerCase());
  }
  hasHeader(name: string): boolean {
    return this.headers.has(name.toLowerCase());
  }
  removeHeader(name: string): void {
    this.headers.delete(name.toLowerCase());
  }
  end(chunk?: string | Buffer): this {
    if (this.finished) return this;
    this.finished = true;
    this.answer(this, chunk === undefined ? "" : String(chunk));
    return this;
  }
  headerEntries(): Iterable<[string, string]> {
    return this.headers.entries();
  }
}

const bodyText = (body: PipelineRequest["body"]): string | undefined => {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (Buffer.isBuffer(body)) return body.toString("utf8");
  throw new Error("The embedded store's transport takes a string or Buffer body");
};

/**
 * The Cosmos SDK's HTTP client for the embedded server in this process: each request is handed to the server's
 * handler as an object, without a socket. A card action costs some ten store requests, and over loopback HTTP the
 * two HTTP stacks took a third of the server's CPU. The SDK, its retries and the server's handlers are unchanged.
 */
export function createInProcessHttpClient(handle: () => RequestListener): HttpClient {
  return {
    sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      return new Promise((resolve, reject) => {
        const { abortSignal } = request;
        // The SDK's request timeout aborts the signal: an answer that never comes fails as a timeout, as over HTTP.
        const onAbort = () => reject(Object.assign(new Error("The request was aborted"), { name: "AbortError" }));
        if (abortSignal?.aborted) return onAbort();
        abortSignal?.addEventListener("abort", onAbort, { once: true });
        const url = new URL(request.url);
        const headers = request.headers.toJSON();
        headers.host = url.host;
        const req: InProcessRequest = {
          method: request.method,
          url: url.pathname + url.search,
          headers,
          [inProcessBody]: bodyText(request.body),
          resume: () => {},
        };
        const res = new InProcessResponse((answered, body) => {
          abortSignal?.removeEventListener("abort", onAbort);
          resolve({
            request,
            status: answered.statusCode,
            headers: createHeaders(answered.headerEntries()),
            bodyAsText: body,
          });
        });
        handle()(req as never, res as never);
      });
    },
  };
}

/** Clients of an embedded store (this process's, or another instance's over plain HTTP): they ask for no query plans. */
const planless = new WeakSet<object>();
let plansPatched = false;

/**
 * The SDK asks for a query plan beside every query, in case the query is refused as needing one; the embedded server
 * refuses none, so for its clients that request was a third of a card action's store requests, each paying the SDK's
 * whole pipeline. Their iterators are handed an error in place of the plan: were a plan ever needed, the query fails
 * with it rather than running without one. Clients of Cosmos DB in Azure are untouched.
 */
export function skipQueryPlans(client: CosmosClient): void {
  planless.add((client as unknown as { clientContext: object }).clientContext);
  if (plansPatched) return;
  plansPatched = true;
  const proto = QueryIterator.prototype as unknown as {
    fetchQueryPlan(this: { clientContext: object }, ...args: unknown[]): Promise<unknown>;
  };
  const fetchQueryPlan = proto.fetchQueryPlan;
  // An SDK without this (private) method asks for its plans as it does; test/store/embedded-transport.test.ts says so.
  if (typeof fetchQueryPlan !== "function") return;
  proto.fetchQueryPlan = function (...args) {
    if (!planless.has(this.clientContext)) return fetchQueryPlan.apply(this, args);
    return Promise.resolve(new Error("The embedded store has no query plans; this query needs one"));
  };
}
