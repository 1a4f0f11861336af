import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AdmZip from "adm-zip";
import { PNG } from "pngjs";
import {
  buildAppPackage,
  PACKAGE_FILES,
  loadPackageEnv,
  PLACEHOLDER_BOT_DOMAIN,
  PLACEHOLDER_BOT_ID,
  PLACEHOLDER_TEAMS_APP_ID,
  resolvePackageIds,
  urlsFromEnv,
} from "../src/tools/package-app";
import { checkAgainstTeamsSchema } from "../src/tools/teams-schema";

/*
 * Facts copied from the Teams app manifest schema this package targets,
 * https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json
 * (microsoft/json-schemas, teams/v1.30, GA) and its localization schema
 * https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.Localization.schema.json
 */
const SCHEMA_VERSION = "1.30";
const SCHEMA = {
  required: ["manifestVersion", "version", "id", "developer", "name", "description", "icons", "accentColor"],
  /** Every top-level property the schema defines ("additionalProperties": false). */
  properties: [
    "$schema",
    "manifestVersion",
    "version",
    "id",
    "localizationInfo",
    "developer",
    "name",
    "description",
    "icons",
    "accentColor",
    "configurableTabs",
    "staticTabs",
    "bots",
    "connectors",
    "subscriptionOffer",
    "composeExtensions",
    "permissions",
    "devicePermissions",
    "validDomains",
    "webApplicationInfo",
    "graphConnector",
    "showLoadingIndicator",
    "isFullScreen",
    "activities",
    "supportsChannelFeatures",
    "supportedChannelTypes",
    "configurableProperties",
    "defaultBlockUntilAdminAction",
    "publisherDocsUrl",
    "defaultInstallScope",
    "defaultGroupCapability",
    "meetingExtensionDefinition",
    "authorization",
    "extensions",
    "dashboardCards",
    "intuneInfo",
    "copilotAgents",
    "agenticUserTemplates",
    "elementRelationshipSet",
    "backgroundLoadConfiguration",
    "agentConnectors",
    "agentSkills",
  ],
  developerRequired: ["name", "websiteUrl", "privacyUrl", "termsOfUseUrl"],
  developerProperties: ["name", "mpnId", "websiteUrl", "privacyUrl", "termsOfUseUrl"],
  nameRequired: ["short"],
  descriptionRequired: ["short", "full"],
  iconsRequired: ["outline", "color"],
  localizationInfoRequired: ["defaultLanguageTag"],
  additionalLanguageRequired: ["languageTag", "file"],
  botRequired: ["botId", "scopes"],
  botProperties: [
    "botId",
    "configuration",
    "needsChannelSelector",
    "isNotificationOnly",
    "supportsFiles",
    "supportsCalling",
    "supportsVideo",
    "scopes",
    "supportsTargetedMessages",
    "commandLists",
    "requirementSet",
    "registrationInfo",
  ],
  botScopes: ["team", "personal", "groupChat", "copilot"],
  webApplicationInfoRequired: ["id"],
  webApplicationInfoProperties: ["id", "resource", "nestedAppAuthInfo"],
  maxValidDomains: 16,
  commandListRequired: ["scopes", "commands"],
  commandRequired: ["title"],
  maxBots: 1,
  maxCommandLists: 3,
  maxCommandsPerList: 12,
  maxLength: {
    "developer.name": 32,
    "name.short": 30,
    "name.full": 100,
    "description.short": 80,
    "description.full": 4000,
    commandTitle: 128,
    commandDescription: 4000,
    version: 256,
    webApplicationInfoResource: 2048,
  },
  patterns: {
    guid: /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/,
    hexColor: /^#[0-9a-fA-F]{6}$/,
    languageTag: /^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8}){0,2}$/,
    // validDomains items: a host name, optionally with a * wildcard label; no scheme, no path.
    validDomain: /^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/,
    resourceUri: /^api:\/\/[^\s]+$/,
  },
  localization: {
    required: ["name.short", "description.short", "description.full"],
    /** Keys the localization schema allows that this app can use (properties + patternProperties). */
    allowedKeys: [
      /^\$schema$/,
      /^name\.short$/,
      /^name\.full$/,
      /^description\.short$/,
      /^description\.full$/,
      /^bots\[0\]\.commandLists\[[0-2]\]\.commands\[([0-9]|1[0-1])\]\.title$/,
      /^bots\[0\]\.commandLists\[[0-2]\]\.commands\[([0-9]|1[0-1])\]\.description$/,
    ],
  },
};

