/**
 * Reads a Bicep file and the modules it uses with the tree-sitter Bicep grammar and reports what the Bicep
 * compiler would refuse before Azure sees the template: syntax errors, a name that is declared nowhere, a name
 * declared twice, a function or decorator Bicep does not have, a resource type without an API version, a module
 * parameter the module does not declare or a required one left out, and a module output that does not exist.
 * It does not know Azure's resource types (property names and values): the compiler and ARM check those.
 *
 * Usage (after `npm run build`):  npm run check:bicep [-- <file.bicep>]   (default infra/azure.bicep)
 */
import fs from "node:fs";
import path from "node:path";
import { Language, Parser, type Node } from "web-tree-sitter";

export interface BicepProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

// Bicep's sys and az namespaces (https://learn.microsoft.com/azure/azure-resource-manager/bicep/bicep-functions).
const FUNCTIONS = new Set(
  (
    "any array base64 base64ToJson base64ToString bool buildUri cidrHost cidrSubnet coalesce concat contains " +
    "dataUri dataUriToString dateTimeAdd dateTimeFromEpoch dateTimeToEpoch deployer deployment empty endsWith " +
    "environment extensionResourceId filter first flatten format getSecret groupBy guid indexOf int intersection " +
    "items join json last lastIndexOf length loadFileAsBase64 loadJsonContent loadTextContent loadYamlContent " +
    "managementGroup managementGroupResourceId map mapValues max min newGuid objectKeys padLeft parseCidr parseUri " +
    "pickZones providers range readEnvironmentVariable reduce reference replace resourceGroup resourceId " +
    "shallowMerge skip sort split startsWith string subscription subscriptionResourceId substring take tenant " +
    "tenantResourceId toLower toObject toUpper trim union uniqueString uri uriComponent uriComponentToString utcNow"
  ).split(" "),
);
const DECORATORS = new Set(
  (
    "allowed batchSize description discriminator export maxLength maxValue metadata minLength minValue " +
    "onlyIfNotExists retryOn sealed secure"
  ).split(" "),
);
const NAMESPACES = new Set(["sys", "az"]);
const RESOURCE_TYPE =
  /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+(\/[A-Za-z][A-Za-z0-9]*)+@\d{4}-\d{2}-\d{2}(-[a-z]+)?$/;

let parser: Promise<Parser> | undefined;

function loadParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const grammar = path.join(
      path.dirname(require.resolve("tree-sitter-bicep/package.json")),
      "tree-sitter-bicep.wasm",
    );
    const p = new Parser();
    // Bytes, not a path: given a path, the loader imports fs dynamically, which jest cannot.
    p.setLanguage(await Language.load(fs.readFileSync(grammar)));
    return p;
  })();
  return parser;
}

interface BicepFile {
  file: string;
  root: Node;
  /** Parameters by name, and whether the module caller must give them (no default, not nullable). */
  params: Map<string, { required: boolean }>;
  outputs: Set<string>;
}

const DECLARATIONS = new Set([
  "parameter_declaration",
  "variable_declaration",
  "resource_declaration",
  "module_declaration",
  "type_declaration",
  "user_defined_function",
]);

