import { parseConfig } from "../src/config";
import { ConfigError } from "../src/errors";

const botCredentials = {
  BOT_ID: "7c0f3b2a-1111-4222-8333-944455556666",
  BOT_PASSWORD: "secret",
  BOT_TENANT_ID: "11111111-2222-3333-4444-555555555555",
};
const productionBase = {
  NODE_ENV: "production",
  ...botCredentials,
  COSMOS_ENDPOINT: "https://naervaer.documents.azure.com:443/",
  COSMOS_KEY: "key",
  INGEST_API_KEY: "0123456789abcdef0123",
};

function errorOf(env: NodeJS.ProcessEnv): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("configuration", () => {
  test("when nothing is set, then the local defaults apply", () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.BOT_TYPE).toBe("SingleTenant");
    expect(config.COSMOS_DATABASE).toBe("naervaer");
    expect(config.START_PLAYGROUND).toBe(false);
    expect(config.SEED_DEMO).toBe(false);
    expect(config.TEST_CLOCK).toBe(false);
    expect(config.ALLOWED_TENANT_IDS).toEqual([]);
    expect(config.COSMOS_ENDPOINT).toBeUndefined();
  });

  test("when two API keys are the same, then the start is refused naming the second, since one key would open both doors", () => {
    const message = errorOf({ INGEST_API_KEY: "0123456789abcdef0123", READ_API_KEY: "0123456789abcdef0123" });
    expect(message).toMatch(/READ_API_KEY: must differ from INGEST_API_KEY/);
  });

  test("when variables are empty strings (as in a copied .env.example), then they count as unset", () => {
    const config = parseConfig({ PORT: "", BOT_ID: "", COSMOS_ENDPOINT: " ", START_PLAYGROUND: "" });
    expect(config.PORT).toBe(3978);
    expect(config.BOT_ID).toBeUndefined();
    expect(config.COSMOS_ENDPOINT).toBeUndefined();
  });

  test("when flags and lists are given, then they are parsed", () => {
    const config = parseConfig({
      PORT: "8080",
      START_PLAYGROUND: "true",
      SEED_DEMO: "1",
      TEST_CLOCK: "false",
      ALLOWED_TENANT_IDS: "11111111-2222-3333-4444-555555555555, 99999999-2222-3333-4444-555555555555",
    });
    expect(config.PORT).toBe(8080);
    expect(config.START_PLAYGROUND).toBe(true);
    expect(config.SEED_DEMO).toBe(true);
    expect(config.TEST_CLOCK).toBe(false);
    expect(config.ALLOWED_TENANT_IDS).toHaveLength(2);
  });

  test("when PORT is not a number, then the error names PORT", () => {
    expect(errorOf({ PORT: "abc" })).toMatch(/PORT: expected a port number/);
  });

  test("when a flag is not a boolean, then the error names the flag and what was expected", () => {
    expect(errorOf({ SEED_DEMO: "kanskje" })).toMatch(/SEED_DEMO: expected true or false/);
  });

  test("when ALLOWED_TENANT_IDS holds something that is not a GUID, then the error names it", () => {
    expect(errorOf({ ALLOWED_TENANT_IDS: "contoso" })).toMatch(/ALLOWED_TENANT_IDS.*tenant GUIDs/);
  });

  test("when BOT_ID is set without a password for a single-tenant bot, then BOT_PASSWORD is named", () => {
    expect(errorOf({ BOT_ID: botCredentials.BOT_ID, BOT_TENANT_ID: botCredentials.BOT_TENANT_ID })).toMatch(
      /BOT_PASSWORD: required/,
    );
  });

  test("when the bot uses a user-assigned managed identity, then no password is needed", () => {
    const config = parseConfig({
      BOT_ID: botCredentials.BOT_ID,
      BOT_TENANT_ID: botCredentials.BOT_TENANT_ID,
      BOT_TYPE: "UserAssignedMsi",
    });
    expect(config.BOT_TYPE).toBe("UserAssignedMsi");
  });

  test("when BOT_TYPE is MultiTenant (retired by Azure), then it is refused with the allowed values", () => {
    expect(errorOf({ BOT_TYPE: "MultiTenant" })).toMatch(/BOT_TYPE.*SingleTenant.*UserAssignedMsi/);
  });

  test("when COSMOS_ENDPOINT is set without COSMOS_KEY, then it is accepted: Cosmos DB is reached with the managed identity", () => {
    const config = parseConfig({ COSMOS_ENDPOINT: "https://x.documents.azure.com:443/" });
    expect(config.COSMOS_ENDPOINT).toBe("https://x.documents.azure.com:443/");
    expect(config.COSMOS_KEY).toBeUndefined();
  });

  test("when production has no bot credentials, then start is refused naming BOT_ID", () => {
    const { BOT_ID: _id, BOT_PASSWORD: _pw, BOT_TENANT_ID: _t, ...withoutBot } = productionBase;
    expect(errorOf(withoutBot)).toMatch(/BOT_ID.*must be set when NODE_ENV=production/);
  });

  test("when production asks for the test clock, the demo or the playground, then each is refused", () => {
    const message = errorOf({ ...productionBase, TEST_CLOCK: "true", SEED_DEMO: "true", START_PLAYGROUND: "true" });
    expect(message).toMatch(/TEST_CLOCK: must not be true/);
    expect(message).toMatch(/SEED_DEMO: must not be true/);
    expect(message).toMatch(/START_PLAYGROUND: must not be true/);
  });

  test("when production lacks Cosmos DB or the ingest key, then both are named", () => {
    const { COSMOS_ENDPOINT: _e, COSMOS_KEY: _k, INGEST_API_KEY: _i, ...rest } = productionBase;
    const message = errorOf(rest);
    expect(message).toMatch(/COSMOS_ENDPOINT: required/);
    expect(message).toMatch(/INGEST_API_KEY: required/);
  });

  test("when production is fully configured, then it parses", () => {
    expect(parseConfig(productionBase).NODE_ENV).toBe("production");
  });
});
