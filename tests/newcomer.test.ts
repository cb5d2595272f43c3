// A newcomer's first hour, from fresh temporary folders: a fresh clone where
// `npm install` leaves the tree clean, `npm ci` accepts the lock and every
// `deno task` passes; the README's Deno route (the checkout as a workspace
// member, under Deno's default compiler options) type-checking and running
// the README's example; a CommonJS Node project, as `npm init -y` makes,
// where `import()` works and `require()` says to use it; a `bun init`
// project type-checking the sources (the `bun` condition) under its
// tsconfig's noUncheckedIndexedAccess and running the README's example. And
// one version in package.json, deno.json and CHANGELOG.md.
//
// The clones are of the repository's last commit (what a user clones), not of
// uncommitted changes. `npm install` there reaches the npm registry through
// the local npm cache; `bun init` installs @types/bun through Bun's. Like tests/package.test.ts, the tool-driving tests do
// their work once per suite run: in the Node pass on the default backend.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import process from "node:process";
import {
  currentRuntime,
  FORCE_POLL_POLL,
  FORCE_WAKER_PIPE,
  KQUEUE_LIB,
  ON_SIMULATED_ABI,
  ON_WINDOWS,
  UNDER_QEMU,
} from "./util/platform.ts";
import { type Skip, test } from "./util/skips.ts";

/**
 * The repository: the nearest folder above this file with a deno.json. This file runs from tests/
 * (Deno, Bun), dist/tests/ (Node) or .windows/dist-<pid>/tests/ (Node under Wine, whose build
 * folder has a package.json of its own).
 */
