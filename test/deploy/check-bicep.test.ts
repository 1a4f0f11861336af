import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkBicep, type BicepProblem } from "../../src/tools/check-bicep";

/*
 * Each test breaks a copy of infra/ the way a hand edit could, and expects the checker to name the file, the
 * line and what is wrong, as `az deployment` would refuse it.
 */
const INFRA = path.join(__dirname, "..", "..", "infra");
const MAIN = "azure.bicep";
const MODULE = path.join("botRegistration", "azurebot.bicep");

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "naervaer-bicep-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A copy of infra/ with `edit` applied to one file; returns the copy's azure.bicep. */
function brokenCopy(name: string, file: string, edit: (text: string) => string): string {
  const dir = path.join(tmp, name);
  fs.cpSync(INFRA, dir, { recursive: true });
  const target = path.join(dir, file);
  const before = fs.readFileSync(target, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(target, after);
  return path.join(dir, MAIN);
}

const lineOf = (file: string, needle: string) =>
  fs
    .readFileSync(file, "utf8")
    .split("\n")
    .findIndex((l) => l.includes(needle)) + 1;

const summary = (problems: BicepProblem[]) => problems.map((p) => `${path.basename(p.file)}:${p.line} ${p.message}`);

describe("checkBicep", () => {
  it("when infra/ is as committed, then it finds nothing", async () => {
    expect(await checkBicep(path.join(INFRA, MAIN))).toEqual([]);
  });

  it("when a closing brace is missing, then it reports a syntax error in that file", async () => {
    const entry = brokenCopy("brace", MODULE, (t) =>
      t.replace(/\n}\n\nresource botServiceMsTeamsChannel/, "\n\nresource botServiceMsTeamsChannel"),
    );
    const problems = await checkBicep(entry);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.file.endsWith("azurebot.bicep") && /syntax error/.test(p.message))).toBe(true);
  });

  it("when a name is misspelled, then it names it and its line", async () => {
    const entry = brokenCopy("typo", MAIN, (t) =>
      t.replace(
        "{ name: 'COSMOS_DATABASE', value: cosmosDatabaseName }",
        "{ name: 'COSMOS_DATABASE', value: cosmosDatabseName }",
      ),
    );
    expect(summary(await checkBicep(entry))).toEqual([
      `azure.bicep:${lineOf(entry, "cosmosDatabseName")} cosmosDatabseName is not declared (no param, var, resource, module or loop variable has that name)`,
    ]);
  });

  it("when a name in the module is misspelled, then it is named in the module's file", async () => {
    const entry = brokenCopy("module-typo", MODULE, (t) =>
      t.replace("msaAppTenantId: tenantId", "msaAppTenantId: tenantID"),
    );
    const module = path.join(path.dirname(entry), MODULE);
    expect(summary(await checkBicep(entry))).toEqual([
      `azurebot.bicep:${lineOf(module, "tenantID")} tenantID is not declared (no param, var, resource, module or loop variable has that name)`,
    ]);
  });

  it("when a function is written in the wrong case or a decorator misspelled, then each is named", async () => {
    const entry = brokenCopy("function", MAIN, (t) =>
      t
        .replace("var name = toLower(resourceBaseName)", "var name = tolower(resourceBaseName)")
        .replace(
          "@secure()\n@minLength(16)\n@description('Bearer key of the audit log",
          "@secret()\n@minLength(16)\n@description('Bearer key of the audit log",
        ),
    );
    expect(summary(await checkBicep(entry))).toEqual([
      `azure.bicep:${lineOf(entry, "@secret()")} @secret is not a Bicep decorator`,
      `azure.bicep:${lineOf(entry, "tolower(")} tolower() is not a Bicep function`,
    ]);
  });

  it("when a name is declared twice, then the second is named", async () => {
    const entry = brokenCopy("twice", MAIN, (t) =>
      t.replace(
        "var isMsi = botType == 'UserAssignedMsi'",
        "var isMsi = botType == 'UserAssignedMsi'\nvar tenantId = 'x'",
      ),
    );
    expect(summary(await checkBicep(entry))).toEqual([
      `azure.bicep:${lineOf(entry, "var tenantId = 'x'")} tenantId is declared twice`,
    ]);
  });

  it("when the module is given a parameter it does not declare, or not one it requires, then both are named", async () => {
    const entry = brokenCopy("params", MAIN, (t) =>
      t.replace("    tenantId: tenantId\n  }\n}", "    tenant: tenantId\n  }\n}"),
    );
    const problems = summary(await checkBicep(entry));
    expect(problems).toContain(
      `azure.bicep:${lineOf(entry, "    tenant: tenantId")} module azureBotRegistration: azurebot.bicep has no parameter tenant`,
    );
    expect(
      problems.some((p) =>
        p.endsWith("module azureBotRegistration: the required parameter tenantId of azurebot.bicep is not given"),
      ),
    ).toBe(true);
    expect(problems).toHaveLength(2);
  });

  it("when a module output that does not exist is used, then it names the outputs the module has", async () => {
    const entry = brokenCopy(
      "output",
      MAIN,
      (t) => `${t}output BOT_SERVICE string = azureBotRegistration.outputs.botName\n`,
    );
    expect(summary(await checkBicep(entry))).toEqual([
      `azure.bicep:${lineOf(entry, "outputs.botName")} module azureBotRegistration has no output botName (azurebot.bicep declares botServiceName)`,
    ]);
  });

  it("when a resource type has no API version or the module file is missing, then each is named", async () => {
    const entry = brokenCopy("type", MAIN, (t) =>
      t
        .replace("'Microsoft.Web/serverfarms@2023-12-01'", "'Microsoft.Web/serverfarms'")
        .replace("'./botRegistration/azurebot.bicep'", "'./botRegistration/azure-bot.bicep'"),
    );
    expect(summary(await checkBicep(entry))).toEqual([
      `azure.bicep:${lineOf(entry, "'Microsoft.Web/serverfarms'")} resource type 'Microsoft.Web/serverfarms' must be '<Namespace>/<type>@<api version>'`,
      `azure.bicep:${lineOf(entry, "azure-bot.bicep")} module file ./botRegistration/azure-bot.bicep does not exist`,
    ]);
  });

  it("when loop variables, lambdas and functions are used, then their names are known inside and only inside", async () => {
    const file = path.join(tmp, "locals.bicep");
    fs.writeFileSync(
      file,
      [
        "func double(x int) int => x * 2",
        "var xs = map([1, 2], v => double(v) + 1)",
        "var ys = [for (v, i) in xs: v + i]",
        "var zs = [for c in ys: c]",
        "var rg = az.resourceGroup().id",
        "@sys.description('a description')",
        "param q string",
        "var outside = c",
        "",
      ].join("\n"),
    );
    expect(summary(await checkBicep(file))).toEqual([
      "locals.bicep:8 c is not declared (no param, var, resource, module or loop variable has that name)",
    ]);
  });
});