const APP_DIR = path.join(__dirname, "..", "appPackage");
const LOCALIZATION_FILES = ["nn-NO.json", "en-US.json"];

type Json = Record<string, unknown>;
const readJson = (file: string): Json => JSON.parse(fs.readFileSync(path.join(APP_DIR, file), "utf8")) as Json;
const obj = (v: unknown): Json => {
  expect(v).toEqual(expect.any(Object));
  return v as Json;
};
const arr = (v: unknown): unknown[] => {
  expect(Array.isArray(v)).toBe(true);
  return v as unknown[];
};
const missingKeys = (o: Json, keys: string[]) =>
  keys.filter((k) => !(k in o) || o[k] === undefined || o[k] === null || o[k] === "");
const unknownKeys = (o: Json, allowed: string[]) => Object.keys(o).filter((k) => !allowed.includes(k));

/** Resolves a localization key such as "bots[0].commandLists[1].commands[0].title" in the manifest. */
function resolveKey(manifest: Json, key: string): unknown {
  let cur: unknown = manifest;
  for (const part of key.split(".")) {
    const m = /^([A-Za-z$]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    cur = (cur as Json | undefined)?.[m[1]!];
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) cur = (cur as unknown[] | undefined)?.[Number(idx[1])];
  }
  return cur;
}

