// The static checks of the test command (tests/run_all.mjs "checks"): lint,
// format, type checks (Deno, tsc, and tsc on the library alone under
// tsconfig.consumer.json's stricter options), the examples in JSDoc and Markdown
// (type-checked; those in docs/ also run), `deno doc --lint` and a JSR
// publish dry run. Each is one pass or fail of the suite.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * `deno doc` and `deno publish` resolve `node:` types through @types/node and
 * warn once for every file its index.d.ts references: this noise (and only
 * this) is dropped from their output.
 */
const TYPES_NODE_NOISE =
  /Failed resolving types\. .*\/node_modules\/@types\/node\/|^\s+at file:\/\/.*\/node_modules\/@types\/node\//;

/** Every Markdown file under `dir`, relative to `root`. */
function markdownFiles(root, dir) {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

/**
 * The name of the check that type-checks the entry points, tests/ and
 * examples/ with Deno: where it ran, the Deno runs of tests/run_all.mjs do
 * not type-check again.
 */
export const DENO_CHECK = "deno check (entry points, tests, examples)";

/** deno.json's export map: the modules JSR users import. */
function entryPointsOf(root) {
  return Object.values(JSON.parse(readFileSync(join(root, "deno.json"), "utf8")).exports);
}

/** Where the API reference is generated (`npm run docs` writes the same), relative to the root. */
export const API_DOCS = "dist/api";

/** The arguments of DENO_CHECK's `deno` command, in the repository `root`. */
export function denoCheckArgs(root) {
  return ["check", ...entryPointsOf(root), "tests/", "examples/"];
}

/**
 * The checks, by name; each returns an exit status (0 passes).
 *
 * @param {{ root: string, bin: (name: string) => string, run: (cmd: string, args: string[]) => Promise<number>, build: () => Promise<number> }} tools
 *   the repository root, the path of a node_modules/.bin command, a runner
 *   that echoes the command and inherits its output, and the Node build
 *   (`tsc -p .` into dist/, once per test command)
 * @returns {Record<string, () => number | Promise<number>>}
 */
export function staticChecks({ root, bin, run, build }) {
  const deno = bin("deno");
  const entryPoints = entryPointsOf(root);

  /** Runs a command, printing its output without the @types/node noise. */
  function runFiltered(cmd, args) {
    console.log(`$ ${[cmd, ...args].join(" ")}`);
    const r = spawnSync(cmd, args, {
      cwd: root,
      encoding: "utf8",
      timeout: 5 * 60 * 1000,
      env: { ...process.env, NO_COLOR: "1" },
    });
    if (r.error) console.error(`${cmd}: ${r.error.message}`);
    for (const out of [r.stdout, r.stderr]) {
      const kept = (out ?? "").split("\n").filter((line) => !TYPES_NODE_NOISE.test(line)).join("\n").trim();
      if (kept) console.log(kept);
    }
    return r.status ?? 1;
  }

  return {
    "deno lint": () => run(deno, ["lint"]),
    "deno fmt --check": () => run(deno, ["fmt", "--check"]),
    [DENO_CHECK]: () => run(deno, denoCheckArgs(root)),
    // The type check is the Node runs' build: tsc checks once, and emits what Node runs.
    "tsc -p . (strict; the Node build in dist/)": () => build(),
    // The sources a consumer type-checks (Bun resolves the `bun` condition to them), under the stricter
    // options `bun init` and Deno turn on: noUncheckedIndexedAccess, noImplicitOverride, ...
    "tsc -p tsconfig.consumer.json (library under bun init's strictness)": () =>
      run(bin("tsc"), ["-p", "tsconfig.consumer.json"]),
    "deno check --doc-only (JSDoc and Markdown code blocks)": () =>
      run(deno, [
        "check",
        "--doc-only",
        "mod.ts",
        "src/",
        "sys/",
        "README.md",
        ...markdownFiles(root, "docs"),
      ]),
    // Runs them too: the docs' examples must end by themselves with only --allow-ffi.
    "deno test --doc (docs/ code blocks run)": () =>
      run(deno, ["test", "--doc", "--allow-ffi", ...markdownFiles(root, "docs")]),
    "deno doc --lint (every entry point)": () => runFiltered(deno, ["doc", "--lint", ...entryPoints]),
    // The HTML API reference the README links to, written afresh; it must list the entry points' exports.
    [`deno doc --html (API reference in ${API_DOCS}/)`]: () => {
      rmSync(join(root, API_DOCS), { recursive: true, force: true });
      const args = ["doc", "--html", "--name=mio-ts", `--output=${API_DOCS}`, ...entryPoints];
      const status = runFiltered(deno, args);
      if (status !== 0) return status;
      const index = join(root, API_DOCS, "all_symbols.html");
      const listed = existsSync(index) ? readFileSync(index, "utf8") : "";
      const missing = ["Poll", "Events", "Token", "Waker", "TcpListener", "UdpSocket"].filter((name) =>
        !listed.includes(`>${name}<`)
      );
      if (missing.length === 0) return 0;
      console.error(`${index} does not list ${missing.join(", ")}`);
      return 1;
    },
    // --allow-dirty: the suite runs on uncommitted trees. Runs offline: nothing is uploaded.
    "deno publish --dry-run (JSR, no slow types)": () =>
      runFiltered(deno, ["publish", "--dry-run", "--allow-dirty"]),
  };
}
