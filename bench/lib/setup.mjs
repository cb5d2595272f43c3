/**
 * What the benchmark needs before it runs: Debian's `wrk` (installed with
 * apt-get when missing), a C compiler for the echo load generator (built
 * into bench/.build/), the JavaScript for Node (`tsc`), the Rust mio server
 * (cargo, where a Rust toolchain exists), the baseline commits' servers
 * (each in a temporary `git worktree`), and the facts about the machine and
 * the versions that go into RESULTS.md.
 *
 * @module
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { cpus, homedir, tmpdir, totalmem } from "node:os";
import { join } from "node:path";

/** Whether `name` is a command on the PATH. */
export function have(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** Runs a command, showing its output; true when it succeeded. */
function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", ...options }).status === 0;
}

/**
 * Installs Debian packages with apt-get (root, or passwordless sudo),
 * waiting for another apt-get's lock up to 5 minutes; `apt-get update`
 * once if the first try fails. False when it could not.
 */
export function aptInstall(packages) {
  if (!have("apt-get")) return false;
  const root = process.getuid?.() === 0;
  if (!root && !have("sudo")) return false;
  const [command, prefix] = root ? ["apt-get", []] : ["sudo", ["-n", "apt-get"]];
  const install = [
    ...prefix,
    "-o",
    "DPkg::Lock::Timeout=300",
    "install",
    "-y",
    "--no-install-recommends",
    ...packages,
  ];
  return run(command, install) ||
    (run(command, [...prefix, "-o", "DPkg::Lock::Timeout=300", "update"]) && run(command, install));
}

/** Makes sure `command` exists, installing Debian `pkg` if not; false if it is still missing. */
export function ensureCommand(command, pkg) {
  return have(command) || (aptInstall([pkg]) && have(command));
}

/** Compiles bench/load/echo_load.c into bench/.build/echo_load when the source is newer; returns the path. */
export function buildEchoLoad(root) {
  const source = join(root, "bench/load/echo_load.c");
  const dir = join(root, "bench/.build");
  const binary = join(dir, "echo_load");
  if (existsSync(binary) && statSync(binary).mtimeMs >= statSync(source).mtimeMs) return binary;
  mkdirSync(dir, { recursive: true });
  if (!run("cc", ["-O2", "-Wall", "-o", binary, source])) throw new Error("cc failed to build echo_load");
  return binary;
}

/**
 * Compiles the TypeScript for Node into `outDir` (relative to `root`);
 * type errors are shown but do not stop it (tsc emits anyway).
 */
export function buildDist(root, outDir) {
  const tsc = join(root, "node_modules/.bin/tsc");
  if (!run(existsSync(tsc) ? tsc : "tsc", ["-p", root, "--outDir", join(root, outDir)])) {
    console.log(`tsc reported errors; ${outDir} was emitted anyway`);
  }
}

/** Where Debian's packaged Rust crates live (a cargo directory source). */
const DEBIAN_CRATES = "/usr/share/cargo/registry";

/**
 * Builds the Rust mio server (bench/rust_mio) with cargo into
 * bench/.build/rust_mio/: with mio 1.x from crates.io where that is
 * reachable, else offline from Debian's packaged crates (installing
 * `librust-mio-dev` when missing). The sources are copied there first, so
 * the lock file and the build stay out of the repository. Returns
 * `{ binary, mio }` (mio: the version built against), or `{ skipped }`
 * saying why it could not be built.
 */