/** Everything the schema requires of the manifest, with placeholders allowed for the ids, domain and version. */
function expectManifestFollowsSchema(m: Json, opts: { substituted: boolean }): void {
  expect(missingKeys(m, SCHEMA.required)).toEqual([]);
  expect(unknownKeys(m, SCHEMA.properties)).toEqual([]);

  const developer = obj(m.developer);
  expect(missingKeys(developer, SCHEMA.developerRequired)).toEqual([]);
  expect(unknownKeys(developer, SCHEMA.developerProperties)).toEqual([]);
  expect(String(developer.name).length).toBeLessThanOrEqual(SCHEMA.maxLength["developer.name"]);
  for (const k of ["websiteUrl", "privacyUrl", "termsOfUseUrl"])
    expect(String(developer[k])).toMatch(/^https:\/\/[^\s]+$/);

  const name = obj(m.name);
  expect(missingKeys(name, SCHEMA.nameRequired)).toEqual([]);
  const description = obj(m.description);
  expect(missingKeys(description, SCHEMA.descriptionRequired)).toEqual([]);
  const icons = obj(m.icons);
  expect(missingKeys(icons, SCHEMA.iconsRequired)).toEqual([]);
  expect(String(m.accentColor)).toMatch(SCHEMA.patterns.hexColor);
  expect(String(m.version).length).toBeLessThanOrEqual(SCHEMA.maxLength.version);

  const localizationInfo = obj(m.localizationInfo);
  expect(missingKeys(localizationInfo, SCHEMA.localizationInfoRequired)).toEqual([]);
  expect(String(localizationInfo.defaultLanguageTag)).toMatch(SCHEMA.patterns.languageTag);
  for (const lang of arr(localizationInfo.additionalLanguages)) {
    expect(missingKeys(obj(lang), SCHEMA.additionalLanguageRequired)).toEqual([]);
    expect(String(obj(lang).languageTag)).toMatch(SCHEMA.patterns.languageTag);
  }

  const bots = arr(m.bots);
  expect(bots.length).toBeGreaterThanOrEqual(1);
  expect(bots.length).toBeLessThanOrEqual(SCHEMA.maxBots);
  const bot = obj(bots[0]);
  expect(missingKeys(bot, SCHEMA.botRequired)).toEqual([]);
  expect(unknownKeys(bot, SCHEMA.botProperties)).toEqual([]);
  for (const s of arr(bot.scopes)) expect(SCHEMA.botScopes).toContain(s);
  const lists = arr(bot.commandLists);
  expect(lists.length).toBeLessThanOrEqual(SCHEMA.maxCommandLists);
  for (const list of lists) {
    expect(missingKeys(obj(list), SCHEMA.commandListRequired)).toEqual([]);
    for (const s of arr(obj(list).scopes)) expect(SCHEMA.botScopes).toContain(s);
    const commands = arr(obj(list).commands);
    expect(commands.length).toBeLessThanOrEqual(SCHEMA.maxCommandsPerList);
    for (const c of commands) {
      expect(missingKeys(obj(c), SCHEMA.commandRequired)).toEqual([]);
      expect(String(obj(c).title).length).toBeLessThanOrEqual(SCHEMA.maxLength.commandTitle);
      expect(String(obj(c).description ?? "").length).toBeLessThanOrEqual(SCHEMA.maxLength.commandDescription);
    }
  }

  const webApp = obj(m.webApplicationInfo);
  expect(missingKeys(webApp, SCHEMA.webApplicationInfoRequired)).toEqual([]);
  expect(unknownKeys(webApp, SCHEMA.webApplicationInfoProperties)).toEqual([]);
  const domains = arr(m.validDomains);
  expect(domains.length).toBeLessThanOrEqual(SCHEMA.maxValidDomains);
  if (opts.substituted) {
    expect(String(m.id)).toMatch(SCHEMA.patterns.guid);
    expect(String(bot.botId)).toMatch(SCHEMA.patterns.guid);
    expect(String(webApp.id)).toMatch(SCHEMA.patterns.guid);
    expect(String(m.version)).toMatch(/^\d+\.\d+\.\d+$/);
    for (const d of domains) expect(String(d)).toMatch(SCHEMA.patterns.validDomain);
    expect(String(webApp.resource)).toMatch(SCHEMA.patterns.resourceUri);
    expect(String(webApp.resource).length).toBeLessThanOrEqual(SCHEMA.maxLength.webApplicationInfoResource);
  } else {
    expect(m.id).toBe("${{TEAMS_APP_ID}}");
    expect(bot.botId).toBe("${{BOT_ID}}");
    expect(webApp.id).toBe("${{BOT_ID}}");
    expect(webApp.resource).toBe("api://${{BOT_DOMAIN}}/botid-${{BOT_ID}}");
    expect(domains).toEqual(["${{BOT_DOMAIN}}"]);
    expect(m.version).toBe("${{APP_VERSION}}");
  }
}

function readPng(file: string): PNG {
  return PNG.sync.read(fs.readFileSync(path.join(APP_DIR, file)));
}