function named(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

function unquote(node: Node): string {
  return named(node)
    .filter((c) => c.type === "string_content")
    .map((c) => c.text)
    .join("");
}

/** The object a resource or module body is, through `for … :` and `if (…)`. */
function bodyObject(node: Node | undefined): Node | undefined {
  if (!node) return undefined;
  if (node.type === "object") return node;
  if (node.type === "for_statement") return bodyObject(node.childForFieldName("body") ?? named(node).at(-1));
  if (node.type === "if_statement" || node.type === "parenthesized_expression") return bodyObject(named(node).at(-1));
  return undefined;
}

function propertyOf(object: Node | undefined, key: string): Node | undefined {
  for (const prop of object ? named(object) : []) {
    const [k, value] = named(prop);
    if (prop.type === "object_property" && k && (k.text === key || unquote(k) === key)) return value;
  }
  return undefined;
}

const problemAt = (file: string, node: Node, message: string): BicepProblem => ({
  file,
  line: node.startPosition.row + 1,
  column: node.startPosition.column + 1,
  message,
});

async function parseFile(file: string, problems: BicepProblem[]): Promise<BicepFile> {
  const tree = (await loadParser()).parse(fs.readFileSync(file, "utf8"));
  if (!tree) throw new Error(`${file}: the Bicep grammar could not parse the file`);
  const root = tree.rootNode;
  const report = (node: Node, message: string) => problems.push(problemAt(file, node, message));

  const syntax = (node: Node) => {
    if (node.type === "ERROR" || node.isMissing) {
      report(node, `syntax error near ${JSON.stringify(node.text.split("\n")[0]!.slice(0, 60))}`);
      return;
    }
    for (const c of node.children) if (c) syntax(c);
  };
  syntax(root);

  const params = new Map<string, { required: boolean }>();
  const outputs = new Set<string>();
  for (const decl of named(root)) {
    if (decl.type === "parameter_declaration") {
      const [name, type, fallback] = named(decl);
      if (name) params.set(name.text, { required: !fallback && !type?.text.trim().endsWith("?") });
    } else if (decl.type === "output_declaration") {
      const name = named(decl)[0];
      if (name && outputs.has(name.text)) report(name, `output ${name.text} is declared twice`);
      if (name) outputs.add(name.text);
    }
  }
  return { file, root, params, outputs };
}

/** The names a node declares for its own subtree: loop variables, lambda and function parameters. */
function localNames(node: Node): string[] {
  if (node.type === "for_statement") {
    const init = node.childForFieldName("initializer") ?? named(node)[0];
    if (!init) return [];
    if (init.type === "identifier") return [init.text];
    return named(init)
      .filter((c) => c.type === "loop_variable" || c.type === "loop_enumerator" || c.type === "identifier")
      .map((c) => c.text);
  }
  if (node.type === "lambda_expression") {
    const names: string[] = [];
    const collect = (n: Node) => {
      if (n.type === "identifier") names.push(n.text);
      else for (const c of named(n)) collect(c);
    };
    for (const c of named(node).slice(0, -1)) collect(c);
    return names;
  }
  if (node.type === "user_defined_function") {
    const params = named(node).find((c) => c.type === "parameters");
    return params
      ? named(params).flatMap((p) =>
          named(p)
            .filter((c) => c.type === "identifier")
            .map((c) => c.text),
        )
      : [];
  }
  return [];
}

function fieldOf(node: Node): string | null {
  const parent = node.parent;
  if (!parent) return null;
  for (let i = 0; i < parent.childCount; i++) if (parent.child(i)?.id === node.id) return parent.fieldNameForChild(i);
  return null;
}

function isDeclarationName(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  const first = named(parent)[0];
  if (first?.id !== node.id) return fieldOf(node) === "name";
  return DECLARATIONS.has(parent.type) || parent.type === "output_declaration" || parent.type === "object_property";
}

/** Checks `entry` and every module it uses; returns every problem found, in file order. */
export async function checkBicep(entry: string): Promise<BicepProblem[]> {
  const problems: BicepProblem[] = [];
  const files = new Map<string, BicepFile>();
  const checked = new Set<string>();
  const queue = [path.resolve(entry)];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (checked.has(file)) continue;
    checked.add(file);
    if (!files.has(file)) files.set(file, await parseFile(file, problems));
    await checkNames(files.get(file)!, problems, async (modulePath, node) => {
      const target = path.resolve(path.dirname(file), modulePath);
      if (!fs.existsSync(target)) {
        problems.push(problemAt(file, node, `module file ${modulePath} does not exist`));
        return undefined;
      }
      // Parsed now for its parameters and outputs; its own names are checked when the queue reaches it.
      if (!files.has(target)) files.set(target, await parseFile(target, problems));
      queue.push(target);
      return files.get(target);
    });
  }
  return problems;
}

