import fs from "node:fs";
import path from "node:path";

/*
 * There is no container engine where the tests run, so `docker build` cannot prove the image. This checks what
 * can be read from the files: the stages, the user, the entry point, and that every file the service reads at
 * run time reaches the runtime stage (and the zip that infra/scripts/stage-app.sh stages for App Service).
 */
const ROOT = path.join(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  base: string;
  name: string;
  instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions (comments dropped, line continuations joined). */
function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of lines) {
    const m = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`unreadable Dockerfile line: ${line}`);
    const op = m[1]!.toUpperCase();
    const args = m[2]!.trim();
    if (op === "FROM") {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`unreadable FROM: ${args}`);
      stages.push({ base: from[1]!, name: from[2] ?? String(stages.length), instructions: [] });
    } else {
      if (stages.length === 0) throw new Error(`${op} before the first FROM`);
      stages.at(-1)!.instructions.push({ op, args });
    }
  }
  return stages;
}

/** The destinations' sources of every COPY in a stage: `COPY [--from=x] a b ./dest` gives a and b. */
function copiedSources(stage: Stage, from?: string): string[] {
  return stage.instructions
    .filter((i) => i.op === "COPY")
    .flatMap((i) => {
      const words = i.args.split(/\s+/);
      const flags = words.filter((w) => w.startsWith("--"));
      const paths = words.filter((w) => !w.startsWith("--"));
      const fromFlag = flags.find((f) => f.startsWith("--from="))?.slice("--from=".length);
      if (fromFlag !== from) return [];
      return paths.slice(0, -1).map((p) =>
        p
          .replace(/^\/app\//, "")
          .replace(/^\.\//, "")
          .replace(/\/$/, ""),
      );
    });
}

const runs = (stage: Stage) => stage.instructions.filter((i) => i.op === "RUN").map((i) => i.args);

/** Top-level entries of the repository the built service reads (src/paths.ts joins them to the repo root). */
function filesReadAtRunTime(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) {
        for (const m of fs.readFileSync(full, "utf8").matchAll(/path\.join\(\s*repoRoot,\s*"([^"]+)"/g))
          found.add(m[1]!.split("/")[0]!);
      }
    }
  };
  walk(path.join(ROOT, "src"));
  return [...found].sort();
}

// Read only by the Agents Playground launcher, which production refuses (START_PLAYGROUND=true stops the start).
const DEV_ONLY = ["infra"];

