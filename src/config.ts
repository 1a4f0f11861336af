import { z } from "zod";
import { ConfigError, errorCatalog } from "./errors";
import { DEFAULT_AUDIT_RETENTION_DAYS } from "./domain/audit";

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalText = z.preprocess(emptyAsUndefined, z.string().trim().optional());

const flag = (fallback: boolean) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .enum(["true", "false", "1", "0", "yes", "no"], { errorMap: () => ({ message: "expected true or false" }) })
      .optional()
      .transform((v) => (v === undefined ? fallback : v === "true" || v === "1" || v === "yes")),
  );

const port = (fallback: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ invalid_type_error: "expected a port number" }).int().min(0).max(65535).default(fallback),
  );

const tenantList = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.string().uuid({ message: "expected a comma-separated list of tenant GUIDs" }))),
);

const apiKey = z.preprocess(emptyAsUndefined, z.string().min(16, "expected at least 16 characters").optional());
const apiKeyNames = ["INGEST_API_KEY", "READ_API_KEY", "AUDIT_API_KEY", "ERASE_API_KEY"] as const;

const schema = z
  .object({
    NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(["development", "test", "production"]).default("development")),
    PORT: port(3978),
    BOT_ID: optionalText,
    BOT_PASSWORD: optionalText,
    BOT_TENANT_ID: z.preprocess(emptyAsUndefined, z.string().uuid({ message: "expected the tenant GUID" }).optional()),
    BOT_TYPE: z.preprocess(emptyAsUndefined, z.enum(["SingleTenant", "UserAssignedMsi"]).default("SingleTenant")),
    ALLOWED_TENANT_IDS: tenantList,
    COSMOS_ENDPOINT: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .url({ message: "expected the account URL, e.g. https://<account>.documents.azure.com:443/" })
        .optional(),
    ),
    COSMOS_KEY: optionalText,
    COSMOS_DATABASE: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9-_]{1,255}$/, "expected letters, digits, - or _")
        .default("naervaer"),
    ),
    DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data")),
    INGEST_API_KEY: apiKey,
    READ_API_KEY: apiKey,
    AUDIT_API_KEY: apiKey,
    ERASE_API_KEY: apiKey,
    BOT_SERVICE_HOSTS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .optional()
        .transform((v) =>
          v
            ? v
                .split(",")
                .map((s) => s.trim().toLowerCase())
                .filter(Boolean)
            : [],
        )
        .pipe(
          z.array(
            z.string().regex(/^(\*\.)?[a-z0-9.-]+$|^\[::1\]$/, {
              message: "expected a comma-separated list of host names, e.g. smba.trafficmanager.net,*.botframework.com",
            }),
          ),
        ),
    ),
    BOT_SERVICE_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .url({ message: "expected the Bot Connector URL, e.g. https://smba.trafficmanager.net/emea/" })
        .default("https://smba.trafficmanager.net/emea/"),
    ),
    AUDIT_RETENTION_DAYS: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number({ invalid_type_error: "expected a number of days" })
        .int()
        .min(30, "expected at least 30 days")
        .default(DEFAULT_AUDIT_RETENTION_DAYS),
    ),
    // Sent and dead outbox items (where a card landed, a dead card until its teacher installs the app) are kept this long.
    OUTBOX_RETENTION_DAYS: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number({ invalid_type_error: "expected a number of days" })
        .int()
        .min(7, "expected at least 7 days")
        .default(30),
    ),
    LADDERS_DIR: z.preprocess(emptyAsUndefined, z.string().default("ladders")),
    // Teams' limit per bot and tenant (50 a second), shared by every instance; lower it to leave room for other bots.
    DELIVERY_RATE_PER_SECOND: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number({ invalid_type_error: "expected messages per second" })
        .positive("expected more than 0")
        .max(50, "expected at most 50 (Teams' limit per bot and tenant)")
        .default(50),
    ),
    // How long an instance holds a message it is sending; after it, another instance takes over (a crash).
    DELIVERY_LEASE_SECONDS: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number({ invalid_type_error: "expected seconds" })
        .int()
        .min(3, "expected at least 3 seconds")
        .max(600, "expected at most 600 seconds")
        .default(60),
    ),
    // The bot installs itself for a teacher it cannot reach (Microsoft Graph; docs/deploy.md), instead of only the setup policy.
    GRAPH_SELF_INSTALL: flag(false),
    TEAMS_APP_ID: z.preprocess(
      emptyAsUndefined,
      z.string().uuid({ message: "expected the Teams app's manifest id (a GUID)" }).optional(),
    ),
    GRAPH_ENDPOINT: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .url({ message: "expected Microsoft Graph's base URL, e.g. https://graph.microsoft.com/v1.0" })
        .default("https://graph.microsoft.com/v1.0"),
    ),
    EVALUATE_AT: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a local time as HH:MM, e.g. 06:30")
        .default("06:00"),
    ),
    START_PLAYGROUND: flag(false),
    PLAYGROUND_PORT: port(56150),
    SEED_DEMO: flag(false),
    TEST_CLOCK: flag(false),
    LOG_LEVEL: z.preprocess(
      emptyAsUndefined,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),
  })
  .superRefine((c, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (c.BOT_ID) {
      if (c.BOT_TYPE === "SingleTenant" && !c.BOT_PASSWORD)
        problem("BOT_PASSWORD", "required when BOT_ID is set and BOT_TYPE=SingleTenant");
      if (!c.BOT_TENANT_ID) problem("BOT_TENANT_ID", "required when BOT_ID is set");
    }
    if (c.GRAPH_SELF_INSTALL && !c.TEAMS_APP_ID)
      problem("TEAMS_APP_ID", "required when GRAPH_SELF_INSTALL=true (the app is found in the catalogue by it)");
    apiKeyNames.forEach((name, i) => {
      const same = apiKeyNames.slice(0, i).find((other) => c[name] && c[other] === c[name]);
      if (same) problem(name, `must differ from ${same}: each key opens only its own endpoints`);
    });
    if (c.NODE_ENV === "production") {
      const missing = ["BOT_ID", "BOT_TENANT_ID"].filter((k) => !c[k as "BOT_ID" | "BOT_TENANT_ID"]);
      if (missing.length > 0) problem(missing[0]!, errorCatalog.productionWithoutBot(missing));
      if (c.TEST_CLOCK)
        problem("TEST_CLOCK", "must not be true when NODE_ENV=production (it lets anyone move the server's time)");
      if (c.SEED_DEMO) problem("SEED_DEMO", "must not be true when NODE_ENV=production (it loads synthetic pupils)");
      if (c.START_PLAYGROUND) problem("START_PLAYGROUND", "must not be true when NODE_ENV=production");
      if (!c.COSMOS_ENDPOINT)
        problem("COSMOS_ENDPOINT", "required when NODE_ENV=production (the embedded database is for local runs only)");
      if (!c.INGEST_API_KEY)
        problem("INGEST_API_KEY", "required when NODE_ENV=production (it protects the data import endpoints)");
    }
  });

export type Config = z.infer<typeof schema>;

/** Parses the environment once at start; throws a ConfigError naming every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`);
  throw new ConfigError(errorCatalog.configInvalid(issues));
}