function repositoryRoot(): string {
  let dir = fileURLToPath(new URL("..", import.meta.url));
  while (!existsSync(join(dir, "deno.json"))) {
    const up = resolve(dir, "..");
    if (up === dir) throw new Error(`no deno.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}
const root = repositoryRoot();
const hostDeno = join(root, "node_modules", ".bin", "deno");

/** How long a tool may run before it counts as hung (a guard, not a timing check). */
const HANG_GUARD_MS = 15 * 60 * 1000;

/** The environment of a fresh shell: no npm_* variables inherited from an `npm test` around this one. */
function freshEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", ...extra };
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^npm_/i.test(key) && !(key in env)) env[key] = value;
  }
  return env;
}

/** Runs `cmd` in `cwd`; returns its exit status, its stdout and a description for failure messages. */
function exec(
  cmd: string,
  args: string[],
  cwd: string,
): { status: number | null; stdout: string; all: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: HANG_GUARD_MS, env: freshEnv() });
  const how = r.error ? ` (${r.error.message})` : r.signal ? ` (${r.signal})` : "";
  const all = `${cmd} ${args.join(" ")} (in ${cwd}): status ${r.status}${how}\n${r.stdout}\n${r.stderr}`;
  return { status: r.status, stdout: r.stdout ?? "", all };
}

/** Runs `cmd` in `cwd`, fails the test unless it exits 0, and returns its stdout. */
function run(cmd: string, args: string[], cwd: string): string {
  const { status, stdout, all } = exec(cmd, args, cwd);
  assert.equal(status, 0, all);
  return stdout;
}

/** Why a command-line tool cannot be used here, or null when `tool --version` runs. */
function missing(tool: string): string | null {
  const r = spawnSync(tool, ["--version"], { encoding: "utf8", timeout: 60_000 });
  return r.status === 0 ? null : `${tool} is not installed or does not run (${r.error?.message ?? r.status})`;
}

/** A fresh folder outside the repository, removed after `fn`. */
function inFreshFolder(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-newcomer-"));
  assert.ok(!dir.startsWith(root), `${dir} is inside the repository`);
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Clones the repository's last commit into `dir/name` and returns the clone's path. */
function clone(dir: string, name: string): string {
  const path = join(dir, name);
  run("git", ["clone", "--quiet", root, path], dir);
  return path;
}

/** `git status --porcelain` in `dir`: empty when the tree matches the commit. */
function gitStatus(dir: string): string {
  return run("git", ["status", "--porcelain"], dir).trim();
}

/** Why the tool-driving tests do not run in this pass, or null. */
function whySkipped(tools: string[]): string | null {
  const runtime = currentRuntime();
  if (ON_WINDOWS) return "it drives the host's git, npm and Deno, which are Linux programs";
  if (UNDER_QEMU) return "it drives the host's git, npm and Deno: nothing in it depends on the architecture";
  if (runtime !== "node") {
    return `it drives git, npm, Deno and Node itself, so it runs once per suite, in the Node pass (this is ${runtime})`;
  }
  if (FORCE_POLL_POLL || FORCE_WAKER_PIPE || KQUEUE_LIB !== "" || ON_SIMULATED_ABI) {
    return "it runs once per suite, in the Node pass on the default backend";
  }
  for (const tool of tools) {
    const why = missing(tool);
    if (why !== null) return why;
  }
  if (exec("git", ["rev-parse", "--git-dir"], root).status !== 0) return `${root} is not a git checkout`;
  return null;
}

/** The options of a tool-driving test: skipped (`test` prints the reason) where it does not run. */
function toolOptions(tools: string[]): { skip: Skip } {
  return { skip: whySkipped(tools) ?? false };
}

/** The README's example: its first `ts` code block. */
function readmeExample(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const block = /```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, "README.md has no ```ts code block");
  return block[1];
}

test("one version: package.json, deno.json and CHANGELOG.md's newest heading agree", () => {
  const npm = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  const jsr = JSON.parse(readFileSync(join(root, "deno.json"), "utf8")).version;
  assert.match(npm, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, "package.json's version is not semver");
  assert.equal(jsr, npm, "deno.json's version differs from package.json's");
  const heading = /^## (\S+)/m.exec(readFileSync(join(root, "CHANGELOG.md"), "utf8"));
  assert.equal(heading?.[1], npm, "CHANGELOG.md's newest heading is not package.json's version");
});

const FRESH_CLONE =
  "a fresh clone: `npm install` leaves `git status --porcelain` empty, `npm ci` accepts the lock, and every `deno task` but the suite itself passes";
test(FRESH_CLONE, toolOptions(["git", "npm"]), () => {
  inFreshFolder((dir) => {
    const repo = clone(dir, "mio-ts");
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], repo);
    assert.equal(gitStatus(repo), "", "npm install changed the clone");
    // --dry-run: npm ci checks that the lock matches package.json (its "Missing: ... from lock file")
    // before anything else, and a second install from scratch would only repeat npm install's.
    run("npm", ["ci", "--dry-run", "--prefer-offline", "--no-audit", "--no-fund"], repo);
    assert.equal(gitStatus(repo), "", "npm ci changed the clone");

    const deno = join(repo, "node_modules", ".bin", "deno");
    const tasks = Object.keys(JSON.parse(readFileSync(join(repo, "deno.json"), "utf8")).tasks);
    // "test" is the suite this file is part of.
    assert.deepEqual(tasks.filter((t) => t !== "test").sort(), ["check", "demo"], "deno.json's tasks");
    run(deno, ["task", "check"], repo);
    const demo = run(deno, ["task", "demo"], repo);
    assert.match(demo, /connections accepted and closed/, demo);
    assert.equal(gitStatus(repo), "", "a deno task changed the clone");
  });
});

const DENO_WORKSPACE =
  "Deno: the README's route (the checkout as a workspace member, Deno's default compiler options) type-checks and runs the README's example importing @mio-ts/mio with only --allow-ffi";
test(DENO_WORKSPACE, toolOptions(["git", hostDeno]), () => {
  inFreshFolder((dir) => {
    const member = clone(dir, "mio-ts");
    const name = JSON.parse(readFileSync(join(member, "deno.json"), "utf8")).name;
    writeFileSync(join(dir, "deno.json"), JSON.stringify({ workspace: ["./mio-ts"] }));
    const example = readmeExample().replaceAll(`from "mio-ts`, `from "${name}`);
    assert.ok(example.includes(`from "${name}/net"`), "the README's example imports no mio-ts/net");
    writeFileSync(join(dir, "main.ts"), example);
    // The member is local code: `deno check` reports its errors under the root's (default) options.
    run(hostDeno, ["check", "main.ts"], dir);
    const out = run(hostDeno, ["run", "--allow-ffi", "main.ts"], dir);
    assert.match(out, /^accepted 127\.0\.0\.1:\d+$/m, out);
    assert.match(out, /^connected to 127\.0\.0\.1:\d+$/m, out);
  });
});

/**
 * A CommonJS program: `require` of each entry point must throw the ESM-only
 * error; `import()` must load the package and bind a listener. Prints JSON.
 */
