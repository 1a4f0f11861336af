/* eslint-disable @typescript-eslint/no-require-imports -- the server's internal modules have no type declarations */
import type { IncomingMessage } from "node:http";
import { installLinearQueries } from "./embedded-query";
import { inProcessBody } from "./embedded-transport";

/**
 * Reaches into @vercel/cosmosdb-server 1.0.1 (pinned in package.json): it keeps every database, container
 * and document in `Items` objects (a Map of `_rid` → item plus an id index) and answers queries by copying
 * every document of a container. We patch its classes here, once per process, never its files:
 * - every create/replace/delete of a database, container or document reports its effect (the resulting
 *   resource with `_etag`, `_ts`, `_rid`, or the deleted id) to the journal of the server that owns it;
 * - documents are also indexed by partition key value, and a query the SDK scoped to one partition (the
 *   x-ms-documentdb-partitionkey header) only looks at that partition's documents;
 * - replay writes resources back with `_set`, so ETags and resource ids survive a restart;
 * - likewise by `schoolId` and `state`: a query whose WHERE requires one school (or the outbox's pending items) reads
 *   only those documents, and one whose WHERE requires `ARRAY_CONTAINS(@list, c.<partition key>)` only those partitions;
 * - a query-plan request (sent by the SDK beside each query) reads no documents;
 * - its query engine runs in linear time (embedded-query.ts).
 * A version bump of the server must re-check these shapes (test/store covers them).
 */

export type Resource = Record<string, unknown> & { id: string; _rid: string };

interface ServerItem {
  read(): Resource | undefined;
}

interface ServerItems {
  _parent: ServerItem;
  _data: Map<string, ServerItem>;
  _ridCount: number;
  create(data: Resource): Resource;
  replace(data: Resource, original: Resource): Resource;
  delete(idOrRid: string, partition: unknown): unknown;
  query(params: object, options: object): unknown;
  _set(data: Resource): Resource;
  _item(keyPath: string, value: unknown, partition: unknown): ServerItem;
  _getPartition(data: object): unknown;
  _getPartitionKeyPath(): string[];
}

interface ServerDatabase extends ServerItem {
  collections: ServerItems;
}

interface ServerCollection extends ServerItem {
  documents: ServerItems;
}

export interface ServerAccount {
  databases: ServerItems;
}

/** An effect as the journal and snapshots keep it; `p` names the owner: "" for the account, else its parent's `_rid`. */
export type StateRecord =
  { o: "set"; p: string; d: Resource; n: number } | { o: "del"; p: string; id: string; k: unknown };

export interface StoreState {
  account: ServerAccount;
  /** "" → the account's databases, a database `_rid` → its containers, a container `_rid` → its documents. */
  owners: Map<string, ServerItems>;
  /** Receives the effect of each write; unset while replaying. */
  record?: (record: StateRecord) => void;
}

// never[]: each patched method has its own parameters; the wrappers pass them through untouched.
type Method = (this: ServerItems, ...args: never[]) => unknown;
type Prototype = Record<string, Method>;
const load = (name: string) => require(`@vercel/cosmosdb-server/lib/${name}`) as { default: unknown };
const prototypeOf = (name: string) => (load(name).default as { prototype: Prototype }).prototype;

const owned = new WeakMap<ServerItems, { state: StoreState; owner: string }>();
const partitionIndexes = new WeakMap<ServerItems, Map<unknown, Map<string, ServerItem>>>();
/** The fields a query may be narrowed by (narrowingOf): a school's documents, and the outbox's pending items. */
const indexedFields = ["schoolId", "state"] as const;
type IndexedField = (typeof indexedFields)[number];
/** Documents by the value of each indexed field; each document's value kept to move it when it changes. */
type FieldIndex = { byValue: Map<unknown, Map<string, ServerItem>>; of: Map<string, unknown> };
const fieldIndexes = new WeakMap<ServerItems, Record<IndexedField, FieldIndex>>();
const queryPartition = Symbol("naervaer.queryPartition");
/** In place of a partition: the request asks for a query plan, which the server has none of (see queryPartitionOf). */
const queryPlanOnly = Symbol("naervaer.queryPlanOnly");
let createdAccount: ServerAccount | undefined;
let depth = 0;
let installed = false;

function adopt(items: ServerItems, state: StoreState, owner: string): void {
  owned.set(items, { state, owner });
  state.owners.set(owner, items);
}

