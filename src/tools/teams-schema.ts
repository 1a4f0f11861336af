/**
 * Checks the app package's JSON against Microsoft's own Teams schemas, the copies the Microsoft 365 Agents
 * Toolkit ships in @microsoft/app-manifest (json-schemas/teams/v<version>/), so `npm run package` needs no network.
 */
import fs from "node:fs";
import path from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";

export type TeamsSchemaKind = "manifest" | "localization";

const SCHEMA_FILES: Record<TeamsSchemaKind, string> = {
  manifest: "MicrosoftTeams.schema.json",
  localization: "MicrosoftTeams.Localization.schema.json",
};

/** The folder of one manifest version's schemas inside @microsoft/app-manifest. */
export function teamsSchemaDir(manifestVersion: string): string {
  if (!/^\d+\.\d+$/.test(manifestVersion))
    throw new Error(`manifestVersion must look like 1.30; got ${JSON.stringify(manifestVersion)}`);
  const root = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const dir = path.join(root, "build", "json-schemas", "teams", `v${manifestVersion}`);
  if (!fs.existsSync(dir)) {
    throw new Error(
      `@microsoft/app-manifest has no schema for manifestVersion ${manifestVersion}; update it (npm install -D @microsoft/app-manifest@latest) or use a version it has`,
    );
  }
  return dir;
}

const compiled = new Map<string, ValidateFunction>();

function validatorFor(kind: TeamsSchemaKind, manifestVersion: string): ValidateFunction {
  const file = path.join(teamsSchemaDir(manifestVersion), SCHEMA_FILES[kind]);
  let validate = compiled.get(file);
  if (!validate) {
    // The schemas' patterns are ECMAScript regexes written without the u flag (e.g. `\[\b…\b]`), as Teams reads them.
    const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, strict: false, unicodeRegExp: false });
    addFormats(ajv, ["uri", "email", "regex"]);
    validate = ajv.compile(JSON.parse(fs.readFileSync(file, "utf8")) as object);
    compiled.set(file, validate);
  }
  return validate;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || "(top level)";
  const detail =
    error.keyword === "additionalProperties"
      ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`
      : error.keyword === "enum"
        ? ` (one of ${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
        : "";
  return `${where} ${error.message ?? error.keyword}${detail}`;
}

/** Every way `document` breaks the Teams schema of `kind` for `manifestVersion`; empty when it passes. */
export function checkAgainstTeamsSchema(document: unknown, kind: TeamsSchemaKind, manifestVersion: string): string[] {
  const validate = validatorFor(kind, manifestVersion);
  if (validate(document)) return [];
  return [...new Set((validate.errors ?? []).map(describe))];
}
