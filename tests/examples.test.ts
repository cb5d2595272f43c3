// Every example runs to its end on this runtime and prints what it should.
import assert from "node:assert/strict";
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { removeDir } from "./util/files.ts";
import { NOT_ON_WINDOWS, onWindows, test } from "./util/skips.ts";
import { hangGuardMs } from "./util/timing.ts";

const g = globalThis as { Deno?: unknown };
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";

/** The runtime's arguments that run `examples/<name>` with `args` (Deno: with `--allow-ffi` and `denoPermissions`). */
function exampleCommand(name: string, args: string[], denoPermissions: string[]): string[] {
  const file = fileURLToPath(new URL(`../examples/${name}.${ext}`, import.meta.url));
  // The backend flags reach the example (so it runs on the backend the suite runs on) if Deno lets it read them.
  const flags = denoPermissions.includes("--allow-env")
    ? []
    : ["--allow-env=MIO_FORCE_POLL_POLL,MIO_FORCE_WAKER_PIPE"];
  return g.Deno ? ["run", "--allow-ffi", ...flags, ...denoPermissions, file, ...args] : [file, ...args];
}

/** Runs `examples/<name>` to its end with this runtime; returns how it ended and what it printed. */
function spawnExample(name: string, args: string[], denoPermissions: string[]): SpawnSyncReturns<string> {
  const cmd = exampleCommand(name, args, denoPermissions);
  return spawnSync(process.execPath, cmd, { encoding: "utf8", timeout: hangGuardMs(60_000) });
}

