/**
 * Builds the Teams app package appPackage/build/naervaer.zip:
 *   manifest.json   appPackage/manifest.json with ${{TEAMS_APP_ID}}, ${{BOT_ID}}, ${{BOT_DOMAIN}} and
 *                   ${{APP_VERSION}} substituted and the developer URLs set
 *   color.png, outline.png, nn-NO.json, en-US.json   copied as they are
 * all at the root of the zip, as Teams requires. The manifest and the localization files must pass Microsoft's
 * Teams schemas of the manifest's version (teams-schema.ts), else no zip is written.
 *
 * Usage (after `npm run build`):  npm run package [-- --env <name>] [-- --allow-placeholder-id] [-- --out <dir>]
 *
 * Values come from the environment, else env/.env.<name> and env/.env.<name>.user (the Agents Toolkit's
 * files, which `atk provision` fills; <name> is --env, else TEAMSFX_ENV, else dev), else .env:
 *   TEAMS_APP_ID      required: the Teams app's own id (GUID), written by the toolkit's teamsApp/create
 *   BOT_ID            required: the bot's Microsoft App ID (GUID): the managed identity's client id or the
 *                     Entra app registration's; also webApplicationInfo.id
 *   BOT_DOMAIN        required: the host name the bot answers on (validDomains, webApplicationInfo.resource)
 *   With --allow-placeholder-id, missing ones get placeholders (a package that is only inspected, never uploaded).
 *   APP_WEBSITE_URL   optional https URL for developer.websiteUrl
 *   APP_PRIVACY_URL   optional https URL for developer.privacyUrl (the personvernerklæring)
 *   APP_TERMS_URL     optional https URL for developer.termsOfUseUrl
 * The app version is package.json's "version".
 */
import fs from "node:fs";
import path from "node:path";
import AdmZip from "adm-zip";
import dotenv from "dotenv";
import { PNG } from "pngjs";
import { checkAgainstTeamsSchema, type TeamsSchemaKind } from "./teams-schema";

export const ZIP_NAME = "naervaer.zip";
export const PLACEHOLDER_BOT_ID = "00000000-0000-0000-0000-000000000000";
export const PLACEHOLDER_TEAMS_APP_ID = "00000000-0000-0000-0000-000000000001";
export const PLACEHOLDER_BOT_DOMAIN = "naervaer.invalid";

/** Files taken from appPackage/ into the root of the zip (manifest.json is handled separately). */
export const PACKAGE_FILES = ["color.png", "outline.png", "nn-NO.json", "en-US.json"] as const;

const ICON_SIZES: Record<string, number> = { "color.png": 192, "outline.png": 32 };

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
// A DNS host name without scheme, port or path, as validDomains and the Entra resource URI need it.
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export interface AppPackageUrls {
  website: string;
  privacy: string;
  terms: string;
}

export interface BuildAppPackageOptions {
  /** The Teams app's own id; becomes `id`. */
  teamsAppId: string;
  /** Microsoft App ID of the bot; becomes `bots[0].botId` and `webApplicationInfo.id`. */
  botId: string;
  /** Host name of the bot's web app; becomes `validDomains` and part of `webApplicationInfo.resource`. */
  botDomain: string;
  /** App version (MAJOR.MINOR.PATCH), normally package.json's version. */
  version: string;
  /** Developer URLs; any left out keep the https placeholders in appPackage/manifest.json. */
  urls?: Partial<AppPackageUrls>;
  /** Where to write naervaer.zip; defaults to appPackage/build. */
  outDir?: string;
  /** Where manifest.json, icons and localization files are read from; defaults to appPackage/. */
  sourceDir?: string;
}

export interface BuiltAppPackage {
  zipPath: string;
  /** The manifest as written into the zip. */
  manifest: Record<string, unknown>;
  /** Names of the entries in the zip. */
  entries: string[];
}

/** The repository root: the nearest directory above `start` with package.json and appPackage/. */
export function findRepoRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "appPackage"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`could not find the repository root (package.json + appPackage/) above ${start}`);
    dir = parent;
  }
}

function substitute(text: string, values: Record<string, string>, file: string): string {
  const missing = new Set<string>();
  const out = text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) {
      missing.add(name);
      return whole;
    }
    // Values go into JSON strings: escape them as JSON string content.
    return JSON.stringify(v).slice(1, -1);
  });
  if (missing.size > 0)
    throw new Error(`${file}: no value for placeholder(s) ${[...missing].map((n) => "${{" + n + "}}").join(", ")}`);
  return out;
}

function requireHttps(url: string, what: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${what} must be an https:// URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "https:") throw new Error(`${what} must be an https:// URL, got ${JSON.stringify(url)}`);
  if (url.length > 2048) throw new Error(`${what} is longer than 2048 characters`);
  return url;
}

