import fs from "node:fs";
import path from "node:path";
import { parseConfig } from "../../src/config";
import { containerDefinitions } from "../../src/store/containers";
import { checkBicep } from "../../src/tools/check-bicep";
import { resolvePackageIds } from "../../src/tools/package-app";

/*
 * The deployment is described in four places that must agree: src/config.ts (what the service needs),
 * infra/azure.bicep (what App Service gives it), m365agents.yml with env/.env.dev (what the Agents Toolkit
 * writes), and appPackage/manifest.json (what Teams is told). There is no bicep CLI here: src/tools/check-bicep.ts
 * parses the Bicep with its grammar, and the blocks compared here (app settings, params, outputs, containers) are
 * read as text.
 */
const ROOT = path.join(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

const bicep = read("infra/azure.bicep");
const botBicep = read("infra/botRegistration/azurebot.bicep");
const toolkit = read("m365agents.yml");
const manifestText = read("appPackage/manifest.json");

/** The text between a line starting with `start` and the next line starting with `end`. */
function block(text: string, start: string, end: string): string {
  const from = text.indexOf(`\n${start}`);
  if (from < 0) throw new Error(`no "${start}" in the Bicep`);
  const to = text.indexOf(`\n${end}`, from + 1);
  if (to < 0) throw new Error(`no "${end}" after "${start}" in the Bicep`);
  return text.slice(from, to);
}

interface Setting {
  name: string;
  /** The Bicep expression, or the literal without quotes when it is a plain string. */
  value: string;
  literal: boolean;
}

function settingsIn(text: string): Setting[] {
  const settings: Setting[] = [];
  const inline = /\{\s*name:\s*'([^']+)',\s*value:\s*(.+?)\s*\}\s*$/gm;
  const multiline = /name:\s*'([^']+)'\s*\n\s*value:\s*(.+?)\s*$/gm;
  for (const re of [inline, multiline]) {
    for (const m of text.matchAll(re)) {
      const raw = m[2]!;
      const literal = /^'[^'$]*'$/.test(raw);
      settings.push({ name: m[1]!, value: literal ? raw.slice(1, -1) : raw, literal });
    }
  }
  return settings;
}

/** App settings every deployment gets, and those added only when the bot is a SingleTenant app registration. */
const baseSettings = settingsIn(block(bicep, "var baseAppSettings", "var botPasswordSetting"));
const singleTenantSettings = settingsIn(block(bicep, "var botPasswordSetting", "var appSettings"));
const baseNames = baseSettings.map((s) => s.name);
const allNames = [...baseNames, ...singleTenantSettings.map((s) => s.name)];

/**
 * App settings the service does not read itself, each with the reason it is there. Anything else the Bicep sets
 * must be a variable of src/config.ts.
 */
const PLATFORM_SETTINGS: Record<string, string> = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: "Application Insights (OpenTelemetry exporter) connection string",
  AZURE_CLIENT_ID: "which user-assigned identity DefaultAzureCredential uses (Cosmos DB without a key)",
  WEBSITE_RUN_FROM_PACKAGE: "App Service runs the deployed zip read-only",
  SCM_DO_BUILD_DURING_DEPLOYMENT: "App Service does not rebuild the staged zip",
};

/**
 * Variables production config would need that the Bicep deliberately does not set: none. COSMOS_KEY is not one:
 * the account has no keys (disableLocalAuth) and the service reaches Cosmos DB with its managed identity.
 */
const SUPPLIED_BY_IDENTITY: string[] = [];

/** A valid value for each variable the tests need to fill in; Key Vault references stand for their secret. */
const SAMPLE: Record<string, string> = {
  NODE_ENV: "production",
  BOT_ID: "8d2f4c1a-3b5e-4f60-9a7b-1c2d3e4f5a6b",
  BOT_TENANT_ID: "5f0e1d2c-3b4a-4968-8776-655443322110",
  BOT_TYPE: "UserAssignedMsi",
  BOT_PASSWORD: "client-secret-from-key-vault",
  ALLOWED_TENANT_IDS: "5f0e1d2c-3b4a-4968-8776-655443322110",
  COSMOS_ENDPOINT: "https://naervaer.documents.azure.com:443/",
  COSMOS_KEY: "a-key-the-deployment-never-sets",
  COSMOS_DATABASE: "naervaer",
  INGEST_API_KEY: "ingest-key-0123456789",
  READ_API_KEY: "read-key-0123456789ab",
  AUDIT_API_KEY: "audit-key-0123456789a",
  ERASE_API_KEY: "erase-key-0123456789a",
  AUDIT_RETENTION_DAYS: "1095",
  OUTBOX_RETENTION_DAYS: "30",
  EVALUATE_AT: "06:00",
  GRAPH_SELF_INSTALL: "true",
  TEAMS_APP_ID: "0f0e0d0c-0000-4000-8000-00000000abcd",
  LOG_LEVEL: "info",
};

