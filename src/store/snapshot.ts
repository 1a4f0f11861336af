import { promises as fs, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { errorCatalog } from "../errors";
import { containerNames } from "./containers";
import type { Resource, StateRecord } from "./embedded-state";
import { decodeRecords, encodeRecord, StoreFileCorruptError, syncDirectory } from "./journal";

/**
 * A snapshot is a file in the journal's framing: a header naming the first journal segment it does not hold,
 * one `set` record per database, container and document (parents first), and an end record with the count.
 * It is written to a temporary file, fsynced and renamed, so it is whole or absent; anything else is damage.
 */
interface SnapshotHeader {
  o: "snapshot";
  v: 1;
  segment: number;
  savedAt: string;
}

export interface Snapshot {
  records: StateRecord[];
  /** The first journal segment whose records come after this snapshot. */
  segment: number;
  bytes: number;
}

function parseSnapshot(buffer: Buffer, file: string): Snapshot {
  let decoded;
  try {
    decoded = decodeRecords(buffer, file);
  } catch (error) {
    if (error instanceof StoreFileCorruptError)
      throw new Error(errorCatalog.storeSnapshotDamaged(file, `${error.problem} at byte ${error.offset}`));
    throw error;
  }
  const damaged = (problem: string) => new Error(errorCatalog.storeSnapshotDamaged(file, problem));
  if (decoded.tornTail) throw damaged(`${decoded.tornTail.problem} at byte ${decoded.tornTail.offset}`);
  const header = decoded.records[0] as Partial<SnapshotHeader> | undefined;
  const end = decoded.records.at(-1);
  if (header?.o !== "snapshot" || header.v !== 1 || !Number.isSafeInteger(header.segment))
    throw damaged("it does not start with a snapshot header");
  const records = decoded.records.slice(1, -1) as unknown as StateRecord[];
  if (decoded.records.length < 2 || end?.o !== "end" || end.records !== records.length)
    throw damaged("it does not end with its record count");
  return { records, segment: header.segment!, bytes: buffer.length };
}

/** Reads the snapshot; undefined when there is none yet. */
export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(errorCatalog.storeSnapshotDamaged(file, (error as Error).message));
  }
  return parseSnapshot(buffer, file);
}

const recordsPerChunk = 2000;

/** Writes a snapshot in chunks, yielding to requests between them; answers its size in bytes. */
export async function writeSnapshot(file: string, records: readonly StateRecord[], segment: number): Promise<number> {
  const temporary = `${file}.tmp`;
  const handle = await fs.open(temporary, "w", 0o600);
  let bytes = 0;
  const write = async (buffer: Buffer) => {
    await handle.write(buffer);
    bytes += buffer.length;
  };
  try {
    const header: SnapshotHeader = { o: "snapshot", v: 1, segment, savedAt: new Date().toISOString() };
    await write(encodeRecord(header));
    for (let i = 0; i < records.length; i += recordsPerChunk)
      await write(Buffer.concat(records.slice(i, i + recordsPerChunk).map((r) => encodeRecord(r))));
    await write(encodeRecord({ o: "end", records: records.length }));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, file);
  await syncDirectory(path.dirname(file));
  return bytes;
}

/**
 * Reads the format before the journal (`<db>.cosmos.json`: `{ version, savedAt, containers: { name: docs } }`)
 * in full, or refuses: an empty object, a null or missing container list or a missing container is damage.
 */
export async function readLegacySnapshot(file: string): Promise<Record<string, Resource[]>> {
  const refuse = (cause: string) => new Error(errorCatalog.snapshotUnreadable(file, cause));
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, "utf8"));
  } catch (error) {
    throw refuse((error as Error).message);
  }
  const containers = (parsed as { containers?: unknown } | null)?.containers;
  if (!containers || typeof containers !== "object" || Array.isArray(containers))
    throw refuse("it has no list of containers");
  const result: Record<string, Resource[]> = {};
  for (const name of containerNames) {
    const docs = (containers as Record<string, unknown>)[name];
    if (!Array.isArray(docs)) throw refuse(`container ${name} is missing`);
    if (!docs.every((d) => d && typeof d === "object" && typeof (d as { id?: unknown }).id === "string"))
      throw refuse(`container ${name} holds a document without an id`);
    result[name] = docs as Resource[];
  }
  return result;
}

/**
 * The documents on disk by container id, read without starting a server (tests and tools look at what a
 * crash would leave). Torn tails are ignored as recovery would cut them.
 */
export function readStoredDocuments(dataDir: string, name: string): Record<string, Resource[]> {
  const dir = path.resolve(dataDir);
  const records: StateRecord[] = [];
  let first = 1;
  try {
    const snapshot = parseSnapshot(readFileSync(path.join(dir, `${name}.snapshot`)), `${name}.snapshot`);
    records.push(...snapshot.records);
    first = snapshot.segment;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const segments = readdirSync(dir)
    .filter((f) => f.startsWith(`${name}.journal.`))
    .filter((f) => Number(f.slice(name.length + 9)) >= first)
    .sort();
  for (const file of segments)
    records.push(...(decodeRecords(readFileSync(path.join(dir, file)), file).records as unknown as StateRecord[]));

  const containers = new Map<string, { id: string; path: string[]; docs: Map<string, Resource> }>();
  const databases = new Set<string>();
  const key = (partition: unknown, id: string) => JSON.stringify([partition ?? null, id]);
  for (const record of records) {
    if (record.p === "") {
      if (record.o === "set") databases.add(record.d._rid);
    } else if (databases.has(record.p)) {
      const partitionPath =
        (record.o === "set" && (record.d.partitionKey as { paths?: string[] })?.paths?.[0]) || "/id";
      if (record.o === "set")
        containers.set(record.d._rid, { id: record.d.id, path: partitionPath.slice(1).split("/"), docs: new Map() });
    } else {
      const container = containers.get(record.p);
      if (!container) continue;
      if (record.o === "del") container.docs.delete(key(record.k, record.id));
      else {
        const partition = container.path.reduce<unknown>(
          (value, field) => (value as Record<string, unknown> | undefined)?.[field],
          record.d,
        );
        container.docs.set(key(partition, record.d.id), record.d);
      }
    }
  }
  const result: Record<string, Resource[]> = {};
  for (const container of containers.values()) result[container.id] = [...container.docs.values()];
  return result;
}