function checkIcon(file: string, name: string): void {
  const expected = ICON_SIZES[name];
  if (expected === undefined) return;
  const png = PNG.sync.read(fs.readFileSync(file));
  if (png.width !== expected || png.height !== expected) {
    throw new Error(
      `${name} must be ${expected}×${expected} pixels, is ${png.width}×${png.height} (regenerate with dist/src/tools/draw-icons.js)`,
    );
  }
}

function requireSchema(document: unknown, kind: TeamsSchemaKind, manifestVersion: string, name: string): void {
  const problems = checkAgainstTeamsSchema(document, kind, manifestVersion);
  if (problems.length > 0) {
    throw new Error(`${name} does not pass the Teams ${kind} schema v${manifestVersion}:\n  ${problems.join("\n  ")}`);
  }
}

/** Builds naervaer.zip and returns where it is and what manifest went into it. Throws on any problem. */
export function buildAppPackage(options: BuildAppPackageOptions): BuiltAppPackage {
  const sourceDir = options.sourceDir ?? path.join(findRepoRoot(), "appPackage");
  const outDir = options.outDir ?? path.join(sourceDir, "build");

  if (!GUID.test(options.teamsAppId)) {
    throw new Error(
      `TEAMS_APP_ID must be the Teams app's id, a GUID like 1b2c3d4e-0000-4000-8000-123456789abc; got ${JSON.stringify(options.teamsAppId)}`,
    );
  }
  if (!HOST_NAME.test(options.botDomain)) {
    throw new Error(
      `BOT_DOMAIN must be a host name such as naervaer-dev.azurewebsites.net (no https://, port or path); got ${JSON.stringify(options.botDomain)}`,
    );
  }
  if (!GUID.test(options.botId)) {
    throw new Error(
      `BOT_ID must be the bot's Microsoft App ID, a GUID like 1b2c3d4e-0000-4000-8000-123456789abc; got ${JSON.stringify(options.botId)}`,
    );
  }
  if (!SEMVER.test(options.version)) {
    throw new Error(
      `the app version must be MAJOR.MINOR.PATCH (Teams accepts no pre-release or build suffix); got ${JSON.stringify(options.version)}`,
    );
  }

  const manifestFile = path.join(sourceDir, "manifest.json");
  const text = substitute(
    fs.readFileSync(manifestFile, "utf8"),
    {
      TEAMS_APP_ID: options.teamsAppId,
      BOT_ID: options.botId,
      BOT_DOMAIN: options.botDomain,
      APP_VERSION: options.version,
    },
    manifestFile,
  );
  const manifest = JSON.parse(text) as Record<string, unknown> & { developer?: Record<string, unknown> };
  if (typeof manifest.developer !== "object" || manifest.developer === null)
    throw new Error(`${manifestFile}: no developer block`);
  const dev = manifest.developer;
  const urls = options.urls ?? {};
  dev.websiteUrl = requireHttps(urls.website ?? String(dev.websiteUrl), "developer.websiteUrl (APP_WEBSITE_URL)");
  dev.privacyUrl = requireHttps(urls.privacy ?? String(dev.privacyUrl), "developer.privacyUrl (APP_PRIVACY_URL)");
  dev.termsOfUseUrl = requireHttps(urls.terms ?? String(dev.termsOfUseUrl), "developer.termsOfUseUrl (APP_TERMS_URL)");

  const manifestVersion = String(manifest.manifestVersion);
  requireSchema(manifest, "manifest", manifestVersion, "manifest.json");

  const zip = new AdmZip();
  const manifestJson = JSON.stringify(manifest, null, 2) + "\n";
  zip.addFile("manifest.json", Buffer.from(manifestJson, "utf8"));
  for (const name of PACKAGE_FILES) {
    const file = path.join(sourceDir, name);
    if (!fs.existsSync(file)) throw new Error(`missing ${file}`);
    checkIcon(file, name);
    const content = fs.readFileSync(file);
    if (name.endsWith(".json")) {
      const s = content.toString("utf8");
      if (s.includes("${{")) throw new Error(`${file} contains a \${{…}} placeholder`);
      requireSchema(JSON.parse(s), "localization", manifestVersion, name);
    }
    zip.addFile(name, content);
  }
  if (manifestJson.includes("${{")) throw new Error("manifest.json still contains a ${{…}} placeholder");

  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, ZIP_NAME);
  zip.writeZip(zipPath);
  return { zipPath, manifest, entries: zip.getEntries().map((e) => e.entryName) };
}

export interface PackageIds {
  teamsAppId: string;
  botId: string;
  botDomain: string;
}