/** Runs a server write and hands its effect to the owning store's journal, only for the outermost call (upsert calls replace, replace calls delete). */
function reportEffect(
  proto: Prototype,
  name: string,
  effect: (items: ServerItems, owner: string, args: unknown[], result: unknown) => StateRecord,
) {
  const original = proto[name]!;
  proto[name] = function (this: ServerItems, ...args: unknown[]) {
    depth += 1;
    let result: unknown;
    try {
      result = original.apply(this, args as never[]);
    } finally {
      depth -= 1;
    }
    if (depth === 0) {
      const owner = owned.get(this);
      owner?.state.record?.(effect(this, owner.owner, args, result));
    }
    return result;
  };
}

const setEffect = (items: ServerItems, owner: string, _args: unknown[], result: unknown): StateRecord => ({
  o: "set",
  p: owner,
  d: result as Resource,
  n: items._ridCount,
});
const deleteEffect = (_items: ServerItems, owner: string, args: unknown[]): StateRecord => ({
  o: "del",
  p: owner,
  id: args[0] as string,
  k: args[1],
});

function partitionBucket(items: ServerItems, key: unknown): Map<string, ServerItem> {
  let index = partitionIndexes.get(items);
  if (!index) partitionIndexes.set(items, (index = new Map()));
  let bucket = index.get(key);
  if (!bucket) index.set(key, (bucket = new Map()));
  return bucket;
}

function fieldIndexesOf(items: ServerItems): Record<IndexedField, FieldIndex> {
  let indexes = fieldIndexes.get(items);
  if (!indexes) {
    indexes = {} as Record<IndexedField, FieldIndex>;
    for (const field of indexedFields) indexes[field] = { byValue: new Map(), of: new Map() };
    fieldIndexes.set(items, indexes);
  }
  return indexes;
}

function dropFromIndex(index: FieldIndex, rid: string): void {
  if (!index.of.has(rid)) return;
  const value = index.of.get(rid);
  index.of.delete(rid);
  const bucket = index.byValue.get(value);
  bucket?.delete(rid);
  if (bucket?.size === 0) index.byValue.delete(value);
}

function unindexFields(items: ServerItems, rid: string): void {
  const indexes = fieldIndexes.get(items);
  if (indexes) for (const field of indexedFields) dropFromIndex(indexes[field], rid);
}

function indexFields(items: ServerItems, doc: Resource): void {
  const indexes = fieldIndexesOf(items);
  const item = items._data.get(doc._rid)!;
  for (const field of indexedFields) {
    const index = indexes[field];
    const value = doc[field];
    // A replacement with the same value keeps its place, as it does in the container.
    if (index.of.has(doc._rid) && index.of.get(doc._rid) === value) {
      index.byValue.get(value)!.set(doc._rid, item);
      continue;
    }
    dropFromIndex(index, doc._rid);
    if (typeof value !== "string") continue;
    let bucket = index.byValue.get(value);
    if (!bucket) index.byValue.set(value, (bucket = new Map()));
    bucket.set(doc._rid, item);
    index.of.set(doc._rid, value);
  }
}

type Narrowing = { field: IndexedField; value: string } | { partitions: unknown[] };

// `c.f IN ('a', 'b')` and `ARRAY_CONTAINS(@p, c.f)` are the only parenthesised conditions a narrowed WHERE may hold.
const inLiterals = /\bc\.\w+\s+IN\s*\(\s*'[^'\\]*'(?:\s*,\s*'[^'\\]*')*\s*\)/gi;
const arrayContains = /^\s*ARRAY_CONTAINS\s*\(\s*(@\w+)\s*,\s*c\.(\w+)\s*\)\s*$/i;

/**
 * What a query requires, when its whole WHERE is a chain of ANDs and one of them is `c.<field> = @param` or
 * `c.<field> = 'literal'` for an indexed field (a school's pupils, registrations, statuses; the outbox's pending
 * items), or `ARRAY_CONTAINS(@param, c.<partition key>)` (a teacher's pupils in «saker»): only documents with that
 * value, or in those partitions, can match, so only they are read. Anything else (OR, NOT, a conditional, a
 * subquery, other parentheses) reads the whole container, as before.
 */
function narrowingOf(
  params: { query?: unknown; parameters?: unknown },
  partitionField: string | undefined,
): Narrowing | undefined {
  if (typeof params.query !== "string") return undefined;
  const match = /^\s*SELECT\s[\s\S]*?\sFROM\s+c\s+WHERE\s+([\s\S]*?)\s*(?:ORDER\s+BY\s[\s\S]*)?$/i.exec(params.query);
  const where = match?.[1];
  if (!where) return undefined;
  const conditions = where.split(/\bAND\b/i);
  const plain = conditions
    .filter((c) => !arrayContains.test(c))
    .join(" AND ")
    .replace(inLiterals, "");
  if (/\b(OR|NOT|EXISTS|SELECT|JOIN)\b|[()?]/i.test(plain)) return undefined;
  const parameter = (name: string) =>
    (params.parameters as { name?: unknown; value?: unknown }[] | undefined)?.find((p) => p.name === name)?.value;
  const found: { field: IndexedField; value: string }[] = [];
  for (const condition of conditions) {
    const contains = arrayContains.exec(condition);
    if (contains && contains[2] === partitionField) {
      const values = parameter(contains[1]!);
      if (Array.isArray(values)) return { partitions: values };
    }
    const parts = /^\s*c\.(\w+)\s*=\s*(?:(@\w+)|'([^'\\]*)')\s*$/.exec(condition);
    const field = indexedFields.find((f) => f === parts?.[1]);
    if (!parts || !field) continue;
    const value = parts[2] ? parameter(parts[2]) : parts[3];
    if (typeof value === "string") found.push({ field, value });
  }
  // A school narrows more than a state does.
  return found.find((f) => f.field === "schoolId") ?? found[0];
}

