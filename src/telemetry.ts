/**
 * OpenTelemetry traces and metrics to Application Insights, when APPLICATIONINSIGHTS_CONNECTION_STRING is set (in
 * Azure; the Bicep sets it). Loaded first by main.ts, before restify and the SDKs, so their calls are instrumented;
 * without the variable nothing is loaded. Paths and queries carry pupil ids, so spans keep only the route's shape.
 */
import type * as AzureMonitor from "@azure/monitor-opentelemetry";

const PUPIL_PATH = /^\/api\/pupils\/[^/?#]+/;

/** `/api/pupils/p1/status?x=1` → `/api/pupils/{pupilId}/status`: no id and no query string leaves the process. */
export function redactPath(path: string): string {
  return path.split("?")[0]!.replace(PUPIL_PATH, "/api/pupils/{pupilId}");
}

interface SpanLike {
  setAttribute(key: string, value: string): unknown;
  updateName(name: string): unknown;
}

function redactIncoming(span: SpanLike, request: { method?: string; url?: string }): void {
  const path = redactPath(request.url ?? "");
  for (const key of ["http.target", "url.path"]) span.setAttribute(key, path);
  for (const key of ["http.url", "url.full", "url.query"]) span.setAttribute(key, key === "url.query" ? "" : path);
  span.updateName(`${request.method ?? "HTTP"} ${path}`);
}

export function startTelemetry(connectionString: string | undefined): boolean {
  if (!connectionString) return false;
  // Required here, not imported: the distribution and its instrumentations load only when telemetry is on.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { useAzureMonitor } = require("@azure/monitor-opentelemetry") as typeof AzureMonitor;
  const http = {
    enabled: true,
    requestHook: (span: SpanLike, request: unknown) => {
      if (request && typeof request === "object" && "url" in request)
        redactIncoming(span, request as { method?: string; url?: string });
    },
  };
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    instrumentationOptions: { http: http as never },
  });
  return true;
}
