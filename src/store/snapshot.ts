import { promises as fs } from "node:fs";
import path from "node:path";
import type { Database } from "@azure/cosmos";
import { containerDefinitions, containerNames } from "./containers";
import { stripSystemProperties } from "./documents";
import { errorCatalog } from "../errors";
import type { Logger } from "../logger";

interface SnapshotFile {
  version: 1;
  savedAt: string;
  containers: Record<string, unknown[]>;
}

async function readAllItems(database: Database): Promise<SnapshotFile["containers"]> {
  const containers: SnapshotFile["containers"] = {};
  for (const name of containerNames) {
    const { resources } = await database.container(name).items.readAll().fetchAll();
    containers[name] = resources.map((r) => stripSystemProperties<Record<string, unknown>>(r));
  }
  return containers;
}

/** Writes to a temporary file, fsyncs it and renames it over the old one, so a crash never leaves half a file. */
async function writeAtomically(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(temporary, "w", 0o600);
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, file);
}

export async function restoreSnapshot(database: Database, file: string, logger: Logger): Promise<number> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  let snapshot: SnapshotFile;
  try {
    snapshot = JSON.parse(text) as SnapshotFile;
  } catch (error) {
    throw new Error(errorCatalog.snapshotUnreadable(file, (error as Error).message));
  }
  let restored = 0;
  for (const [name, items] of Object.entries(snapshot.containers ?? {})) {
    if (!(name in containerDefinitions)) continue;
    const container = database.container(name);
    for (const item of items) {
      await container.items.upsert(item as Record<string, unknown>);
      restored += 1;
    }
  }
  logger.info({ event: "embedded_cosmos_restored", items: restored }, "restored embedded database from disk");
  return restored;
}

export interface Snapshotter {
  schedule(): void;
  flush(): Promise<void>;
}

/** Persists the embedded database after writes settle; one snapshot runs at a time and a final flush runs at stop. */
export function createSnapshotter(database: Database, file: string, logger: Logger, debounceMs = 300): Snapshotter {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let running: Promise<void> = Promise.resolve();

  const save = async () => {
    if (!dirty) return;
    dirty = false;
    const snapshot: SnapshotFile = {
      version: 1,
      savedAt: new Date().toISOString(),
      containers: await readAllItems(database),
    };
    await writeAtomically(file, JSON.stringify(snapshot));
  };
  const run = () => {
    running = running
      .then(save)
      .catch((error: Error) => logger.error({ event: "embedded_cosmos_snapshot_failed", err: error.message }));
    return running;
  };
  return {
    schedule() {
      dirty = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void run();
      }, debounceMs);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await run();
    },
  };
}