/** Runs `examples/<name>` with this runtime, expecting exit status 0; returns its stdout. */
function runExample(name: string, args: string[] = [], denoPermissions: string[] = []): string {
  const r = spawnExample(name, args, denoPermissions);
  assert.equal(r.status, 0, `${name} failed (${r.signal ?? r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Starts `examples/<name>` with `args`, waits until its output matches
 * `ready`, kills it and returns what it printed; fails if it exits first.
 */
function serveUntil(name: string, args: string[], denoPermissions: string[], ready: RegExp): Promise<string> {
  const child = spawn(process.execPath, exampleCommand(name, args, denoPermissions), {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const readyMs = hangGuardMs(30_000);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} did not print ${ready} within ${readyMs} ms:\n${output}`));
    }, readyMs);
    const onData = (d: string) => {
      output += d;
      if (!ready.test(output)) return;
      clearTimeout(timer);
      child.removeListener("close", onClose);
      child.once("close", () => resolve(output));
      child.kill("SIGKILL");
    };
    const onClose = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} ended (${code ?? signal}) before printing ${ready}:\n${output}`));
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", onData);
    child.once("close", onClose);
  });
}

test("examples/tcp_server: three scripted clients are greeted, echoed and hung up", () => {
  const out = runExample("tcp_server");
  assert.match(out, /listening on 127\.0\.0\.1:\d+/);
  for (let i = 0; i < 3; i++) {
    assert.ok(out.includes(`client ${i} got "Hello world!\\nping ${i}\\nbye ${i}\\n" and hangs up`), out);
  }
  assert.match(out, /done: \d+ events handled, 3 connections accepted and closed, 39 bytes echoed/);
});

const UNIX_ECHO =
  "examples/unix_echo_server: three scripted clients are greeted, echoed and hung up over a Unix socket";
test(UNIX_ECHO, { skip: onWindows(NOT_ON_WINDOWS.uds) }, () => {
  const out = runExample("unix_echo_server", [], ["--allow-read", "--allow-write", "--allow-env"]);
  const m = /listening on (\/\S+\/echo\.sock)\n/.exec(out);
  assert.ok(m, out);
  for (let i = 0; i < 3; i++) {
    assert.ok(out.includes(`client ${i} got "Hello world!\\nping ${i}\\nbye ${i}\\n" and hangs up`), out);
  }
  assert.match(out, /accepted connection 1 from \(unnamed\)/);
  assert.match(out, /done: \d+ events handled, 3 connections accepted and closed, 39 bytes echoed/);
  assert.match(out, /the socket file was still there, as in mio/);
  assert.equal(existsSync(dirname(m[1])), false, "the example left its temporary directory");
});

test("examples/udp_server: three scripted clients get each datagram echoed back", () => {
  const out = runExample("udp_server");
  const m = /UDP echo server on (127\.0\.0\.1:\d+)\n/.exec(out);
  assert.ok(m, out);
  for (let i = 0; i < 3; i++) {
    assert.match(out, new RegExp(`echoed "ping ${i}" to 127\\.0\\.0\\.1:\\d+`));
    assert.match(out, new RegExp(`echoed "bye ${i}" to 127\\.0\\.0\\.1:\\d+`));
    assert.ok(out.includes(`client ${i} got "ping ${i}", "bye ${i}" back and stops`), out);
  }
  assert.match(out, /done: \d+ events handled, 6 datagrams \(33 bytes\) echoed/);
});

const MULTI_WORKER =
  "examples/multi_worker_server: two Workers share the port (SO_REUSEPORT), both serve, both stop by themselves";
test(MULTI_WORKER, { skip: onWindows(NOT_ON_WINDOWS.reusePort) }, () => {
  const out = runExample("multi_worker_server", ["--workers", "2", "--clients", "64"], ["--allow-read"]);
  assert.match(out, /2 Workers listening on 127\.0\.0\.1:\d+ \(SO_REUSEPORT\)/);
  assert.match(out, /64 clients: every echo matched \(\d+ bytes\)/);
  const served = [...out.matchAll(/worker (\d): (\d+) connections, (\d+) bytes echoed/g)];
  assert.deepEqual(served.map((m) => m[1]).sort(), ["0", "1"], out);
  for (const m of served) assert.ok(Number(m[2]) > 0, `worker ${m[1]} served no connection:\n${out}`);
  assert.equal(served.reduce((sum, m) => sum + Number(m[2]), 0), 64, out);
  assert.match(out, /done: 2 Workers stopped by themselves/);
});

test("examples/http_server: scripted clients get keep-alive, pipelined, HTTP/1.0, HEAD and 400 answers", () => {
  const out = runExample("http_server");
  assert.match(out, /listening on 127\.0\.0\.1:\d+/);
  assert.match(
    out,
    /keep-alive, pipelined, 5 bytes per write: answers 200, 200, 200, then the server closed/,
  );
  assert.match(out, /HTTP\/1\.0: answers 200, then the server closed/);
  assert.match(out, /HTTP\/1\.0 keep-alive, then HEAD: answers 200, 200, then the server closed/);
  assert.match(out, /malformed: answers 400, then the server closed/);
  assert.match(out, /done: 6 requests on 4 connections/);
});

test("examples/resp_server: scripted clients get the replies to pipelined, fragmented, inline and wrong commands", () => {
  const out = runExample("resp_server");
  assert.match(out, /listening on 127\.0\.0\.1:\d+/);
  assert.ok(
    out.includes(`pipelined, 7 bytes per write: "+OK\\r\\n:2\\r\\n$1\\r\\n2\\r\\n:1\\r\\n$-1\\r\\n"`),
    out,
  );
  assert.ok(out.includes(`inline: "+PONG\\r\\n$5\\r\\nhello\\r\\n$4\\r\\npong\\r\\n"`), out);
  assert.match(out, /errors: "-ERR unknown command 'FLY'/);
  assert.ok(out.includes(`protocol error: "-ERR Protocol error: expected '$', got '%'\\r\\n"`), out);
  assert.match(out, /done: 13 commands on 4 connections, 1 keys left/);
});

/** An example's command line, and what it prints once it serves on `--listen`'s address. */
interface CommandLineCase {
  name: string;
  denoPermissions: string[];
  /** `--listen`'s value: an address, or for unix_echo_server a socket path in `dir`. */
  listen: (dir: string) => string;
  serving: RegExp;
  skip: string | false;
}

const TCP_SERVING = /listening on 127\.0\.0\.1:[1-9]\d*\n[^]*serving until SIGINT or SIGTERM/;
const COMMAND_LINES: CommandLineCase[] = [
  {
    name: "tcp_server",
    denoPermissions: [],
    listen: () => "127.0.0.1:0",
    serving: /listening on 127\.0\.0\.1:[1-9]\d*\nconnect with: nc 127\.0\.0\.1 [1-9]/,
    skip: false,
  },
  {
    name: "udp_server",
    denoPermissions: [],
    listen: () => "127.0.0.1:0",
    serving: /UDP echo server on 127\.0\.0\.1:[1-9]\d*\nYou can connect/,
    skip: false,
  },
  {
    name: "unix_echo_server",
    denoPermissions: ["--allow-read", "--allow-write", "--allow-env"],
    listen: (dir) => join(dir, "serve.sock"),
    serving: /listening on \/\S+\/serve\.sock\nconnect with: nc -U /,
    skip: onWindows(NOT_ON_WINDOWS.uds),
  },
  {
    name: "multi_worker_server",
    denoPermissions: ["--allow-read"],
    listen: () => "127.0.0.1:0",
    serving: /2 Workers listening on 127\.0\.0\.1:[1-9]\d* \(SO_REUSEPORT\)\nserving until SIGINT or SIGTERM/,
    skip: onWindows(NOT_ON_WINDOWS.reusePort),
  },
  {
    name: "http_server",
    denoPermissions: [],
    listen: () => "127.0.0.1:0",
    serving: TCP_SERVING,
    skip: false,
  },
  {
    name: "resp_server",
    denoPermissions: [],
    listen: () => "127.0.0.1:0",
    serving: TCP_SERVING,
    skip: false,
  },
];

/** Asserts that `r` is a usage error: exit status 2, a message and the usage on stderr, no stack trace. */
function assertUsageError(r: SpawnSyncReturns<string>, name: string, message: RegExp): void {
  const shown = `(${r.signal ?? r.status}):\n${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 2, `${name} ${shown}`);
  assert.match(r.stderr, message, shown);
  assert.match(r.stderr, new RegExp(`^usage: ${name} `, "m"), shown);
  assert.doesNotMatch(r.stderr, /^\s+at /m, `a stack trace ${shown}`);
  assert.equal(r.stdout, "", shown);
}