describe("Teams app manifest (appPackage/manifest.json)", () => {
  const manifest = readJson("manifest.json");

  it("when read, then it has every field the v1.30 schema requires and no property the schema does not define", () => {
    expectManifestFollowsSchema(manifest, { substituted: false });
  });

  it("when read, then manifestVersion is the version in the $schema URL, and that is the targeted schema version", () => {
    const m =
      /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.schema\.json$/.exec(
        String(manifest.$schema),
      );
    expect(m).not.toBeNull();
    expect(m![1]).toBe(manifest.manifestVersion);
    expect(manifest.manifestVersion).toBe(SCHEMA_VERSION);
  });

  it("when read, then the bot is conversational in personal, team and groupChat scope without file support", () => {
    const bot = obj(arr(manifest.bots)[0]);
    expect(arr(bot.scopes)).toEqual(expect.arrayContaining(["personal", "team", "groupChat"]));
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
  });

  it("when read, then the personal command list offers hjelp, meld bekymring, mine saker and rapport in Norwegian", () => {
    const lists = arr(obj(arr(manifest.bots)[0]).commandLists).map(obj);
    const personal = lists.find((l) => arr(l.scopes).includes("personal"));
    expect(personal).toBeDefined();
    expect(arr(personal!.commands).map(obj)).toEqual([
      { title: "hjelp", description: "Vis hva Nærvær kan" },
      { title: "meld bekymring", description: "Meld bekymring for en elev" },
      { title: "mine saker", description: "Vis sakene dine" },
      { title: "rapport", description: "Fraværsoversikt for skolen (ledelsen)" },
    ]);
    // Every command list scope is one the bot itself is installed in.
    const botScopes = arr(obj(arr(manifest.bots)[0]).scopes);
    for (const l of lists) for (const s of arr(l.scopes)) expect(botScopes).toContain(s);
  });

  it("when read, then the names and descriptions are within the Teams length limits and short ≠ full", () => {
    const name = obj(manifest.name);
    const description = obj(manifest.description);
    expect(name.short).toBe("Nærvær");
    expect(String(name.short).length).toBeLessThanOrEqual(SCHEMA.maxLength["name.short"]);
    expect(String(name.full).length).toBeLessThanOrEqual(SCHEMA.maxLength["name.full"]);
    expect(String(description.short).length).toBeLessThanOrEqual(SCHEMA.maxLength["description.short"]);
    expect(String(description.full).length).toBeLessThanOrEqual(SCHEMA.maxLength["description.full"]);
    expect(name.full).not.toBe(name.short);
    expect(description.full).not.toBe(description.short);
    // Teams store rule: the short description is not repeated in the long one.
    expect(String(description.full)).not.toContain(String(description.short));
  });

  it("when read, then the developer is Nærvær, the app id is its own and the bot's Entra app and domain are declared", () => {
    expect(obj(manifest.developer).name).toBe("Nærvær");
    expect(manifest.id).not.toBe(obj(arr(manifest.bots)[0]).botId);
    expect(manifest.validDomains).toEqual(["${{BOT_DOMAIN}}"]);
    expect(obj(manifest.webApplicationInfo)).toEqual({
      id: "${{BOT_ID}}",
      resource: "api://${{BOT_DOMAIN}}/botid-${{BOT_ID}}",
    });
  });

  it("when read, then localizationInfo declares nb-NO as default and nn-NO and en-US with files in the package", () => {
    const info = obj(manifest.localizationInfo);
    expect(info.defaultLanguageTag).toBe("nb-NO");
    expect(arr(info.additionalLanguages)).toEqual([
      { languageTag: "nn-NO", file: "nn-NO.json" },
      { languageTag: "en-US", file: "en-US.json" },
    ]);
    for (const file of LOCALIZATION_FILES) {
      expect(fs.existsSync(path.join(APP_DIR, file))).toBe(true);
      expect(PACKAGE_FILES).toContain(file);
    }
    const icons = obj(manifest.icons);
    expect(PACKAGE_FILES).toContain(icons.color);
    expect(PACKAGE_FILES).toContain(icons.outline);
  });
});

describe("localization files (appPackage/nn-NO.json, appPackage/en-US.json)", () => {
  const manifest = readJson("manifest.json");
  const files = LOCALIZATION_FILES.map((f) => ({ file: f, json: readJson(f) }));

  it("when compared, then both files have exactly the same keys", () => {
    const [a, b] = files;
    expect(Object.keys(a!.json).sort()).toEqual(Object.keys(b!.json).sort());
  });

  it.each(LOCALIZATION_FILES)(
    "when %s is read, then it has the required keys, only allowed keys, and each key names a string in the manifest",
    (file) => {
      const json = readJson(file);
      expect(missingKeys(json, SCHEMA.localization.required)).toEqual([]);
      expect(String(json.$schema)).toBe(
        `https://developer.microsoft.com/json-schemas/teams/v${SCHEMA_VERSION}/MicrosoftTeams.Localization.schema.json`,
      );
      for (const key of Object.keys(json)) {
        expect({ key, allowed: SCHEMA.localization.allowedKeys.some((re) => re.test(key)) }).toEqual({
          key,
          allowed: true,
        });
        if (key === "$schema") continue;
        expect({ key, value: typeof json[key] }).toEqual({ key, value: "string" });
        expect({ key, inManifest: typeof resolveKey(manifest, key) }).toEqual({ key, inManifest: "string" });
        expect(String(json[key]).trim()).not.toBe("");
      }
      expect(String(json["name.short"]).length).toBeLessThanOrEqual(SCHEMA.maxLength["name.short"]);
      expect(String(json["name.full"]).length).toBeLessThanOrEqual(SCHEMA.maxLength["name.full"]);
      expect(String(json["description.short"]).length).toBeLessThanOrEqual(SCHEMA.maxLength["description.short"]);
      expect(String(json["description.full"]).length).toBeLessThanOrEqual(SCHEMA.maxLength["description.full"]);
    },
  );

  it("when the files are read, then every command title and description in the manifest is translated", () => {
    const lists = arr(obj(arr(manifest.bots)[0]).commandLists).map(obj);
    const expected: string[] = [];
    lists.forEach((l, i) =>
      arr(l.commands).forEach((_c, j) => {
        expected.push(
          `bots[0].commandLists[${i}].commands[${j}].title`,
          `bots[0].commandLists[${i}].commands[${j}].description`,
        );
      }),
    );
    for (const { json } of files) expect(Object.keys(json)).toEqual(expect.arrayContaining(expected));
  });

  it("when en-US is read, then it is actually translated, not a copy of the Norwegian default", () => {
    const en = readJson("en-US.json");
    expect(en["description.short"]).not.toBe(obj(manifest.description).short);
    expect(en["bots[0].commandLists[0].commands[0].title"]).toBe("help");
  });
});

