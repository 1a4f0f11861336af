import pino from "pino";

export type Logger = pino.Logger;

/**
 * Logs carry ids and event names only. The redaction list is a safety net for fields that
 * must never reach a log even by mistake: names, free text, e-mail and card payloads.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "naervaer" },
      redact: {
        paths: [
          "name",
          "*.name",
          "text",
          "*.text",
          "email",
          "*.email",
          "value",
          "*.value",
          "body",
          "*.body",
          "req.headers.authorization",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