for (const c of COMMAND_LINES) {
  test(
    `examples/${c.name}: --help prints the usage; --listen without a value, an unknown option or an argument is a usage error`,
    { skip: c.skip },
    () => {
      for (const help of ["--help", "-h"]) {
        const r = spawnExample(c.name, [help], c.denoPermissions);
        assert.equal(r.status, 0, `${c.name} ${help} (${r.signal ?? r.status}):\n${r.stdout}\n${r.stderr}`);
        assert.match(r.stdout, new RegExp(`^usage: ${c.name} \\[`), r.stdout);
        assert.match(r.stdout, /--listen /, r.stdout);
        assert.doesNotMatch(r.stdout, /listening|echo server on/, "it ran instead of printing the usage");
      }
      const missing = spawnExample(c.name, ["--listen"], c.denoPermissions);
      assertUsageError(missing, c.name, /--listen <value>' argument missing/);
      const unknown = spawnExample(c.name, ["--lisen", "127.0.0.1:0"], c.denoPermissions);
      assertUsageError(unknown, c.name, /Unknown option '--lisen'/);
      const positional = spawnExample(c.name, ["127.0.0.1:0"], c.denoPermissions);
      assertUsageError(positional, c.name, /Unexpected argument '127\.0\.0\.1:0'/);
    },
  );

  for (const form of ["--listen=ADDR", "--listen ADDR"]) {
    test(`examples/${c.name}: ${form} serves on ADDR`, { skip: c.skip }, async () => {
      const dir = mkdtempSync(join(tmpdir(), "mio-ts-cli-"));
      try {
        const addr = c.listen(dir);
        const args = form === "--listen=ADDR" ? [`--listen=${addr}`] : ["--listen", addr];
        const out = await serveUntil(c.name, args, c.denoPermissions, c.serving);
        assert.doesNotMatch(out, /client 0|scripted|done: /, out);
      } finally {
        removeDir(dir);
      }
    });
  }
}

const WORKERS_ZERO = "examples/multi_worker_server: --workers=0 is a usage error";
test(WORKERS_ZERO, { skip: onWindows(NOT_ON_WINDOWS.reusePort) }, () => {
  const r = spawnExample("multi_worker_server", ["--workers=0"], ["--allow-read"]);
  assertUsageError(r, "multi_worker_server", /--workers must be a positive integer, not '0'/);
});