describe("icons", () => {
  it("when color.png is read, then it is 192×192 and a full, opaque square (Teams rounds the corners)", () => {
    const png = readPng("color.png");
    expect([png.width, png.height]).toEqual([192, 192]);
    for (const [x, y] of [
      [0, 0],
      [191, 0],
      [0, 191],
      [191, 191],
    ] as const) {
      expect(png.data[(y * png.width + x) * 4 + 3]).toBe(255);
    }
    // Not one flat colour: there is a symbol on the background.
    const first = png.data.readUInt32BE(0);
    let differing = 0;
    for (let o = 0; o < png.data.length; o += 4) if (png.data.readUInt32BE(o) !== first) differing++;
    expect(differing).toBeGreaterThan(192 * 192 * 0.05);
  });

  it("when outline.png is read, then it is 32×32 with only white or fully transparent pixels, some of each", () => {
    const png = readPng("outline.png");
    expect([png.width, png.height]).toEqual([32, 32]);
    let transparent = 0;
    let opaqueWhite = 0;
    const offenders: string[] = [];
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const o = (y * png.width + x) * 4;
        const [r, g, b, a] = [png.data[o]!, png.data[o + 1]!, png.data[o + 2]!, png.data[o + 3]!];
        if (a === 0) transparent++;
        else if (r === 255 && g === 255 && b === 255) {
          if (a === 255) opaqueWhite++;
        } else offenders.push(`(${x},${y})=${r},${g},${b},${a}`);
      }
    }
    expect(offenders).toEqual([]);
    expect(transparent).toBeGreaterThan(0);
    expect(opaqueWhite).toBeGreaterThan(0);
  });

  it("when outline.png is read, then the symbol reaches the edges (Teams wants no padding around it)", () => {
    const png = readPng("outline.png");
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        if (png.data[(y * 32 + x) * 4 + 3]! > 0) {
          minX = Math.min(minX, x);
          minY = Math.min(minY, y);
          maxX = Math.max(maxX, x);
          maxY = Math.max(maxY, y);
        }
      }
    }
    expect(minX).toBeLessThanOrEqual(1);
    expect(minY).toBeLessThanOrEqual(1);
    expect(maxX).toBeGreaterThanOrEqual(30);
    expect(maxY).toBeGreaterThanOrEqual(30);
  });
});

