/* eslint-disable @typescript-eslint/no-require-imports -- the query engine's internal modules have no type declarations */
import path from "node:path";

/**
 * The embedded server answers queries with @zeit/cosmosdb-query 0.7.2, which compiles SQL to JavaScript. Its FROM and
 * JOIN clauses become `collection.reduce(($, c) => [...$, { c }], [])`: the accumulator is copied for every document,
 * so a query over n documents costs n²/2 copies (a school's 20,000 registrations: 200 million). It also compiles the
 * code again with `new Function` on every execution. We patch its Query class once per process, never its files:
 * - the generated AST's `[...$, x]` (and `[...$, ...xs]`) in a reduce whose start is `[]` becomes `($.push(x), $)`,
 *   the same result in linear time (the accumulator is the reduce's own fresh array);
 * - a query's compiled function is kept with the query (the server caches parsed queries by their text);
 * - its `stripUndefined`, run over every result, builds arrays the same quadratic way: replaced by a linear one.
 * A version bump of the query engine must re-check these shapes (test/store/embedded-query.test.ts covers them).
 */

type Node = { type: string; [key: string]: unknown };
type Compiled = (...args: unknown[]) => unknown;

interface QueryInstance {
  ast: unknown;
  _code: string | null;
  _compiled?: Compiled;
}

interface ExecOptions {
  parameters?: { name: string; value: unknown }[];
  udf?: unknown;
  maxItemCount?: number;
  continuation?: unknown;
  compositeIndexes?: unknown;
}

let installed = false;

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && typeof (value as Node).type === "string";
const isAccumulator = (node: unknown) => isNode(node) && node.type === "Identifier" && node.name === "$";

/** `[...$, a, ...b]` → `($.push(a, ...b), $)`: push takes spread arguments as the array literal took spread elements. */
function pushInstead(array: Node): Node {
  const [, ...rest] = array.elements as Node[];
  return {
    type: "SequenceExpression",
    expressions: [
      {
        type: "CallExpression",
        callee: {
          type: "MemberExpression",
          object: { type: "Identifier", name: "$" },
          property: { type: "Identifier", name: "push" },
          computed: false,
        },
        arguments: rest,
      },
      { type: "Identifier", name: "$" },
    ],
  };
}

const copiesAccumulator = (node: unknown): node is Node =>
  isNode(node) &&
  node.type === "ArrayExpression" &&
  isNode((node.elements as unknown[])[0]) &&
  (node.elements as Node[])[0]!.type === "SpreadElement" &&
  isAccumulator((node.elements as Node[])[0]!.argument);

/** Rewrites every `reduce(($, …) => [...$, …], [])` of the tree in place. */
function linearise(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(linearise);
  if (!isNode(node)) return;
  if (node.type === "CallExpression" && isReduceFromEmpty(node)) {
    const callback = (node.arguments as Node[])[0]!;
    if (copiesAccumulator(callback.body)) callback.body = pushInstead(callback.body);
    else if (isNode(callback.body) && callback.body.type === "ConditionalExpression") {
      if (copiesAccumulator(callback.body.consequent)) callback.body.consequent = pushInstead(callback.body.consequent);
      if (copiesAccumulator(callback.body.alternate)) callback.body.alternate = pushInstead(callback.body.alternate);
    }
  }
  for (const [key, value] of Object.entries(node)) if (key !== "type") linearise(value);
}

function isReduceFromEmpty(call: Node): boolean {
  const callee = call.callee as Node;
  const [callback, start] = (call.arguments as Node[]) ?? [];
  return (
    isNode(callee) &&
    callee.type === "MemberExpression" &&
    isNode(callee.property) &&
    callee.property.name === "reduce" &&
    isNode(callback) &&
    callback.type === "ArrowFunctionExpression" &&
    isAccumulator((callback.params as unknown[])[0]) &&
    isNode(start) &&
    start.type === "ArrayExpression" &&
    (start.elements as unknown[]).length === 0
  );
}

/** The engine's own, without copying the array built so far for each element: undefined left out, as Cosmos does. */
function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    for (const element of value) if (element !== undefined) kept.push(stripUndefined(element));
    return kept;
  }
  if (value && typeof value === "object") {
    const kept: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(value)) if (element !== undefined) kept[key] = stripUndefined(element);
    return kept;
  }
  return value;
}

/** Installs the patches described at the top of this file; idempotent. */
export function installLinearQueries(): void {
  if (installed) return;
  installed = true;
  const server = path.dirname(require.resolve("@vercel/cosmosdb-server/package.json"));
  const engineFile = require.resolve("@zeit/cosmosdb-query", { paths: [server] });
  const engine = path.dirname(engineFile);
  const lib = (name: string) => require(path.join(engine, name)) as Record<string, unknown>;
  const generate = (
    require(require.resolve("@babel/generator", { paths: [engine] })) as { default: (ast: unknown) => { code: string } }
  ).default;
  const transform = lib("transformer").default as (ast: unknown) => unknown;
  const [aggregates, builtins, helpers] = [lib("aggregate-functions"), lib("builtin-functions"), lib("helpers")];
  // The engine calls it through its module (exports.stripUndefined), so replacing it there reaches every caller.
  helpers.stripUndefined = stripUndefined;
  const makeQuery = (require(engineFile) as { default: (sql: string) => QueryInstance }).default;
  const proto = Object.getPrototypeOf(makeQuery("SELECT * FROM c")) as object;

  Object.defineProperty(proto, "code", {
    configurable: true,
    get(this: QueryInstance) {
      if (!this._code) {
        const tree = transform(this.ast);
        linearise(tree);
        this._code = generate(tree).code;
      }
      return this._code;
    },
  });
  Object.defineProperty(proto, "exec", {
    configurable: true,
    writable: true,
    value(this: QueryInstance & { code: string }, collection: unknown[], options: ExecOptions = {}) {
      // Same arguments as the engine's own executor; the compiled function is kept rather than made again.
      this._compiled ??= new Function(`"use strict";return (${this.code})`)() as Compiled;
      const params: Record<string, unknown> = {};
      for (const { name, value } of options.parameters ?? []) params[name.slice(1)] = value;
      return this._compiled(
        aggregates,
        builtins,
        collection,
        helpers,
        options.udf ?? {},
        params,
        options.maxItemCount,
        options.continuation,
        options.compositeIndexes,
      );
    },
  });
}