/** The container's partition key when it is one top-level field (as every container of Nærvær's is). */
function partitionFieldOf(items: ServerItems): string | undefined {
  const path = items._getPartitionKeyPath();
  return path.length === 1 ? path[0] : undefined;
}

/** The documents of the given partitions, partition by partition, each in the order written. */
function documentsOf(items: ServerItems, partitions: unknown[]): Map<string, ServerItem> {
  const index = partitionIndexes.get(items);
  const documents = new Map<string, ServerItem>();
  for (const key of new Set(partitions)) for (const [rid, item] of index?.get(key) ?? []) documents.set(rid, item);
  return documents;
}

function patchDocuments(proto: Prototype): void {
  const set = proto._set!;
  proto._set = function (this: ServerItems, data: Resource) {
    const result = set.call(this, data as never) as Resource;
    partitionBucket(this, this._getPartition(result)).set(result._rid, this._data.get(result._rid)!);
    indexFields(this, result);
    return result;
  };
  const remove = proto.delete!;
  proto.delete = function (this: ServerItems, idOrRid: string, partition: unknown) {
    const existing = this._item("/id", idOrRid, partition).read();
    const result = remove.call(this, idOrRid as never, partition as never);
    if (existing) {
      const key = this._getPartition(existing);
      const bucket = partitionIndexes.get(this)?.get(key);
      bucket?.delete(existing._rid);
      if (bucket?.size === 0) partitionIndexes.get(this)!.delete(key);
      unindexFields(this, existing._rid);
    }
    return result;
  };
  const query = proto.query!;
  proto.query = function (this: ServerItems, params: Record<symbol, unknown>, options: object) {
    const partition = params?.[queryPartition];
    const narrowed = partition === undefined && params ? narrowingOf(params, partitionFieldOf(this)) : undefined;
    if (partition === undefined && narrowed === undefined) return query.call(this, params as never, options as never);
    const everything = this._data;
    // The server's query reads this._data; for the query's duration it sees one partition, or the documents with the
    // value the query requires (in the order they were written, as before).
    this._data =
      partition === queryPlanOnly
        ? new Map()
        : partition !== undefined
          ? (partitionIndexes.get(this)?.get(partition) ?? new Map())
          : "partitions" in narrowed!
            ? documentsOf(this, narrowed.partitions)
            : (fieldIndexes.get(this)?.[narrowed!.field].byValue.get(narrowed!.value) ?? new Map());
    try {
      return query.call(this, params as never, options as never);
    } finally {
      this._data = everything;
    }
  };
}

/**
 * The partition a query request is scoped to: the first value of its partition key header, when it is a plain value.
 * The SDK asks for a query plan beside every query and uses it only when the query itself is refused as needing one,
 * which this server never does; it ran the whole query over the whole container for it. It now answers it with no
 * documents, the same shape as before.
 */
function queryPartitionOf(req: IncomingMessage): unknown {
  const plan = req.headers["x-ms-cosmos-is-query-plan-request"];
  if (plan === "True" || plan === "true") return queryPlanOnly;
  const isQuery = req.headers["x-ms-documentdb-isquery"];
  const header = req.headers["x-ms-documentdb-partitionkey"];
  if (typeof header !== "string" || (isQuery !== "True" && isQuery !== "true")) return undefined;
  try {
    const parsed: unknown = JSON.parse(header);
    const first = Array.isArray(parsed) ? (parsed as unknown[])[0] : parsed;
    return ["string", "number", "boolean"].includes(typeof first) ? first : undefined;
  } catch {
    return undefined;
  }
}

function rememberAccount(account: ServerAccount): void {
  createdAccount = account;
}

