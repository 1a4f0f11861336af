import { promises as fs, constants as fsConstants } from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";

/**
 * The framing shared by the embedded store's journal segments and snapshots: one record a line,
 * `<byte length of the JSON> <CRC-32 of the JSON, 8 hex digits> <JSON>\n`. JSON never holds a raw newline,
 * so a reader can find the next record after a damaged one and tell a torn tail from damage in the middle.
 */
export function encodeRecord(record: object): Buffer {
  const json = Buffer.from(JSON.stringify(record), "utf8");
  const head = Buffer.from(`${json.length} ${crc32(json).toString(16).padStart(8, "0")} `, "latin1");
  return Buffer.concat([head, json, newline]);
}

const newline = Buffer.from("\n", "latin1");
const space = 0x20;
const maxHeadLength = 24;

type Decoded = { record: Record<string, unknown>; end: number } | { problem: string };

function decodeAt(buffer: Buffer, offset: number): Decoded {
  const firstSpace = buffer.indexOf(space, offset);
  if (firstSpace < 0 || firstSpace - offset > 12) return { problem: "incomplete record header" };
  const length = Number(buffer.toString("latin1", offset, firstSpace));
  if (!Number.isSafeInteger(length) || length <= 0 || firstSpace === offset)
    return { problem: "unreadable record length" };
  const checksumEnd = firstSpace + 9;
  if (checksumEnd >= buffer.length) return { problem: "incomplete record header" };
  if (buffer[checksumEnd] !== space || checksumEnd - offset > maxHeadLength)
    return { problem: "unreadable record header" };
  const checksum = Number.parseInt(buffer.toString("latin1", firstSpace + 1, checksumEnd), 16);
  const start = checksumEnd + 1;
  const end = start + length;
  if (end + 1 > buffer.length) return { problem: "incomplete record (the file ends inside it)" };
  if (buffer[end] !== 0x0a) return { problem: "record length does not match its content" };
  const json = buffer.subarray(start, end);
  if (crc32(json) !== checksum) return { problem: "checksum mismatch" };
  try {
    return { record: JSON.parse(json.toString("utf8")) as Record<string, unknown>, end: end + 1 };
  } catch (error) {
    return { problem: `unparsable record (${(error as Error).message})` };
  }
}

/** Whether any intact record starts after `offset`: what separates damage in the middle from a torn tail. */
function intactRecordAfter(buffer: Buffer, offset: number): boolean {
  for (let at = buffer.indexOf(0x0a, offset); at >= 0 && at + 1 < buffer.length; at = buffer.indexOf(0x0a, at + 1)) {
    if ("record" in decodeAt(buffer, at + 1)) return true;
  }
  return false;
}

export class StoreFileCorruptError extends Error {
  override readonly name = "StoreFileCorruptError";
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly problem: string,
  ) {
    super(`${file} is damaged at byte ${offset}: ${problem}`);
  }
}

export interface DecodedFile {
  records: Record<string, unknown>[];
  /** Bytes up to the end of the last intact record. */
  intactBytes: number;
  /** Set when the file ends in an incomplete or damaged record with nothing intact after it. */
  tornTail?: { offset: number; problem: string };
}

/** Decodes every record; damage followed by an intact record throws StoreFileCorruptError, damage at the end is a torn tail. */
export function decodeRecords(buffer: Buffer, file: string): DecodedFile {
  const records: Record<string, unknown>[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const decoded = decodeAt(buffer, offset);
    if ("problem" in decoded) {
      if (intactRecordAfter(buffer, offset)) throw new StoreFileCorruptError(file, offset, decoded.problem);
      return { records, intactBytes: offset, tornTail: { offset, problem: decoded.problem } };
    }
    records.push(decoded.record);
    offset = decoded.end;
  }
  return { records, intactBytes: offset };
}

/** Makes a new or renamed directory entry durable (Linux needs an fsync of the directory itself). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export type SyncFile = (handle: fs.FileHandle) => Promise<void>;

export const syncData: SyncFile = (handle) => handle.datasync();

interface Segment {
  file: string;
  position: number;
  handle?: fs.FileHandle;
}

interface Pending {
  segment: Segment;
  bytes: Buffer;
  seq: number;
}

export interface JournalWriter {
  /** Queues a record for the current segment and answers its sequence number. */
  append(record: object): number;
  lastSeq(): number;
  durableSeq(): number;
  /** Resolves once every record up to `seq` is on disk; rejects while the journal cannot be written. */
  whenDurable(seq: number): Promise<void>;
  /** Why the last write or fsync failed, until a later one succeeds. */
  failure(): Error | undefined;
  /** Bytes in the current segment, written or queued. */
  segmentBytes(): number;
  /** Sends later appends to a new segment file; earlier ones still go to the old one. */
  rotate(file: string): void;
  close(): Promise<void>;
}