describe("buildAppPackage", () => {
  const botId = "8d2f4c1a-3b5e-4f60-9a7b-1c2d3e4f5a6b";
  const teamsAppId = "2a9e6f0c-7d41-4b8e-9c3a-5f1e2d3c4b5a";
  const botDomain = "naervaer-dev.azurewebsites.net";
  const ids = { teamsAppId, botId, botDomain };
  let tmp: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "naervaer-app-package-"));
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("when given the ids, domain, version and URLs, then it writes naervaer.zip with the files at the root and everything substituted", () => {
    const outDir = path.join(tmp, "out");
    const urls = {
      website: "https://skole.example.no/naervaer",
      privacy: "https://skole.example.no/personvern",
      terms: "https://skole.example.no/vilkar",
    };
    const built = buildAppPackage({ ...ids, version: "2.3.4", urls, outDir });

    expect(built.zipPath).toBe(path.join(outDir, "naervaer.zip"));
    expect(fs.existsSync(built.zipPath)).toBe(true);

    const zip = new AdmZip(built.zipPath);
    const names = zip
      .getEntries()
      .map((e) => e.entryName)
      .sort();
    expect(names).toEqual(["color.png", "en-US.json", "manifest.json", "nn-NO.json", "outline.png"]);

    const manifestText = zip.readAsText("manifest.json", "utf8");
    expect(manifestText).not.toContain("${{");
    const m = JSON.parse(manifestText) as Json;
    expect(m.id).toBe(teamsAppId);
    expect(obj(arr(m.bots)[0]).botId).toBe(botId);
    expect(m.validDomains).toEqual([botDomain]);
    expect(m.webApplicationInfo).toEqual({ id: botId, resource: `api://${botDomain}/botid-${botId}` });
    expect(m.version).toBe("2.3.4");
    expect(obj(m.developer)).toMatchObject({
      websiteUrl: urls.website,
      privacyUrl: urls.privacy,
      termsOfUseUrl: urls.terms,
    });
    expectManifestFollowsSchema(m, { substituted: true });
    expect(obj(m.name).short).toBe("Nærvær"); // UTF-8 survived

    for (const name of ["nn-NO.json", "en-US.json"]) expect(zip.readAsText(name, "utf8")).not.toContain("${{");
    for (const name of ["color.png", "outline.png"])
      expect(zip.readFile(name)!.equals(fs.readFileSync(path.join(APP_DIR, name)))).toBe(true);
  });

  it("when no URLs are given, then the https placeholders from the manifest are kept", () => {
    const built = buildAppPackage({ ...ids, version: "0.1.0", outDir: path.join(tmp, "defaults") });
    const source = obj(readJson("manifest.json").developer);
    expect(obj(built.manifest.developer)).toMatchObject({
      websiteUrl: source.websiteUrl,
      privacyUrl: source.privacyUrl,
      termsOfUseUrl: source.termsOfUseUrl,
    });
  });

  it("when the bot id is not a GUID, then it fails naming BOT_ID and writes nothing", () => {
    const outDir = path.join(tmp, "bad-id");
    expect(() => buildAppPackage({ ...ids, botId: "${{BOT_ID}}", version: "0.1.0", outDir })).toThrow(/BOT_ID/);
    expect(() => buildAppPackage({ ...ids, botId: "not-a-guid", version: "0.1.0", outDir })).toThrow(/BOT_ID/);
    expect(fs.existsSync(path.join(outDir, "naervaer.zip"))).toBe(false);
  });

  it("when the Teams app id is not a GUID, then it fails naming TEAMS_APP_ID and writes nothing", () => {
    const outDir = path.join(tmp, "bad-app-id");
    expect(() => buildAppPackage({ ...ids, teamsAppId: "${{TEAMS_APP_ID}}", version: "0.1.0", outDir })).toThrow(
      /TEAMS_APP_ID/,
    );
    expect(() => buildAppPackage({ ...ids, teamsAppId: "", version: "0.1.0", outDir })).toThrow(/TEAMS_APP_ID/);
    expect(fs.existsSync(path.join(outDir, "naervaer.zip"))).toBe(false);
  });

  it("when the bot domain is a URL or has a path or port, then it fails naming BOT_DOMAIN and writes nothing", () => {
    const outDir = path.join(tmp, "bad-domain");
    for (const botDomainValue of [
      "https://naervaer-dev.azurewebsites.net",
      "naervaer-dev.azurewebsites.net/api",
      "naervaer-dev.azurewebsites.net:443",
      "localhost",
      "",
    ]) {
      expect(() => buildAppPackage({ ...ids, botDomain: botDomainValue, version: "0.1.0", outDir })).toThrow(
        /BOT_DOMAIN/,
      );
    }
    expect(fs.existsSync(path.join(outDir, "naervaer.zip"))).toBe(false);
  });

  it("when a URL is not https or the version is not MAJOR.MINOR.PATCH, then it fails", () => {
    const outDir = path.join(tmp, "bad-input");
    expect(() =>
      buildAppPackage({ ...ids, version: "0.1.0", urls: { privacy: "http://skole.example.no/personvern" }, outDir }),
    ).toThrow(/privacyUrl/);
    expect(() => buildAppPackage({ ...ids, version: "0.1.0-beta.1", outDir })).toThrow(/version/);
  });

  it("when built, then the manifest and both localization files pass Microsoft's Teams schemas of the manifest's version", () => {
    const built = buildAppPackage({ ...ids, version: "1.0.0", outDir: path.join(tmp, "schema") });
    const zip = new AdmZip(built.zipPath);
    const version = String(built.manifest.manifestVersion);
    expect(checkAgainstTeamsSchema(JSON.parse(zip.readAsText("manifest.json", "utf8")), "manifest", version)).toEqual(
      [],
    );
    for (const name of ["nn-NO.json", "en-US.json"])
      expect(checkAgainstTeamsSchema(JSON.parse(zip.readAsText(name, "utf8")), "localization", version)).toEqual([]);
  });

  function copySource(name: string, edit: (files: { manifest: Json; nn: Json }) => void): string {
    const src = path.join(tmp, name);
    fs.mkdirSync(src);
    for (const f of ["manifest.json", ...PACKAGE_FILES]) fs.copyFileSync(path.join(APP_DIR, f), path.join(src, f));
    const files = { manifest: readJson("manifest.json"), nn: readJson("nn-NO.json") };
    edit(files);
    fs.writeFileSync(path.join(src, "manifest.json"), JSON.stringify(files.manifest));
    fs.writeFileSync(path.join(src, "nn-NO.json"), JSON.stringify(files.nn));
    return src;
  }

  it("when the manifest breaks the Teams schema, then it fails naming each field and what was expected, and writes nothing", () => {
    const src = copySource("src-bad-manifest", ({ manifest }) => {
      obj(manifest.name).short = "Nærvær – oppfølging av fravær i skolen";
      obj(arr(manifest.bots)[0]).scopes = ["personal", "classroom"];
      manifest.colour = "#4B53BC";
    });
    const build = () => buildAppPackage({ ...ids, version: "0.1.0", sourceDir: src, outDir: path.join(src, "build") });
    expect(build).toThrow(/manifest\.json does not pass the Teams manifest schema v1\.30/);
    expect(build).toThrow(/\/name\/short must NOT have more than 30 characters/);
    expect(build).toThrow(/\/bots\/0\/scopes\/1 must be equal to one of the allowed values .*"personal"/);
    expect(build).toThrow(/additional properties \(colour\)/);
    expect(fs.existsSync(path.join(src, "build", "naervaer.zip"))).toBe(false);
  });

  it("when a localization file breaks the Teams localization schema, then it fails naming the file and the key", () => {
    const src = copySource("src-bad-localization", ({ nn }) => {
      nn["description.short"] =
        "Fylgjer opp fråvær etter tiltakstrappa til kommunen, med kort, påminningar og dokumentasjon";
      nn["name.shrot"] = "Nærvær";
    });
    const build = () => buildAppPackage({ ...ids, version: "0.1.0", sourceDir: src, outDir: path.join(src, "build") });
    expect(build).toThrow(/nn-NO\.json does not pass the Teams localization schema/);
    expect(build).toThrow(/\/description\.short must NOT have more than 80 characters/);
    expect(build).toThrow(/additional properties \(name\.shrot\)/);
    expect(fs.existsSync(path.join(src, "build", "naervaer.zip"))).toBe(false);
  });

  it("when the manifest has a placeholder the builder has no value for, then it fails naming it", () => {
    const src = copySource("src-with-unknown-placeholder", ({ manifest }) => {
      obj(manifest.name).full = "${{SCHOOL_NAME}}";
    });
    expect(() =>
      buildAppPackage({ ...ids, version: "0.1.0", sourceDir: src, outDir: path.join(src, "build") }),
    ).toThrow(/SCHOOL_NAME/);
  });
});