const ID_VARIABLES: { name: string; key: keyof PackageIds; placeholder: string; what: string }[] = [
  { name: "TEAMS_APP_ID", key: "teamsAppId", placeholder: PLACEHOLDER_TEAMS_APP_ID, what: "the Teams app's id" },
  { name: "BOT_ID", key: "botId", placeholder: PLACEHOLDER_BOT_ID, what: "the Microsoft App ID of the bot" },
  { name: "BOT_DOMAIN", key: "botDomain", placeholder: PLACEHOLDER_BOT_DOMAIN, what: "the bot's host name" },
];

/**
 * The ids the manifest needs. A missing or empty one is an error unless placeholders are allowed,
 * in which case its placeholder is used and a warning names it.
 */
export function resolvePackageIds(
  env: Record<string, string | undefined>,
  allowPlaceholders: boolean,
): { ids: PackageIds; warnings: string[] } {
  const ids = {} as PackageIds;
  const warnings: string[] = [];
  const missing: string[] = [];
  for (const v of ID_VARIABLES) {
    const raw = env[v.name]?.trim();
    if (raw) ids[v.key] = raw;
    else if (allowPlaceholders) {
      ids[v.key] = v.placeholder;
      warnings.push(
        `${v.name} is not set; using the placeholder ${v.placeholder}. This package cannot be uploaded to Teams.`,
      );
    } else missing.push(`${v.name} (${v.what})`);
  }
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(", ")} not set. Run \`atk provision --env <name>\` (it writes them to env/.env.<name>), ` +
        "set them in the environment, or pass --allow-placeholder-id to build a package for inspection only.",
    );
  }
  return { ids, warnings };
}

/**
 * What the package script reads: the process environment wins over env/.env.<name>.user, which wins over
 * env/.env.<name>, which wins over .env (the toolkit writes secrets to the .user file, ids to the other).
 */
export function loadPackageEnv(
  root: string,
  envName: string,
  processEnv: Record<string, string | undefined>,
): Record<string, string | undefined> {
  if (!/^[A-Za-z0-9_-]+$/.test(envName))
    throw new Error(`--env must be a plain name like dev; got ${JSON.stringify(envName)}`);
  const read = (file: string) => (fs.existsSync(file) ? dotenv.parse(fs.readFileSync(file)) : {});
  const envDir = path.join(root, "env");
  return {
    ...read(path.join(root, ".env")),
    ...read(path.join(envDir, `.env.${envName}`)),
    ...read(path.join(envDir, `.env.${envName}.user`)),
    ...processEnv,
  };
}

/** The developer URLs given in the environment (APP_WEBSITE_URL, APP_PRIVACY_URL, APP_TERMS_URL). */
export function urlsFromEnv(env: Record<string, string | undefined>): Partial<AppPackageUrls> {
  const urls: Partial<AppPackageUrls> = {};
  const website = env.APP_WEBSITE_URL?.trim();
  const privacy = env.APP_PRIVACY_URL?.trim();
  const terms = env.APP_TERMS_URL?.trim();
  if (website) urls.website = website;
  if (privacy) urls.privacy = privacy;
  if (terms) urls.terms = terms;
  return urls;
}

function main(argv: string[]): number {
  const usage = "usage: package-app [--env <name>] [--allow-placeholder-id] [--out <dir>]";
  let outDir: string | undefined;
  let envName = process.env.TEAMSFX_ENV?.trim() || "dev";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--allow-placeholder-id") continue;
    if (a !== "--out" && a !== "--env") {
      console.error(`unknown argument ${a}; ${usage}`);
      return 2;
    }
    const value = argv[++i];
    if (!value) {
      console.error(`${a} needs a value; ${usage}`);
      return 2;
    }
    if (a === "--out") outDir = value;
    else envName = value;
  }
  const root = findRepoRoot();
  try {
    const env = loadPackageEnv(root, envName, process.env);
    const { ids, warnings } = resolvePackageIds(env, argv.includes("--allow-placeholder-id"));
    for (const w of warnings) console.warn(`warning: ${w}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version?: unknown };
    if (typeof pkg.version !== "string") throw new Error("package.json has no version");
    const built = buildAppPackage({
      ...ids,
      version: pkg.version,
      urls: urlsFromEnv(env),
      outDir: outDir ? path.resolve(outDir) : undefined,
    });
    const unset = (["APP_WEBSITE_URL", "APP_PRIVACY_URL", "APP_TERMS_URL"] as const).filter((k) => !env[k]?.trim());
    if (unset.length > 0) {
      console.warn(
        `warning: ${unset.join(", ")} not set; the placeholder URLs from appPackage/manifest.json were used. Set them before uploading to Teams.`,
      );
    }
    console.log(built.zipPath);
    return 0;
  } catch (err) {
    console.error(`package-app: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