async function checkNames(
  bicep: BicepFile,
  problems: BicepProblem[],
  resolveModule: (modulePath: string, node: Node) => Promise<BicepFile | undefined>,
): Promise<void> {
  const report = (node: Node, message: string) => problems.push(problemAt(bicep.file, node, message));

  const symbols = new Set<string>();
  const modules = new Map<string, BicepFile | undefined>();
  for (const decl of named(bicep.root)) {
    if (!DECLARATIONS.has(decl.type)) continue;
    const name = decl.childForFieldName("name") ?? named(decl)[0];
    if (!name) continue;
    if (symbols.has(name.text)) report(name, `${name.text} is declared twice`);
    symbols.add(name.text);

    if (decl.type === "resource_declaration") {
      const type = named(decl).find((c) => c.type === "string");
      if (type && !RESOURCE_TYPE.test(unquote(type)))
        report(type, `resource type '${unquote(type)}' must be '<Namespace>/<type>@<api version>'`);
    }
    if (decl.type === "module_declaration") {
      const source = named(decl).find((c) => c.type === "string");
      const mod = source ? await resolveModule(unquote(source), source) : undefined;
      modules.set(name.text, mod);
      if (mod) checkModuleParams(name.text, bodyObject(named(decl).at(-1)), mod, report);
    }
  }

  const scopes: Set<string>[] = [symbols];
  const known = (name: string) => scopes.some((s) => s.has(name)) || NAMESPACES.has(name);
  const visit = (node: Node) => {
    if (node.type === "ERROR") return; // already reported as a syntax error
    const locals = localNames(node);
    if (locals.length > 0) scopes.push(new Set(locals));

    if (node.type === "decorator") {
      const call = named(node)[0];
      const fn = call?.type === "call_expression" ? call.childForFieldName("function") : call;
      const decoratorName = fn?.type === "member_expression" ? fn.childForFieldName("property")?.text : fn?.text;
      if (fn && decoratorName && !DECORATORS.has(decoratorName))
        report(fn, `@${decoratorName} is not a Bicep decorator`);
      for (const arg of call?.type === "call_expression" ? named(call).slice(1) : []) visit(arg);
    } else if (node.type === "call_expression" && node.childForFieldName("function")?.type === "identifier") {
      const fn = node.childForFieldName("function")!;
      if (!FUNCTIONS.has(fn.text) && !symbols.has(fn.text)) report(fn, `${fn.text}() is not a Bicep function`);
      for (const c of named(node)) if (c.id !== fn.id) visit(c);
    } else if (node.type === "member_expression" && isNamespaceCall(node)) {
      const fnName = node.childForFieldName("property")?.text ?? "";
      if (!FUNCTIONS.has(fnName)) report(node, `${node.text}() is not a Bicep function`);
    } else {
      if (node.type === "identifier" && !isDeclarationName(node) && !isLocalDeclaration(node) && !known(node.text))
        report(node, `${node.text} is not declared (no param, var, resource, module or loop variable has that name)`);
      if (node.type === "member_expression") checkModuleOutput(node, modules, report);
      for (const c of named(node)) visit(c);
    }

    if (locals.length > 0) scopes.pop();
  };
  for (const c of named(bicep.root)) visit(c);
}

function isNamespaceCall(member: Node): boolean {
  const object = member.childForFieldName("object");
  return (
    object?.type === "identifier" &&
    NAMESPACES.has(object.text) &&
    member.parent?.type === "call_expression" &&
    fieldOf(member) === "function"
  );
}

function isLocalDeclaration(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === "for_statement") return fieldOf(node) === "initializer" || named(parent)[0]?.id === node.id;
  if (parent.type === "lambda_expression") return named(parent).at(-1)?.id !== node.id;
  return parent.type === "parameter" || parent.type === "for_loop_parameters";
}

function checkModuleParams(
  moduleName: string,
  body: Node | undefined,
  mod: BicepFile,
  report: (node: Node, message: string) => void,
): void {
  const given = propertyOf(body, "params");
  const names = new Set<string>();
  for (const prop of given?.type === "object" ? named(given) : []) {
    const key = named(prop)[0];
    if (prop.type !== "object_property" || !key) continue;
    names.add(key.text);
    if (!mod.params.has(key.text))
      report(key, `module ${moduleName}: ${path.basename(mod.file)} has no parameter ${key.text}`);
  }
  for (const [name, { required }] of mod.params) {
    if (required && !names.has(name) && body)
      report(body, `module ${moduleName}: the required parameter ${name} of ${path.basename(mod.file)} is not given`);
  }
}

function checkModuleOutput(
  node: Node,
  modules: Map<string, BicepFile | undefined>,
  report: (node: Node, message: string) => void,
): void {
  const outputsOf = node.childForFieldName("object");
  const object = outputsOf?.type === "member_expression" ? outputsOf.childForFieldName("object") : undefined;
  if (object?.type !== "identifier" || outputsOf?.childForFieldName("property")?.text !== "outputs") return;
  const mod = modules.get(object.text);
  const output = node.childForFieldName("property")?.text;
  if (mod && output && !mod.outputs.has(output))
    report(
      node,
      `module ${object.text} has no output ${output} (${path.basename(mod.file)} declares ${[...mod.outputs].join(", ") || "none"})`,
    );
}

async function main(argv: string[]): Promise<number> {
  const entry = argv[0] ?? path.join("infra", "azure.bicep");
  const problems = await checkBicep(entry);
  for (const p of problems)
    console.error(`${path.relative(process.cwd(), p.file)}:${p.line}:${p.column}: ${p.message}`);
  if (problems.length === 0) console.log(`${entry} and its modules: no problems found`);
  return problems.length === 0 ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(`check-bicep: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