describe("package script inputs", () => {
  const complete = {
    TEAMS_APP_ID: "2a9e6f0c-7d41-4b8e-9c3a-5f1e2d3c4b5a",
    BOT_ID: "8d2f4c1a-3b5e-4f60-9a7b-1c2d3e4f5a6b",
    BOT_DOMAIN: "naervaer-dev.azurewebsites.net",
  };

  it.each(["TEAMS_APP_ID", "BOT_ID", "BOT_DOMAIN"])(
    "when %s is missing or blank, then resolving the ids fails with a message naming it",
    (name) => {
      expect(() => resolvePackageIds({ ...complete, [name]: undefined }, false)).toThrow(new RegExp(name));
      expect(() => resolvePackageIds({ ...complete, [name]: "  " }, false)).toThrow(new RegExp(name));
    },
  );

  it("when the ids are missing and placeholders are allowed, then the placeholders are used with a warning for each", () => {
    const r = resolvePackageIds({}, true);
    expect(r.ids).toEqual({
      teamsAppId: PLACEHOLDER_TEAMS_APP_ID,
      botId: PLACEHOLDER_BOT_ID,
      botDomain: PLACEHOLDER_BOT_DOMAIN,
    });
    expect(r.ids.botId).toMatch(/^0{8}-0{4}-0{4}-0{4}-0{12}$/);
    expect(r.ids.teamsAppId).not.toBe(r.ids.botId);
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings.join("\n")).toMatch(/TEAMS_APP_ID[\s\S]*BOT_ID[\s\S]*BOT_DOMAIN/);
  });

  it("when the placeholder ids are used, then the package builds (for inspection)", () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "naervaer-placeholder-"));
    try {
      const built = buildAppPackage({ ...resolvePackageIds({}, true).ids, version: "0.1.0", outDir });
      expect(built.manifest.id).toBe(PLACEHOLDER_TEAMS_APP_ID);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it("when the ids are set, then they are used (trimmed) without a warning, even if placeholders are allowed", () => {
    expect(resolvePackageIds({ ...complete, BOT_ID: ` ${complete.BOT_ID}\n` }, true)).toEqual({
      ids: { teamsAppId: complete.TEAMS_APP_ID, botId: complete.BOT_ID, botDomain: complete.BOT_DOMAIN },
      warnings: [],
    });
  });

  it("when env/.env.<name>, its .user file, .env and the environment all set a value, then the environment wins, then .user, then env/.env.<name>", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "naervaer-package-env-"));
    try {
      fs.mkdirSync(path.join(root, "env"));
      fs.writeFileSync(path.join(root, ".env"), "BOT_ID=from-dotenv\nAPP_TERMS_URL=https://terms.example\n");
      fs.writeFileSync(
        path.join(root, "env", ".env.dev"),
        "BOT_ID=from-env-dev\nBOT_DOMAIN=from-env-dev\nTEAMS_APP_ID=from-env-dev\n",
      );
      fs.writeFileSync(path.join(root, "env", ".env.dev.user"), "BOT_DOMAIN=from-user\n");
      const env = loadPackageEnv(root, "dev", { TEAMS_APP_ID: "from-process" });
      expect(env).toMatchObject({
        TEAMS_APP_ID: "from-process",
        BOT_DOMAIN: "from-user",
        BOT_ID: "from-env-dev",
        APP_TERMS_URL: "https://terms.example",
      });
      expect(loadPackageEnv(root, "prod", {}).BOT_ID).toBe("from-dotenv");
      expect(() => loadPackageEnv(root, "../etc", {})).toThrow(/--env/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("when the URL variables are set, then they map to website/privacy/terms, and unset or blank ones are left out", () => {
    expect(
      urlsFromEnv({ APP_WEBSITE_URL: "https://a.example", APP_PRIVACY_URL: " ", APP_TERMS_URL: "https://c.example" }),
    ).toEqual({
      website: "https://a.example",
      terms: "https://c.example",
    });
    expect(urlsFromEnv({})).toEqual({});
  });
});
