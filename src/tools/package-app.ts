/**
 * Builds the Teams app package appPackage/build/naervaer.zip:
 *   manifest.json   appPackage/manifest.json with ${{BOT_ID}} and ${{APP_VERSION}} substituted
 *                   and the developer URLs set
 *   color.png, outline.png, nn-NO.json, en-US.json   copied as they are
 * all at the root of the zip, as Teams requires.
 *
 * Usage (after `npm run build`):  npm run package [-- --allow-placeholder-id] [-- --out <dir>]
 *
 * Environment (also read from .env in the repository root):
 *   BOT_ID            required: the Microsoft App ID (GUID) of the bot's Azure Bot registration;
 *                     it is also used as the Teams app id. With --allow-placeholder-id an all-zero
 *                     GUID is used instead (for a package that is only inspected, never uploaded).
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

export const ZIP_NAME = "naervaer.zip";
export const PLACEHOLDER_BOT_ID = "00000000-0000-0000-0000-000000000000";

/** Files taken from appPackage/ into the root of the zip (manifest.json is handled separately). */
export const PACKAGE_FILES = ["color.png", "outline.png", "nn-NO.json", "en-US.json"] as const;

const ICON_SIZES: Record<string, number> = { "color.png": 192, "outline.png": 32 };

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export interface AppPackageUrls {
  website: string;
  privacy: string;
  terms: string;
}

export interface BuildAppPackageOptions {
  /** Microsoft App ID of the bot; becomes both `id` and `bots[0].botId`. */
  botId: string;
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

/** Builds naervaer.zip and returns where it is and what manifest went into it. Throws on any problem. */
export function buildAppPackage(options: BuildAppPackageOptions): BuiltAppPackage {
  const sourceDir = options.sourceDir ?? path.join(findRepoRoot(), "appPackage");
  const outDir = options.outDir ?? path.join(sourceDir, "build");

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
    { BOT_ID: options.botId, APP_VERSION: options.version },
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
      JSON.parse(s); // fail here rather than in Teams
      if (s.includes("${{")) throw new Error(`${file} contains a \${{…}} placeholder`);
    }
    zip.addFile(name, content);
  }
  if (manifestJson.includes("${{")) throw new Error("manifest.json still contains a ${{…}} placeholder");

  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, ZIP_NAME);
  zip.writeZip(zipPath);
  return { zipPath, manifest, entries: zip.getEntries().map((e) => e.entryName) };
}

/**
 * The bot id from the environment. Missing or empty BOT_ID is an error unless placeholders are
 * allowed, in which case the all-zero GUID is returned together with a warning.
 */
export function resolveBotId(env: NodeJS.ProcessEnv, allowPlaceholderId: boolean): { botId: string; warning?: string } {
  const raw = env.BOT_ID?.trim();
  if (raw) return { botId: raw };
  if (allowPlaceholderId) {
    return {
      botId: PLACEHOLDER_BOT_ID,
      warning: `BOT_ID is not set; using the placeholder id ${PLACEHOLDER_BOT_ID}. This package cannot be uploaded to Teams.`,
    };
  }
  throw new Error(
    "BOT_ID is not set. Set BOT_ID (in the environment or in .env) to the Microsoft App ID of the bot's Azure Bot registration, " +
      "or pass --allow-placeholder-id to build a package with an all-zero id for inspection only.",
  );
}

/** The developer URLs given in the environment (APP_WEBSITE_URL, APP_PRIVACY_URL, APP_TERMS_URL). */
export function urlsFromEnv(env: NodeJS.ProcessEnv): Partial<AppPackageUrls> {
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
  const known = new Set(["--allow-placeholder-id", "--out"]);
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!known.has(a)) {
      console.error(`unknown argument ${a}; usage: package-app [--allow-placeholder-id] [--out <dir>]`);
      return 2;
    }
    if (a === "--out") {
      outDir = argv[++i];
      if (!outDir) {
        console.error("--out needs a directory");
        return 2;
      }
    }
  }
  const root = findRepoRoot();
  dotenv.config({ path: path.join(root, ".env"), quiet: true });
  try {
    const { botId, warning } = resolveBotId(process.env, argv.includes("--allow-placeholder-id"));
    if (warning) console.warn(`warning: ${warning}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version?: unknown };
    if (typeof pkg.version !== "string") throw new Error("package.json has no version");
    const built = buildAppPackage({
      botId,
      version: pkg.version,
      urls: urlsFromEnv(process.env),
      outDir: outDir ? path.resolve(outDir) : undefined,
    });
    const unset = (["APP_WEBSITE_URL", "APP_PRIVACY_URL", "APP_TERMS_URL"] as const).filter(
      (k) => !process.env[k]?.trim(),
    );
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
