import { promises as fs } from "node:fs";
import path from "node:path";
import { errorCatalog } from "../errors";
import type { Logger } from "../logger";
import {
  createJournalWriter,
  decodeRecords,
  StoreFileCorruptError,
  syncDirectory,
  type JournalWriter,
  type SyncFile,
} from "./journal";
import {
  applyRecord,
  captureRecords,
  countDocuments,
  importDocuments,
  type Resource,
  type StateRecord,
  type StoreState,
} from "./embedded-state";
import { readLegacySnapshot, readSnapshot, writeSnapshot } from "./snapshot";

/** The files of one embedded store in its data directory. */
export function storeFiles(dataDir: string, name: string) {
  const dir = path.resolve(dataDir);
  return {
    dir,
    snapshot: path.join(dir, `${name}.snapshot`),
    legacy: path.join(dir, `${name}.cosmos.json`),
    segment: (n: number) => path.join(dir, `${name}.journal.${String(n).padStart(6, "0")}`),
    segmentPattern: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.journal\\.(\\d{6,})$`),
  };
}

export type StoreFiles = ReturnType<typeof storeFiles>;

export interface PersistenceOptions {
  dataDir: string;
  /** Names the files: `<name>.snapshot`, `<name>.journal.NNNNNN`, and the legacy `<name>.cosmos.json`. */
  name: string;
  logger: Logger;
  /** Replaces fsync (tests inject failures). */
  sync?: SyncFile;
  /** Compact once the journal holds this many bytes, or the last snapshot's size if larger. */
  compactAfterBytes?: number;
}

export interface Persistence {
  writer: JournalWriter;
  /** Imports a legacy `<name>.cosmos.json` found at start (after the containers exist), then compacts. */
  migrateLegacy(databaseName: string): Promise<void>;
  /** Writes a snapshot of the whole state and drops the journal segments it covers; requests go on meanwhile. */
  compact(): Promise<void>;
  close(): Promise<void>;
}

async function segmentsOnDisk(files: StoreFiles): Promise<number[]> {
  const names = await fs.readdir(files.dir);
  return names
    .map((n) => files.segmentPattern.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

async function replaySegments(
  state: StoreState,
  files: StoreFiles,
  first: number,
  logger: Logger,
): Promise<{ segment: number; position: number }> {
  const numbers = await segmentsOnDisk(files);
  for (const old of numbers.filter((n) => n < first)) await fs.rm(files.segment(old), { force: true });
  const live = numbers.filter((n) => n >= first);
  if (live.length > 0 && live[0] !== first)
    throw new Error(errorCatalog.storeJournalMissing(files.segment(first), files.segment(live[0]!)));
  let position = 0;
  for (const [i, n] of live.entries()) {
    const file = files.segment(n);
    if (i > 0 && live[i - 1] !== n - 1) throw new Error(errorCatalog.storeJournalMissing(files.segment(n - 1), file));
    const decoded = decodeStoreFile(await fs.readFile(file), file);
    if (decoded.tornTail) {
      const isLast = i === live.length - 1;
      if (!isLast)
        throw new Error(errorCatalog.storeFileDamaged(file, decoded.tornTail.offset, decoded.tornTail.problem));
      logger.warn(
        {
          event: "embedded_cosmos_torn_tail",
          file,
          offset: decoded.tornTail.offset,
          problem: decoded.tornTail.problem,
        },
        "cut an incomplete last journal record (a write that was never acknowledged)",
      );
    }
    for (const record of decoded.records) applyRecord(state, record as StateRecord);
    position = decoded.intactBytes;
  }
  return { segment: live.at(-1) ?? first, position };
}

function decodeStoreFile(buffer: Buffer, file: string) {
  try {
    return decodeRecords(buffer, file);
  } catch (error) {
    if (error instanceof StoreFileCorruptError)
      throw new Error(errorCatalog.storeFileDamaged(error.file, error.offset, error.problem));
    throw error;
  }
}

/**
 * Restores the embedded server's state from the data directory (snapshot, then the journal segments after it)
 * and journals every later write. Refuses to start, naming the file, whenever that could lose acknowledged data.
 */
export async function openPersistence(state: StoreState, options: PersistenceOptions): Promise<Persistence> {
  const { logger } = options;
  const files = storeFiles(options.dataDir, options.name);
  await fs.mkdir(files.dir, { recursive: true });
  const started = Date.now();
  const cpuAtStart = process.cpuUsage();
  await fs.rm(`${files.snapshot}.tmp`, { force: true });

  const snapshot = await readSnapshot(files.snapshot);
  let firstSegment = 1;
  if (snapshot) {
    for (const record of snapshot.records) applyRecord(state, record);
    firstSegment = snapshot.segment;
  }
  let legacy: Record<string, Resource[]> | undefined;
  const legacyPresent = await fs.stat(files.legacy).then(
    () => true,
    () => false,
  );
  if (legacyPresent && snapshot) {
    await fs.rename(files.legacy, `${files.legacy}.migrated`);
  } else if (legacyPresent) {
    legacy = await readLegacySnapshot(files.legacy);
  }
  const tail = await replaySegments(state, files, firstSegment, logger);
  let segment = tail.segment;
  logger.info(
    {
      event: "embedded_cosmos_restored",
      documents: countDocuments(state),
      ms: Date.now() - started,
      cpuMs: Math.round(cpuMs(process.cpuUsage(cpuAtStart))),
    },
    "restored embedded database from disk",
  );

  let snapshotBytes = snapshot?.bytes ?? 0;
  const compactAfter = options.compactAfterBytes ?? 32 * 1024 * 1024;
  let compacting: Promise<void> | undefined;
  let nextCompactionAt = 0;
  let closed = false;

  const writer = createJournalWriter({
    file: files.segment(segment),
    position: tail.position,
    sync: options.sync,
    onFailure: (error) =>
      logger.error(
        { event: "embedded_cosmos_not_durable", err: error.message },
        errorCatalog.storeNotDurable(error.message),
      ),
    onRecovered: () => logger.warn({ event: "embedded_cosmos_durable_again" }, "journal writes succeed again"),
    onFlushed: () => {
      const due = writer.segmentBytes() > Math.max(compactAfter, snapshotBytes) && Date.now() >= nextCompactionAt;
      if (due && !compacting && !closed) void compact();
    },
  });
  state.record = (record) => writer.append(record);

  const runCompaction = async () => {
    const started = Date.now();
    // Capture and rotation happen in one synchronous step: the snapshot holds exactly the older segments' effects.
    const records = captureRecords(state);
    segment += 1;
    writer.rotate(files.segment(segment));
    // The segment the snapshot names must exist even before a write reaches it, or a start would see a gap.
    await fs.appendFile(files.segment(segment), "", { mode: 0o600 });
    await syncDirectory(files.dir);
    snapshotBytes = await writeSnapshot(files.snapshot, records, segment);
    for (const old of await segmentsOnDisk(files)) if (old < segment) await fs.rm(files.segment(old), { force: true });
    logger.info(
      { event: "embedded_cosmos_compacted", records: records.length, bytes: snapshotBytes, ms: Date.now() - started },
      "compacted the embedded database journal into a snapshot",
    );
  };
  function compact(): Promise<void> {
    compacting ??= runCompaction()
      .catch((error: Error) => {
        nextCompactionAt = Date.now() + 30_000;
        logger.error({ event: "embedded_cosmos_compaction_failed", err: error.message });
      })
      .finally(() => (compacting = undefined));
    return compacting;
  }

  return {
    writer,
    async migrateLegacy(databaseName) {
      if (!legacy) return;
      const record = state.record;
      state.record = undefined;
      try {
        for (const [container, docs] of Object.entries(legacy)) importDocuments(state, databaseName, container, docs);
      } finally {
        state.record = record;
      }
      await compact();
      if (!(await fs.stat(files.snapshot).catch(() => undefined)))
        throw new Error(errorCatalog.snapshotUnreadable(files.legacy, "its migration could not be written"));
      await fs.rename(files.legacy, `${files.legacy}.migrated`);
      logger.info({ event: "embedded_cosmos_migrated", file: files.legacy }, "migrated the old snapshot format");
      legacy = undefined;
    },
    compact,
    async close() {
      closed = true;
      await compacting;
      state.record = undefined;
      await writer.close();
    },
  };
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