function sampleFor(name: string): string {
  const value = SAMPLE[name];
  if (value === undefined) throw new Error(`no sample value for ${name}: add one to SAMPLE in this test`);
  return value;
}

/** The variables named in a ConfigError (each issue line starts with the variable). */
function namedVariables(error: unknown): string[] {
  const message = error instanceof Error ? error.message : String(error);
  return [...message.matchAll(/^\s+- ([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
}

/**
 * What production config requires, found by asking it: parse, fill in every variable the error names, repeat
 * until it parses. Returns the variables that had to be filled in.
 */
function requiredVariables(start: Record<string, string>): string[] {
  const env: Record<string, string> = { ...start };
  const required: string[] = [];
  for (let round = 0; round < 20; round++) {
    try {
      parseConfig(env);
      return required;
    } catch (error) {
      const names = namedVariables(error).filter((n) => !(n in env));
      if (names.length === 0) throw error;
      for (const n of names) {
        env[n] = sampleFor(n);
        required.push(n);
      }
    }
  }
  throw new Error("production config never parsed");
}

/** The placeholders ${{NAME}} in a text. */
const placeholders = (text: string) => [
  ...new Set([...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!)),
];

/** Keys of a dotenv file (comments and blank lines ignored). */
const envKeys = (file: string) =>
  read(file)
    .split(/\r?\n/)
    .map((l) => /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(l.trim())?.[1])
    .filter((k): k is string => k !== undefined);

/** `output NAME type = expression` lines of a Bicep file. */
const outputs = (text: string) =>
  Object.fromEntries([...text.matchAll(/^output\s+(\w+)\s+\w+\s*=\s*(.+?)\s*$/gm)].map((m) => [m[1]!, m[2]!]));

/** `param name type [= default]` lines of a Bicep file: name → has a default. */
const params = (text: string) =>
  Object.fromEntries([...text.matchAll(/^param\s+(\w+)\s+\w+(\s*=.*)?$/gm)].map((m) => [m[1]!, m[2] !== undefined]));

describe("production config ↔ the App Service settings in infra/azure.bicep", () => {
  it("when the Bicep is read, then its app settings block is found and feeds the web app", () => {
    expect(baseNames.length).toBeGreaterThan(10);
    expect(new Set(allNames).size).toBe(allNames.length);
    expect(block(bicep, "resource webApp ", "resource webAppDiagnostics")).toMatch(/appSettings:\s*appSettings\b/);
    expect(bicep).toMatch(
      /^var appSettings = isMsi \? baseAppSettings : concat\(baseAppSettings, \[botPasswordSetting\]\)$/m,
    );
  });

  it("when App Service starts the app, then it runs `npm run serve`'s command: the service with its V8 flags, not the demo", () => {
    const serve = (JSON.parse(read("package.json")) as { scripts: { serve: string } }).scripts.serve;
    expect(bicep).toContain(`appCommandLine: '${serve}'`);
    expect(serve).toMatch(/^node (--[\w-]+=\w+ )*dist\/src\/main\.js$/);
  });

  it.each(["UserAssignedMsi", "SingleTenant"])(
    "when the bot is %s, then every variable production requires is set by the Bicep (or by the identity)",
    (botType) => {
      const required = requiredVariables({ NODE_ENV: "production", BOT_TYPE: botType });
      // The derivation works: production names its requirements.
      expect(required).toEqual(
        expect.arrayContaining(["BOT_ID", "BOT_TENANT_ID", "COSMOS_ENDPOINT", "INGEST_API_KEY"]),
      );
      const given = botType === "SingleTenant" ? allNames : baseNames;
      expect(required.filter((n) => !given.includes(n) && !SUPPLIED_BY_IDENTITY.includes(n))).toEqual([]);
    },
  );

  it("when the Bicep sets app settings, then each is a variable the service knows or a documented platform one", () => {
    const env = Object.fromEntries(
      allNames.filter((n) => !(n in PLATFORM_SETTINGS)).map((n) => [n, SAMPLE[n] ?? "unknown-to-the-test"]),
    );
    const identity = Object.fromEntries(SUPPLIED_BY_IDENTITY.map((n) => [n, sampleFor(n)]));
    const known = new Set(Object.keys(parseConfig({ ...env, ...identity, BOT_TYPE: "SingleTenant" })));
    expect(allNames.filter((n) => !known.has(n) && !(n in PLATFORM_SETTINGS))).toEqual([]);
  });

  it("when the Bicep gives a plain value, then production config accepts it", () => {
    const literal = Object.fromEntries(
      baseSettings.filter((s) => s.literal && !(s.name in PLATFORM_SETTINGS)).map((s) => [s.name, s.value]),
    );
    expect(literal).toMatchObject({ NODE_ENV: "production" });
    const env = { ...Object.fromEntries(baseNames.map((n) => [n, SAMPLE[n] ?? ""])), ...literal };
    expect(() => parseConfig(env)).not.toThrow();
  });

  it("when the Bicep sets BOT_TYPE, then every value its botType parameter allows is one the config accepts", () => {
    expect(baseSettings.find((s) => s.name === "BOT_TYPE")?.value).toBe("botType");
    const allowed = /@allowed\(\[\s*([^\]]*)\]\)\s*\n(?:@description\(.*\)\s*\n)?param botType /.exec(bicep);
    expect(allowed).not.toBeNull();
    const values = [...allowed![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    expect(values.sort()).toEqual(["SingleTenant", "UserAssignedMsi"]);
    for (const v of values) {
      const env = { ...SAMPLE, BOT_TYPE: v };
      expect(parseConfig(env).BOT_TYPE).toBe(v);
    }
  });

  it("when secrets are set, then they are Key Vault references and Cosmos DB gets no account key", () => {
    for (const name of ["INGEST_API_KEY", "READ_API_KEY", "AUDIT_API_KEY", "ERASE_API_KEY", "BOT_PASSWORD"]) {
      const s = [...baseSettings, ...singleTenantSettings].find((x) => x.name === name);
      expect({ name, value: s?.value }).toEqual({
        name,
        value: expect.stringMatching(/^'@Microsoft\.KeyVault\(SecretUri=\$\{/),
      });
    }
    expect(allNames).not.toContain("COSMOS_KEY");
    expect(bicep).toMatch(/disableLocalAuth:\s*true/);
  });
});

describe("infra/azure.bicep on its own (there is no bicep CLI here: it is parsed with the tree-sitter Bicep grammar)", () => {
  it("when it and its module are read with the Bicep grammar, then there is no syntax error, unknown name or function, and each module gets exactly its parameters", async () => {
    expect(await checkBicep(path.join(ROOT, "infra", "azure.bicep"))).toEqual([]);
  });

  it("when the Cosmos DB containers are created, then they are exactly those of src/store/containers.ts", () => {
    const list = block(bicep, "var cosmosContainers", "resource identity");
    const inBicep = Object.fromEntries(
      [...list.matchAll(/\{ name: '([^']+)', partitionKey: '([^']+)' \}/g)].map((x) => [x[1]!, x[2]!]),
    );
    const inCode = Object.fromEntries(Object.entries(containerDefinitions).map(([k, v]) => [k, v.partitionKey]));
    expect(inBicep).toEqual(inCode);
  });

  it("when the parameters file is read, then it names only declared parameters and every one without a default", () => {
    const file = JSON.parse(read("infra/azure.parameters.json")) as { parameters: Record<string, unknown> };
    const declared = params(bicep);
    const given = Object.keys(file.parameters);
    expect(given.filter((g) => !(g in declared))).toEqual([]);
    expect(Object.keys(declared).filter((d) => !declared[d] && !given.includes(d))).toEqual([]);
  });

  it("when the location is left out, then it is Norway East", () => {
    expect(bicep).toMatch(/^param location string = 'norwayeast'$/m);
  });
});

describe("manifest ↔ m365agents.yml ↔ env/.env.dev ↔ infra/azure.bicep", () => {
  const manifestNames = placeholders(manifestText);
  const bicepOutputs = outputs(bicep);
  const envDev = envKeys("env/.env.dev");
  const userKeys = envKeys("env/.env.dev.user.example");
  const provision = block(`\n${toolkit}`, "provision:", "deploy:");
  const publish = toolkit.slice(toolkit.indexOf("\npublish:"));
  const written = (stage: string) => [
    ...[...stage.matchAll(/writeToEnvironmentFile:\s*\n((?:\s{6}\w+: \w+\n?)+)/g)].flatMap((m) =>
      [...m[1]!.matchAll(/: (\w+)/g)].map((x) => x[1]!),
    ),
    ...[...stage.matchAll(/::set-teamsfx-env (\w+)=/g)].map((m) => m[1]!),
  ];

  it("when the manifest is read, then its placeholders are the Teams app id, the bot id, the bot domain and the version", () => {
    expect(manifestNames.sort()).toEqual(["APP_VERSION", "BOT_DOMAIN", "BOT_ID", "TEAMS_APP_ID"]);
  });

  it("when provision runs, then every manifest placeholder is written by a step or is an output of infra/azure.bicep", () => {
    expect(provision).toMatch(/- uses: arm\/deploy[\s\S]*path: \.\/infra\/azure\.bicep/);
    const produced = [...written(provision), ...Object.keys(bicepOutputs)];
    expect(manifestNames.filter((n) => !produced.includes(n))).toEqual([]);
  });

  it("when publish runs without provision, then the version is set again and the ids come from env/.env.dev", () => {
    const fromEnvFile = manifestNames.filter((n) => !written(publish).includes(n));
    expect(fromEnvFile.filter((n) => !envDev.includes(n))).toEqual([]);
  });

  it("when env/.env.dev is read, then it declares every id the manifest and the deploy step take from it", () => {
    const deploy = block(`\n${toolkit}`, "deploy:", "publish:");
    const needed = [...manifestNames.filter((n) => n !== "APP_VERSION"), ...placeholders(deploy)];
    expect(needed.filter((n) => !envDev.includes(n))).toEqual([]);
    for (const n of placeholders(deploy)) expect(Object.keys(bicepOutputs)).toContain(n);
  });

  it("when local provision runs, then every manifest placeholder is written by a step or set in env/.env.local", () => {
    const local = read("m365agents.local.yml");
    const localProvision = block(`\n${local}`, "provision:", "deploy:");
    const envLocal = envKeys("env/.env.local");
    expect(manifestNames.filter((n) => !written(localProvision).includes(n) && !envLocal.includes(n))).toEqual([]);
    const localDeploy = local.slice(local.indexOf("\ndeploy:"));
    const produced = [...written(localProvision), ...envLocal];
    expect(placeholders(localDeploy).filter((n) => !produced.includes(n))).toEqual([]);
  });

  it("when the parameters file uses placeholders, then each is in env/.env.dev or, for secrets, in the .user example", () => {
    const used = placeholders(read("infra/azure.parameters.json"));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((n) => !(n.startsWith("SECRET_") ? userKeys : envDev).includes(n))).toEqual([]);
  });

  it("when the bot id is used, then the app setting, the Azure Bot and the BOT_ID output are one expression", () => {
    const setting = baseSettings.find((s) => s.name === "BOT_ID")!.value;
    expect(bicepOutputs.BOT_ID).toBe(setting);
    expect(bicep).toMatch(new RegExp(`^\\s+botAppId: ${setting}$`, "m"));
    expect(botBicep).toMatch(/msaAppId: botAppId/);
  });

  it("when the bot domain is used, then the BOT_DOMAIN output is the host the Azure Bot posts to", () => {
    expect(bicepOutputs.BOT_DOMAIN).toBeDefined();
    expect(bicep).toMatch(new RegExp(`^\\s+botAppDomain: ${bicepOutputs.BOT_DOMAIN!.replace(/\./g, "\\.")}$`, "m"));
    expect(botBicep).toMatch(/endpoint: 'https:\/\/\$\{botAppDomain\}\/api\/messages'/);
    expect(bicepOutputs.BOT_ENDPOINT).toBe(`'https://\${${bicepOutputs.BOT_DOMAIN}}'`);
  });

  it("when npm run package reads the toolkit's values, then the names it needs are the manifest's ids", () => {
    const env = Object.fromEntries(
      manifestNames.map((n) => [n, n === "BOT_DOMAIN" ? "naervaer.example.no" : SAMPLE.BOT_ID]),
    );
    expect(resolvePackageIds(env, false).warnings).toEqual([]);
    const named = resolvePackageIds({}, true).warnings.map((w) => /^(\w+) /.exec(w)![1]!);
    expect(named.sort()).toEqual(manifestNames.filter((n) => n !== "APP_VERSION").sort());
  });
});