/** Installs the patches described at the top of this file; idempotent. */
export function installServerPatches(): void {
  if (installed) return;
  installed = true;
  installLinearQueries();
  const accountModule = load("account");
  const Account = accountModule.default as new (host: string, port: number) => ServerAccount;
  // The server builds its account when it starts listening; capturing it lets us replay into it.
  accountModule.default = class extends Account {
    constructor(host: string, port: number) {
      super(host, port);
      rememberAccount(this);
    }
  };
  const jsonModule = load("json");
  const readJson = jsonModule.default as (req: IncomingMessage) => Promise<unknown>;
  // The query handler passes the parsed body to Items.query; the body carries the request's partition.
  jsonModule.default = async (req: IncomingMessage) => {
    const handedOver = (req as { [inProcessBody]?: string })[inProcessBody];
    const body = handedOver === undefined ? await readJson(req) : (JSON.parse(handedOver) as unknown);
    const partition = queryPartitionOf(req);
    if (partition !== undefined && body && typeof body === "object")
      Object.defineProperty(body, queryPartition, { value: partition });
    return body;
  };

  const databases = prototypeOf("account/databases");
  const collections = prototypeOf("account/collections");
  const documents = prototypeOf("account/documents");
  patchDocuments(documents);
  const adoptChildren = (proto: Prototype, children: (item: ServerItem) => ServerItems) => {
    const set = proto._set!;
    proto._set = function (this: ServerItems, data: Resource) {
      const result = set.call(this, data as never) as Resource;
      const owner = owned.get(this);
      if (owner) adopt(children(this._data.get(result._rid)!), owner.state, result._rid);
      return result;
    };
  };
  adoptChildren(databases, (item) => (item as ServerDatabase).collections);
  adoptChildren(collections, (item) => (item as ServerCollection).documents);
  for (const proto of [databases, collections, documents]) {
    reportEffect(proto, "create", setEffect);
    reportEffect(proto, "replace", setEffect);
    reportEffect(proto, "delete", deleteEffect);
  }
}

/** The account the server created when it last started listening. */
export function takeCreatedAccount(): ServerAccount {
  const account = createdAccount;
  createdAccount = undefined;
  if (!account) throw new Error("the embedded Cosmos server did not create its account");
  return account;
}

export function createStoreState(account: ServerAccount): StoreState {
  const state: StoreState = { account, owners: new Map() };
  adopt(account.databases, state, "");
  return state;
}

/** Applies one journal or snapshot record to the server's state, keeping the resource exactly as recorded. */
export function applyRecord(state: StoreState, record: StateRecord): void {
  const items = state.owners.get(record.p);
  if (!items)
    throw new Error(`a record refers to a database or container (${record.p || "account"}) that does not exist`);
  if (record.o === "del") {
    if (items._item("/id", record.id, record.k).read()) items.delete(record.id, record.k);
    return;
  }
  const partition = items._getPartition(record.d);
  const existing = items._item("/id", record.d.id, partition).read();
  if (existing) items.delete(existing.id, partition);
  items._set(record.d);
  if (record.n > items._ridCount) items._ridCount = record.n;
}

/** Every database, container and document as `set` records, parents first: a point-in-time copy (resources are never mutated in place). */
export function captureRecords(state: StoreState): StateRecord[] {
  const records: StateRecord[] = [];
  const { databases } = state.account;
  for (const databaseItem of databases._data.values()) {
    const database = databaseItem.read()!;
    records.push({ o: "set", p: "", d: database, n: databases._ridCount });
    const { collections } = databaseItem as ServerDatabase;
    for (const collectionItem of collections._data.values()) {
      const collection = collectionItem.read()!;
      records.push({ o: "set", p: database._rid, d: collection, n: collections._ridCount });
      const { documents } = collectionItem as ServerCollection;
      for (const document of documents._data.values())
        records.push({ o: "set", p: collection._rid, d: document.read()!, n: documents._ridCount });
    }
  }
  return records;
}

/** Creates documents that carry no server fields yet (the legacy snapshot's), outside the journal. */
export function importDocuments(state: StoreState, databaseId: string, containerId: string, docs: Resource[]): void {
  const database = [...state.account.databases._data.values()].find((item) => item.read()?.id === databaseId);
  const collection = database
    ? [...(database as ServerDatabase).collections._data.values()].find((item) => item.read()?.id === containerId)
    : undefined;
  if (!collection) throw new Error(`container ${containerId} does not exist in database ${databaseId}`);
  const { documents } = collection as ServerCollection;
  for (const doc of docs) {
    const existing = documents._item("/id", doc.id, documents._getPartition(doc)).read();
    if (existing) documents.replace(doc, existing);
    else documents.create(doc);
  }
}

export function countDocuments(state: StoreState): number {
  let count = 0;
  for (const database of state.account.databases._data.values())
    for (const collection of (database as ServerDatabase).collections._data.values())
      count += (collection as ServerCollection).documents._data.size;
  return count;
}
