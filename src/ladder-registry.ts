import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  applySettingOverrides,
  LadderValidationError,
  parseLadder,
  type Ladder,
  type SettingValue,
} from "./domain/ladder";
import { presetIds, presets } from "./domain/ladders";
import type { School } from "./domain/roster";

export interface LadderRegistry {
  /** Every id a school may name: the presets and `custom:<file name>` for each ladder file. */
  ids(): string[];
  isKnown(id: string): boolean;
  /** The school's ladder with its own setting choices applied. */
  forSchool(school: Pick<School, "id" | "ladder" | "ladderSettings">): Ladder;
}

/**
 * Presets plus the municipality's own ladder files (LADDERS_DIR/*.json, named `custom:<file>` by a school).
 * Files are read and validated once at start; a broken file stops the start with its name and field.
 */
export function createLadderRegistry(customDirectory?: string): LadderRegistry {
  const ladders = new Map<string, Ladder>(presetIds.map((id) => [id, presets[id]]));
  if (customDirectory) {
    let files: string[] = [];
    try {
      files = readdirSync(customDirectory).filter((f) => f.endsWith(".json"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    for (const file of files) {
      const full = path.join(customDirectory, file);
      try {
        ladders.set(`custom:${path.basename(file, ".json")}`, parseLadder(JSON.parse(readFileSync(full, "utf8"))));
      } catch (error) {
        throw new Error(
          `Ladder file ${full} is not valid: ${(error as Error).message}. Fix the file (see docs/ladders.md) or remove it.`,
        );
      }
    }
  }
  const cache = new Map<string, Ladder>();
  return {
    ids: () => [...ladders.keys()],
    isKnown: (id) => ladders.has(id),
    forSchool(school) {
      const base = ladders.get(school.ladder);
      if (!base) throw new LadderValidationError(`School ${school.id} names the unknown ladder ${school.ladder}`, []);
      if (!school.ladderSettings || Object.keys(school.ladderSettings).length === 0) return base;
      const key = `${school.id}|${school.ladder}|${JSON.stringify(school.ladderSettings)}`;
      let ladder = cache.get(key);
      if (!ladder) {
        ladder = applySettingOverrides(base, school.ladderSettings as Record<string, SettingValue>);
        cache.set(key, ladder);
      }
      return ladder;
    },
  };
}
