/**
 * What the benchmark needs before it runs: Debian's `wrk` (installed with
 * apt-get when missing), a C compiler for the echo load generator (built
 * into bench/.build/), the JavaScript for Node (`tsc`), and the facts about
 * the machine and the versions that go into RESULTS.md.
 *
 * @module
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

/** Whether `name` is a command on the PATH. */
export function have(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** Runs a command, showing its output; true when it succeeded. */
function run(command, args) {
  console.log(`$ ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit" }).status === 0;
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
