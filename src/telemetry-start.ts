import { startTelemetry } from "./telemetry";

// Side effect on purpose: main.ts imports this before anything else, so instrumentation patches modules first.
startTelemetry(process.env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim() || undefined);