const COMMONJS_PROGRAM = `"use strict";
const subpaths = ["mio-ts", "mio-ts/net", "mio-ts/unix", "mio-ts/windows"];
const required = subpaths.map((subpath) => {
  try {
    require(subpath);
    return { subpath, loaded: true };
  } catch (error) {
    return { subpath, code: error.code, message: error.message };
  }
});
(async () => {
  const { Poll } = await import("mio-ts");
  const { TcpListener } = await import("mio-ts/net");
  const listener = TcpListener.bind("127.0.0.1:0");
  const bound = String(listener.localAddr());
  listener.close();
  console.log(JSON.stringify({ required, backend: Poll.backend, bound }));
})();
`;

const NODE_COMMONJS =
  'Node: in a CommonJS project (`npm init -y`), `require` of the installed package throws an error naming `await import("mio-ts")`, and `await import` works';
test(NODE_COMMONJS, toolOptions(["git", "npm"]), () => {
  assert.ok(existsSync(join(root, "dist", "mod.js")), "dist/ is not built: run `npm run build` first");
  inFreshFolder((dir) => {
    // The tarball of this checkout's build (--ignore-scripts: prepack's tsc would rewrite dist/ under
    // the test files running beside this one).
    const packed = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], root);
    const [info] = JSON.parse(packed) as { filename: string }[];
    const tarball = join(dir, info.filename);
    const app = join(dir, "app");
    mkdirSync(app);
    run("npm", ["init", "-y"], app);
    const manifest = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
    assert.notEqual(manifest.type, "module", "npm init -y made an ES module project");
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], app);
    writeFileSync(join(app, "main.js"), COMMONJS_PROGRAM);
    const out = run(process.execPath, ["main.js"], app);
    const report = JSON.parse(out.trim().split("\n").at(-1) ?? "") as {
      required: { subpath: string; loaded?: boolean; code?: string; message?: string }[];
      backend: string;
      bound: string;
    };
    for (const r of report.required) {
      assert.equal(r.loaded, undefined, `require("${r.subpath}") loaded the package`);
      assert.equal(r.code, "ERR_REQUIRE_ESM", JSON.stringify(r));
      assert.ok(r.message?.includes('await import("mio-ts")'), JSON.stringify(r));
    }
    // The default backend: this pass runs on no forced or simulated one.
    assert.equal(report.backend, process.platform === "linux" ? "epoll" : "kqueue", out);
    assert.match(report.bound, /^127\.0\.0\.1:\d+$/, out);
  });
});

const hostBun = join(root, "node_modules", ".bin", "bun");

const BUN_INIT =
  "Bun: a `bun init` project (noUncheckedIndexedAccess and noImplicitOverride on) whose tsconfig resolves the `bun` condition to the sources passes `bun check` with the README's example and runs it";
test(BUN_INIT, toolOptions(["git", hostBun]), () => {
  inFreshFolder((dir) => {
    const checkout = clone(dir, "mio-ts");
    const app = join(dir, "app");
    mkdirSync(app);
    run(hostBun, ["init", "-y"], app);
    const tsconfigPath = join(app, "tsconfig.json");
    const tsconfig = readFileSync(tsconfigPath, "utf8");
    for (const option of ["strict", "noUncheckedIndexedAccess", "noImplicitOverride"]) {
      assert.match(tsconfig, new RegExp(`"${option}": true`), `bun init no longer turns ${option} on`);
    }
    // The package as `bun link` would put it (a link to the checkout), and the `bun` condition, which
    // package.json maps to the .ts sources, for the type checker: the sources are checked as the app's own.
    symlinkSync(checkout, join(app, "node_modules", "mio-ts"), "dir");
    const opening = '"compilerOptions": {';
    assert.ok(tsconfig.includes(opening), tsconfig);
    writeFileSync(tsconfigPath, tsconfig.replace(opening, `${opening}\n    "customConditions": ["bun"],`));
    writeFileSync(join(app, "index.ts"), readmeExample());
    run(hostBun, ["check", "--no-script", "--all"], app);
    const out = run(hostBun, ["run", "index.ts"], app);
    assert.match(out, /^accepted 127\.0\.0\.1:\d+$/m, out);
    assert.match(out, /^connected to 127\.0\.0\.1:\d+$/m, out);
  });
});