export interface JournalWriterOptions {
  file: string;
  /** Where to continue in `file` (its intact length after recovery). */
  position: number;
  sync?: SyncFile;
  retryMs?: number;
  onFailure(error: Error): void;
  onRecovered(): void;
  onFlushed(): void;
}

/** Opens a segment at its first write (cut to where its intact records end) and closes the segments before it. */
async function openSegment(segment: Segment, opened: Segment[]): Promise<fs.FileHandle> {
  if (!segment.handle) {
    const handle = await fs.open(segment.file, fsConstants.O_RDWR | fsConstants.O_CREAT, 0o600);
    await handle.truncate(segment.position);
    await syncDirectory(path.dirname(segment.file));
    segment.handle = handle;
    opened.push(segment);
  }
  while (opened.length > 0 && opened[0] !== segment) await opened.shift()!.handle!.close();
  return segment.handle;
}

/**
 * Group commit: the records appended during one turn of the event loop (and while the previous fsync ran)
 * are written with one positional write and made durable with one fsync. A failed batch stays queued and is
 * rewritten at the same position until it succeeds, so a half-written batch never sits before later records.
 */
export function createJournalWriter(options: JournalWriterOptions): JournalWriter {
  const sync = options.sync ?? syncData;
  let target: Segment = { file: options.file, position: options.position };
  let queuedBytes = 0;
  let pending: Pending[] = [];
  let seq = 0;
  let durable = 0;
  let failure: Error | undefined;
  let flushing: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;
  const waiters: Array<{ seq: number; resolve(): void; reject(error: Error): void }> = [];
  const opened: Segment[] = [];

  const settle = () => {
    while (waiters.length > 0 && waiters[0]!.seq <= durable) waiters.shift()!.resolve();
  };
  const rejectAll = (error: Error) => {
    for (const waiter of waiters.splice(0)) waiter.reject(error);
  };

  const writeBatch = async () => {
    const segment = pending[0]!.segment;
    let count = 0;
    while (count < pending.length && pending[count]!.segment === segment) count += 1;
    const batch = pending.slice(0, count);
    const bytes = Buffer.concat(batch.map((p) => p.bytes));
    const handle = await openSegment(segment, opened);
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, segment.position + written);
      written += bytesWritten;
    }
    await sync(handle);
    segment.position += bytes.length;
    if (segment === target) queuedBytes -= bytes.length;
    pending = pending.slice(count);
    durable = batch[batch.length - 1]!.seq;
  };

  const flush = async () => {
    try {
      while (pending.length > 0) {
        await writeBatch();
        settle();
      }
      if (failure) {
        failure = undefined;
        options.onRecovered();
      }
      options.onFlushed();
    } catch (error) {
      const wasHealthy = !failure;
      failure = error as Error;
      rejectAll(failure);
      if (wasHealthy) options.onFailure(failure);
      if (!closed) retryTimer = setTimeout(kick, options.retryMs ?? 1000);
    } finally {
      flushing = undefined;
    }
  };
  function kick() {
    retryTimer = undefined;
    if (!flushing && pending.length > 0) flushing = flush();
  }
  let scheduled = false;
  const schedule = () => {
    if (scheduled || failure) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      // A running flush picks up what was appended meanwhile.
      if (!flushing && !failure) flushing = flush();
    });
  };

  return {
    append(record) {
      const bytes = encodeRecord(record);
      seq += 1;
      pending.push({ segment: target, bytes, seq });
      queuedBytes += bytes.length;
      schedule();
      return seq;
    },
    lastSeq: () => seq,
    durableSeq: () => durable,
    whenDurable(upTo) {
      if (upTo <= durable) return Promise.resolve();
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiters.push({ seq: upTo, resolve, reject }));
    },
    failure: () => failure,
    segmentBytes: () => target.position + queuedBytes,
    rotate(file) {
      target = { file, position: 0 };
      queuedBytes = 0;
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      while (flushing) await flushing;
      if (pending.length > 0 && !failure) {
        flushing = flush();
        await flushing;
      }
      for (const segment of opened.splice(0)) await segment.handle!.close();
    },
  };
}