export function buildRustMio(root) {
  const home = join(homedir(), ".cargo/bin/cargo");
  const cargo = have("cargo") ? "cargo" : existsSync(home) ? home : null;
  if (cargo === null) return { skipped: "no Rust toolchain (cargo is not on the PATH nor in ~/.cargo/bin)" };
  const dir = join(root, "bench/.build/rust_mio");
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, "bench/rust_mio/Cargo.toml"), join(dir, "Cargo.toml"));
  rmSync(join(dir, "src"), { recursive: true, force: true });
  cpSync(join(root, "bench/rust_mio/src"), join(dir, "src"), { recursive: true });
  const lock = join(dir, "Cargo.lock");
  const build = (extra) => {
    rmSync(lock, { force: true });
    return run(cargo, ["build", "--release", "--quiet", ...extra], {
      cwd: dir,
      env: { ...process.env, CARGO_NET_RETRY: "0", CARGO_HTTP_TIMEOUT: "30" },
    });
  };
  const debian = () => existsSync(DEBIAN_CRATES) && readdirSync(DEBIAN_CRATES).some((d) => /^mio-\d/.test(d));
  const built = build([]) ||
    ((debian() || aptInstall(["librust-mio-dev"])) && debian() && (console.log(
      `crates.io is not reachable: building offline against Debian's crates in ${DEBIAN_CRATES}`,
    ),
      build([
        "--offline",
        "--config",
        'source.crates-io.replace-with="debian"',
        "--config",
        `source.debian.directory="${DEBIAN_CRATES}"`,
      ])));
  if (!built) {
    return {
      skipped:
        `cargo could not build bench/rust_mio: crates.io unreachable and no usable mio in ${DEBIAN_CRATES}` +
        " (Debian's librust-mio-dev)",
    };
  }
  const mio = /name = "mio"\nversion = "([^"]+)"/.exec(readFileSync(lock, "utf8"))?.[1] ?? "?";
  return { binary: join(dir, "target/release/mio_bench"), mio };
}

/**
 * Checks out `ref` in a temporary `git worktree` (detached, under the
 * system's temporary folder) and compiles its benchmark servers for Node
 * into its own dist/; its node_modules is a link to `root`'s. Returns
 * `{ ref, sha, dir }`; `removeBaseline` takes the worktree away again.
 */
export function prepareBaseline(root, ref) {
  const git = (...args) => execFileSync("git", ["-C", root, ...args], { encoding: "utf8" }).trim();
  const sha = git("rev-parse", "--verify", `${ref}^{commit}`);
  const dir = join(tmpdir(), `mio-ts-bench-${sha.slice(0, 12)}`);
  if (existsSync(dir)) removeBaseline(root, { dir });
  git("worktree", "add", "--detach", "--quiet", dir, sha);
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  // Only the servers (and what they import): a whole-project tsc of the old tree is not needed.
  writeFileSync(
    join(dir, "tsconfig.bench.json"),
    JSON.stringify({
      extends: "./tsconfig.json",
      include: ["bench/servers"],
      compilerOptions: { outDir: "dist" },
    }),
  );
  const tsc = join(root, "node_modules/.bin/tsc");
  if (!run(existsSync(tsc) ? tsc : "tsc", ["-p", join(dir, "tsconfig.bench.json")])) {
    console.log(`tsc reported errors for ${ref}; its dist/ was emitted anyway`);
  }
  return { ref, sha, dir };
}

/** Removes a worktree `prepareBaseline` made (and git's record of it). */
export function removeBaseline(root, { dir }) {
  spawnSync("git", ["-C", root, "worktree", "remove", "--force", dir], { stdio: "ignore" });
  rmSync(dir, { recursive: true, force: true });
  spawnSync("git", ["-C", root, "worktree", "prune"], { stdio: "ignore" });
}

/** The first line a command prints, or "unavailable". */
function firstLine(command, args) {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).split("\n")[0]
      .trim();
  } catch (e) {
    const out = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim();
    return out ? out.split("\n")[0] : "unavailable";
  }
}

/** The machine, the OS and the tools' versions, as `[label, value]` rows. */
export function environment(runtimes) {
  const model = cpus()[0]?.model ?? "unknown CPU";
  const os = /PRETTY_NAME="([^"]*)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? "Linux";
  const rows = [
    ["CPU", `${model}, ${cpus().length} cores (/proc/cpuinfo)`],
    ["Memory", `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ["OS", `${os}, kernel ${firstLine("uname", ["-r"])}`],
  ];
  for (const [name, command] of Object.entries(runtimes)) {
    rows.push([name, firstLine(command, ["--version"])]);
  }
  rows.push(["wrk", firstLine("wrk", ["-v"])], ["cc", firstLine("cc", ["--version"])]);
  return rows;
}
