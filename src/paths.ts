import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** The repository root, whether running from src/ (ts-jest) or dist/src/ (built). */
function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const repoRoot = findRepoRoot(__dirname);
export const cardsDirectory = path.join(repoRoot, "cards");
export const packageVersion = (
  JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }
).version;