describe("Dockerfile", () => {
  const stages = parseDockerfile(read("Dockerfile"));
  const build = stages.find((s) => s.name === "build");
  const runtime = stages.at(-1)!;

  it("when parsed, then it has a build stage and a separate runtime stage, last, on the same Node 20 base", () => {
    expect(stages.map((s) => s.name)).toEqual(["build", "runtime"]);
    expect(build!.base).toMatch(/^node:20[-.]/);
    expect(runtime.base).toBe(build!.base);
  });

  it("when the build stage runs, then it installs from the lock file and compiles with npm run build", () => {
    const commands = runs(build!);
    expect(commands.some((c) => /\bnpm ci\b/.test(c) && !c.includes("--omit=dev"))).toBe(true);
    expect(commands.some((c) => /\bnpm run build\b/.test(c))).toBe(true);
    expect(copiedSources(build!)).toEqual(expect.arrayContaining(["package.json", "package-lock.json"]));
  });

  it("when the build stage compiles, then everything tsconfig.json compiles was copied in before", () => {
    const tsconfig = JSON.parse(read("tsconfig.json")) as { include: string[] };
    const roots = [...new Set(tsconfig.include.map((g) => g.split("/")[0]!))];
    expect(roots.length).toBeGreaterThan(0);
    expect(copiedSources(build!)).toEqual(expect.arrayContaining(["tsconfig.json", ...roots]));
  });

  it("when the runtime stage installs, then it takes production dependencies only, from the lock file", () => {
    const commands = runs(runtime);
    expect(commands.some((c) => /\bnpm ci\b/.test(c) && c.includes("--omit=dev"))).toBe(true);
    expect(commands.join("\n")).not.toMatch(/\bnpm (install|i)\b/);
    expect(copiedSources(runtime)).toEqual(expect.arrayContaining(["package.json", "package-lock.json"]));
  });

  it("when the container runs, then NODE_ENV is production", () => {
    const env = runtime.instructions.filter((i) => i.op === "ENV").map((i) => i.args);
    expect(env).toContainEqual(expect.stringMatching(/^NODE_ENV[= ]production$/));
  });

  it("when the container runs, then it runs as a non-root user set after the last step that needs root", () => {
    const users = runtime.instructions.filter((i) => i.op === "USER");
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.args.split(":")[0]!;
    expect(["root", "0"]).not.toContain(user);
    const lastUser = runtime.instructions.lastIndexOf(users.at(-1)!);
    const lastRun = runtime.instructions.map((i) => i.op).lastIndexOf("RUN");
    expect(lastUser).toBeGreaterThan(lastRun);
  });

  it("when the container starts, then it runs the service itself (package.json's main), not npm start", () => {
    const cmd = runtime.instructions.filter((i) => i.op === "CMD").at(-1);
    expect(cmd).toBeDefined();
    const pkg = JSON.parse(read("package.json")) as { main: string; scripts: { serve: string } };
    // The same command as `npm run serve` (its V8 flags included), without npm in between.
    expect(JSON.parse(cmd!.args)).toEqual(pkg.scripts.serve.split(/\s+/));
    expect(JSON.parse(cmd!.args).at(-1)).toBe("dist/src/main.js");
    expect(pkg.main).toBe("dist/src/main.js");
    expect(fs.existsSync(path.join(ROOT, "src", "main.ts"))).toBe(true);
    expect(runtime.instructions.some((i) => i.op === "ENTRYPOINT")).toBe(false);
  });

  it("when the runtime stage is assembled, then the compiled service comes from the build stage", () => {
    expect(copiedSources(runtime, "build")).toContain("dist");
  });

  it("when the service reads files at run time, then each of them is copied into the runtime stage", () => {
    const needed = filesReadAtRunTime().filter((f) => !DEV_ONLY.includes(f));
    // The scan must find what src/paths.ts reads, or it finds nothing at all.
    expect(needed).toEqual(expect.arrayContaining(["cards", "package.json"]));
    expect(copiedSources(runtime)).toEqual(expect.arrayContaining(needed));
  });

  it("when .dockerignore is read, then it keeps secrets and local data out and nothing the stages copy", () => {
    const ignored = read(".dockerignore")
      .split(/\r?\n/)
      .map((l) => l.trim().replace(/\/$/, ""))
      .filter((l) => l !== "" && !l.startsWith("#"));
    expect(ignored).toEqual(expect.arrayContaining([".env", "env", ".data", "node_modules", "dist", ".git"]));
    const copied = [...copiedSources(build!), ...copiedSources(runtime)];
    expect(copied.filter((c) => ignored.includes(c))).toEqual([]);
  });
});

describe("infra/scripts/stage-app.sh (the zip App Service runs)", () => {
  const script = read("infra/scripts/stage-app.sh");

  it("when it stages the service, then it copies the same run-time files as the image and installs production dependencies only", () => {
    const copyLine = script.split("\n").find((l) => /^cp -R dist /.test(l));
    expect(copyLine).toBeDefined();
    const staged = copyLine!.split(/\s+/).slice(2, -1);
    const runtime = parseDockerfile(read("Dockerfile")).at(-1)!;
    expect(staged.sort()).toEqual(
      [...copiedSources(runtime), ...copiedSources(runtime, "build")].filter((f) => f !== "ladders").sort(),
    );
    expect(script).toMatch(/npm ci --omit=dev/);
    expect(script).toMatch(/npm run build/);
  });
});
