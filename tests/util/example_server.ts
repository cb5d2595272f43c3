/**
 * Runs an example server (`examples/<name>` with `--listen 127.0.0.1:0`) as
 * a child process of the runtime running the test, for tests that talk to
 * it with real clients (curl, wrk, redis-cli, redis-benchmark), and the
 * checks for those clients.
 *
 * @module
 */
import { type ChildProcess, spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { hangGuardMs } from "./timing.ts";

const g = globalThis as { Deno?: unknown };
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";

/** A running example server. */
export interface ExampleServer {
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** `127.0.0.1:PORT` */
  readonly addr: string;
  /**
   * Sends SIGTERM and waits for the exit (SIGKILL and an error after 20 s, 100 s under qemu-user,
   * an error unless it exits cleanly, printing its `done: …` line);
   * resolves with everything it printed.
   */
  stop(): Promise<string>;
}

/** Why `command` cannot be run here (for a skip message), or `false` when it can. */
export function missingCommand(command: string): string | false {
  if (process.platform === "win32") {
    return `${command} is a Linux client of the Linux host; the Windows runtimes under Wine cannot start it`;
  }
  const found = spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
  return found ? false : `${command} is not installed (Debian: apt-get install ${packageOf(command)})`;
}

function packageOf(command: string): string {
  return command.startsWith("redis-") ? "redis-tools" : command;
}

/** Runs a client to its end (at most 60 s, 300 s under qemu-user) and returns what it printed; throws unless it exits with 0. */
export function runClient(command: string, args: string[]): string {
  const r: SpawnSyncReturns<string> = spawnSync(command, args, {
    encoding: "utf8",
    timeout: hangGuardMs(60_000),
  });
  if (r.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (${r.signal ?? r.status}):\n${r.stdout}\n${r.stderr}`,
    );
  }
  return r.stdout + r.stderr;
}

/** Starts `examples/<name>` on this runtime, listening on a free port; resolves once it says where. */
export function startExample(name: string): Promise<ExampleServer> {
  const file = fileURLToPath(new URL(`../../examples/${name}.${ext}`, import.meta.url));
  const env = "--allow-env=MIO_FORCE_POLL_POLL,MIO_FORCE_WAKER_PIPE,MIO_KQUEUE_LIB";
  const args = ["--listen", "127.0.0.1:0"];
  const cmd = g.Deno ? ["run", "--allow-ffi", env, file, ...args] : [file, ...args];
  const child = spawn(process.execPath, cmd, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => output += d);
  child.stderr.setEncoding("utf8").on("data", (d: string) => output += d);
  const exited = new Promise<number | string>((resolve) =>
    child.once("close", (code, signal) => resolve(code ?? signal ?? "?"))
  );
  return new Promise((resolve, reject) => {
    let settled = false;
    const listenMs = hangGuardMs(30_000);
    const timer = setTimeout(
      () => fail(`${name} did not say where it listens within ${listenMs} ms`),
      listenMs,
    );
    function fail(why: string): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${why}:\n${output}`));
    }
    exited.then((status) => fail(`${name} exited (${status}) before listening`));
    child.stdout.on("data", () => {
      const m = /listening on 127\.0\.0\.1:(\d+)\n/.exec(output);
      if (m === null || settled) return;
      settled = true;
      clearTimeout(timer);
      const port = Number(m[1]);
      resolve({ port, addr: `127.0.0.1:${port}`, stop: () => stop(name, child, exited, () => output) });
    });
  });
}

async function stop(
  name: string,
  child: ChildProcess,
  exited: Promise<number | string>,
  output: () => string,
): Promise<string> {
  child.kill("SIGTERM");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopMs = hangGuardMs(20_000);
  const timeout = new Promise<"timeout">((resolve) => timer = setTimeout(() => resolve("timeout"), stopMs));
  const status = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (status === "timeout") {
    child.kill("SIGKILL");
    throw new Error(`${name} did not stop within ${stopMs} ms of SIGTERM:\n${output()}`);
  }
  // Deno's node:child_process reports the signal it sent, not the exit status (0 here): there, a
  // clean exit shows as "SIGTERM", and the last line the server prints on shutdown tells them apart.
  const clean = status === 0 || (g.Deno !== undefined && status === "SIGTERM" && /^done: /m.test(output()));
  if (!clean) throw new Error(`${name} exited with ${status} after SIGTERM:\n${output()}`);
  return output();
}
