import { redactPath, startTelemetry } from "../src/telemetry";

describe("telemetry to Application Insights", () => {
  test("when a request names a pupil, then the span keeps the route's shape and no id or query", () => {
    expect(redactPath("/api/pupils/p-114001/status?x=1")).toBe("/api/pupils/{pupilId}/status");
    expect(redactPath("/api/pupils/p-114001")).toBe("/api/pupils/{pupilId}");
    expect(redactPath("/api/audit?pupilId=p-114001")).toBe("/api/audit");
    expect(redactPath("/api/messages")).toBe("/api/messages");
  });

  test("when no connection string is set, then nothing is loaded", () => {
    expect(startTelemetry(undefined)).toBe(false);
    expect(Object.keys(require.cache).some((m) => m.includes("monitor-opentelemetry"))).toBe(false);
  });
});
