// The package as its users get it, in fresh folders outside the repository:
// `npm pack`'s tarball installed with npm and used from Node (`import`),
// the same tarball added with `bun add` and used from Bun, and the files
// `deno publish` ships imported through deno.json's export map from a Deno
// project with only `--allow-ffi`. Each runs an echo round trip over
// loopback (server and client both mio-ts).
//
// It drives npm, Node, Bun and Deno itself, so it does its work once per
// suite run: in the Node pass on the default backend (tests/run_all.mjs
// builds dist/ just before that pass; the tarball packs that build with
// `--ignore-scripts`, so prepack's `tsc` does not rewrite dist/ under the
// test files running beside this one).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
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
import { test, type TestOptions } from "./util/skips.ts";
import { hangGuardMs } from "./util/timing.ts";

/** The repository: this file runs from tests/ (Deno, Bun) or dist/tests/ (Node). */
const parent = fileURLToPath(new URL("..", import.meta.url));
const root = existsSync(join(parent, "package.json")) ? parent : resolve(parent, "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

const runtime = currentRuntime();
const SKIP = ON_WINDOWS
  ? "it drives the host's npm, Bun and Deno (node_modules/.bin), which are Linux programs: the tarball " +
    "is the same for every OS and is tested in the native Node pass"
  : runtime !== "node"
  ? `it drives npm, Node, Bun and Deno itself, so it runs once per suite, in the Node pass (this is ${runtime})`
  : FORCE_POLL_POLL || FORCE_WAKER_PIPE || KQUEUE_LIB !== ""
  ? "it runs once per suite, in the Node pass on the default backend"
  : null;
const options: TestOptions = { skip: SKIP ?? false };

/**
 * Under qemu-user (tests/run_arm64.mjs, after the native suite) a test that
 * does not touch the emulated Node is skipped: it ran in the native Node pass
 * on the same inputs. `what` says why it does not depend on the architecture.
 */
function nativeOnly(what: string): TestOptions {
  if (SKIP !== null || !UNDER_QEMU) return options;
  return { skip: `a duplicate of the native Node pass under qemu-user: ${what}` };
}

/**
 * The host's Node, which tests/run_arm64.mjs names in MIO_TS_HOST_NODE under
 * qemu-user: `npm pack` and `tsc` run on it, as their output does not depend
 * on the architecture (types are checked natively; the emulated runs only
 * run). `npm install` and the programs run on the emulated Node.
 */
const HOST_NODE = UNDER_QEMU ? process.env.MIO_TS_HOST_NODE : undefined;
/** The environment of a step that runs on the host's Node where there is one. */
const NATIVE_ENV: Record<string, string> = HOST_NODE
  ? { PATH: `${dirname(HOST_NODE)}:${process.env.PATH}` }
  : {};

/** Runs `cmd` in `cwd`, fails the test unless it exits 0, and returns its stdout. */
function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    timeout: hangGuardMs(120_000),
    env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", ...env },
  });
  const status = r.error?.message ?? r.signal ?? r.status;
  assert.equal(
    r.status,
    0,
    `${cmd} ${args.join(" ")} (in ${cwd}) failed: ${status}\n${r.stdout}\n${r.stderr}`,
  );
  return r.stdout;
}

/** A fresh folder outside the repository, removed after `fn`. */
function inFreshFolder(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-package-"));
  assert.ok(!dir.startsWith(root), `${dir} is inside the repository`);
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Packs the repository into `dir`: the tarball's path and the paths it holds. */
function pack(dir: string): { tarball: string; files: string[] } {
  assert.ok(existsSync(join(root, "dist", "mod.js")), "dist/ is not built: run `npm run build` first");
  const out = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], root, NATIVE_ENV);
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(dir, info.filename), files: info.files.map((f) => f.path) };
}

/** Writes `text` to `dir/name` and returns its path. */
function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** What the echo program prints. */
interface EchoReport {
  runtime: string;
  backend: string;
  resolved: string;
  echoed: string;
}

/**
 * An echo round trip importing the package as `pkg` and `pkg/net`, after
 * checking that `pkg/windows` resolves and exports `NamedPipe` (valid
 * JavaScript and TypeScript): a listener, a client that connects and writes a
 * message once writable, the accepted side echoing it back; prints a JSON
 * `EchoReport`.
 */
function echoProgram(pkg: string): string {
  return `import { Events, Interest, Poll, Token } from "${pkg}";
import { TcpListener, TcpStream } from "${pkg}/net";
import { NamedPipe } from "${pkg}/windows";

if (typeof NamedPipe !== "function") throw new Error("${pkg}/windows exports no NamedPipe");
const SERVER = Token(0);
const CLIENT = Token(1);
const ACCEPTED = Token(2);
const message = new TextEncoder().encode("hello through the package, from " + Poll.runtime);
const received = new Uint8Array(message.length);
const buf = new Uint8Array(1024);
const poll = new Poll();
const events = new Events(16);
const listener = TcpListener.bind("127.0.0.1:0");
const client = TcpStream.connect(listener.localAddr());
poll.registry().register(listener, SERVER, Interest.READABLE);
poll.registry().register(client, CLIENT, Interest.READABLE | Interest.WRITABLE);
let server = null;
let sent = 0;
let got = 0;
// A hang guard: a busy machine may spread the exchange over many polls.
const deadline = Date.now() + 30000;
while (got < message.length) {
  if (Date.now() > deadline) throw new Error("no echo in 30 s: sent " + sent + ", got " + got);
  poll.poll(events, 1000);
  for (const event of events) {
    if (event.token() === SERVER) {
      let pair;
      while ((pair = listener.accept()) !== null) {
        server = pair[0];
        poll.registry().register(server, ACCEPTED, Interest.READABLE);
      }
    } else if (event.token() === ACCEPTED && server !== null) {
      let n;
      while ((n = server.read(buf)) !== null && n > 0) {
        if (server.write(buf.subarray(0, n)) !== n) throw new Error("short echo write");
      }
    } else if (event.token() === CLIENT) {
      const error = client.takeError();
      if (error !== null) throw error;
      if (event.isWritable() && sent < message.length) sent += client.write(message.subarray(sent)) ?? 0;
      let n;
      while (got < message.length && (n = client.read(received.subarray(got))) !== null && n > 0) got += n;
    }
  }
}
console.log(JSON.stringify({
  runtime: Poll.runtime,
  backend: Poll.backend,
  resolved: import.meta.resolve("${pkg}"),
  echoed: new TextDecoder().decode(received),
}));
client.close();
server?.close();
listener.close();
poll.close();
`;
}

/** Parses the echo program's report and checks the round trip. */
function checkEcho(stdout: string, expectedRuntime: string): EchoReport {
  const report = JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as EchoReport;
  assert.equal(report.runtime, expectedRuntime, stdout);
  // Node's and Bun's children inherit the simulated ABI's variables and load it as their C library too;
  // Deno's runs with --allow-ffi only, so it cannot read them (as the MIO_FORCE_* flags) and runs on epoll.
  const simulated = ON_SIMULATED_ABI && expectedRuntime !== "deno";
  assert.equal(report.backend, simulated ? "kqueue" : "epoll", stdout);
  assert.equal(report.echoed, `hello through the package, from ${expectedRuntime}`, stdout);
  return report;
}

/**
 * A TypeScript user's file, type-checked by `tsc` in a strict Node project
 * (@types/node 20, `lib` ES2022, `skipLibCheck` off) against the installed
 * declarations: they must resolve, be complete and precise (the
 * `@ts-expect-error` fails if a type is `any`).
 */
const TYPED_CONSUMER = `import { Events, Interest, type IoError, Poll, Token } from "mio-ts";
import { type SocketAddr, TcpListener, TcpStream } from "mio-ts/net";
import { UnixStream } from "mio-ts/unix";
import { NamedPipe } from "mio-ts/windows";

/** Opens the client end of a named pipe (Windows only). */
export function openPipe(name: string): NamedPipe {
  return NamedPipe.open(name);
}

export function connectOnce(): number | null {
  const poll: Poll = new Poll();
  const listener: TcpListener = TcpListener.bind("127.0.0.1:0");
  const addr: SocketAddr = listener.localAddr();
  const stream: TcpStream = TcpStream.connect(addr);
  poll.registry().register(stream, Token(1), Interest.READABLE | Interest.WRITABLE);
  poll.poll(new Events(8), 0);
  const error: IoError | null = stream.takeError();
  // @ts-expect-error read() returns number | null
  const wrong: string = stream.read(new Uint8Array(1));
  const [a, b] = UnixStream.pair();
  const n: number | null = a.write(new Uint8Array([1]));
  for (const source of [a, b, stream, listener, poll]) source.close();
  return error === null && wrong !== "" ? n : null;
}
`;

const PACK_CONTENTS =
  "npm pack: compiled ESM, declarations and TypeScript sources for every export; no tests; koffi the only dependency";
test(
  PACK_CONTENTS,
  nativeOnly("npm pack packs the same files on every architecture"),
  () => {
    inFreshFolder((dir) => {
      const { files } = pack(dir);
      const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
      assert.equal(manifest.type, "module");
      assert.deepEqual(Object.keys(manifest.dependencies), ["koffi"]);
      const has = new Set(files);
      for (const f of ["package.json", "README.md", "LICENSE", manifest.main, manifest.types]) {
        assert.ok(has.has(f.replace(/^\.\//, "")), `${f} is not in the tarball`);
      }
      for (
        const [subpath, targets] of Object.entries(manifest.exports as Record<string, Record<string, string>>)
      ) {
        assert.deepEqual(
          Object.keys(targets),
          ["bun", "types", "require", "default"],
          `exports["${subpath}"]`,
        );
        for (const target of Object.values(targets)) {
          assert.ok(
            has.has(target.replace(/^\.\//, "")),
            `exports["${subpath}"]: ${target} is not in the tarball`,
          );
        }
      }
      // Every TypeScript module ships compiled, with its declarations, and nothing compiled lacks a source.
      const sources = files.filter((f) => /^(mod\.ts|(src|sys)\/.*\.ts)$/.test(f));
      assert.ok(sources.length > 10, files.join("\n"));
      for (const source of sources) {
        for (const ext of [".js", ".d.ts"]) {
          const compiled = "dist/" + source.replace(/\.ts$/, ext);
          assert.ok(has.has(compiled), `${compiled} (from ${source}) is not in the tarball`);
        }
      }
      for (const f of files.filter((f) => f.startsWith("dist/"))) {
        const source = f.slice("dist/".length).replace(/(\.d)?\.ts$|\.js$/, ".ts");
        assert.ok(has.has(source), `${f} has no source in the tarball (stale dist/?)`);
      }
      assert.ok(has.has("docs/guide.md"), "the docs README links to are not in the tarball");
      const extra = files.filter((f) =>
        !sources.includes(f) && !f.startsWith("dist/") && !/^docs\/.*\.md$/.test(f) &&
        !["package.json", "README.md", "LICENSE", "CHANGELOG.md", "esm_only.cjs"].includes(f)
      );
      assert.deepEqual(extra, [], "unexpected files (tests, examples, bench, tarballs …)");
    });
  },
);

test(
  "Node: `npm install` of the packed tarball into a fresh folder; `import` from mio-ts and mio-ts/net runs an echo round trip; the declarations type-check in a strict TypeScript project",
  options,
  () => {
    assert.ok(
      Number(process.versions.node.split(".")[0]) >= 20,
      `Node ${process.version}: the package needs 20+`,
    );
    inFreshFolder((dir) => {
      const { tarball } = pack(dir);
      const app = join(dir, "app");
      mkdirSync(app);
      write(app, "package.json", JSON.stringify({ name: "app", private: true, type: "module" }));
      run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, "@types/node@20"], app);

      const report = checkEcho(
        run(process.execPath, [write(app, "echo.mjs", echoProgram("mio-ts"))], app),
        "node",
      );
      assert.ok(report.resolved.endsWith("/node_modules/mio-ts/dist/mod.js"), report.resolved);

      write(app, "consumer.ts", TYPED_CONSUMER);
      write(
        app,
        "tsconfig.json",
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: "nodenext",
            lib: ["es2022"],
            types: ["node"],
            skipLibCheck: false,
            noEmit: true,
          },
          files: ["consumer.ts"],
        }),
      );
      run(bin("tsc"), ["-p", "."], app, NATIVE_ENV);
    });
  },
);

const BUN_PACKAGE =
  "Bun: `bun add` of the packed tarball into a fresh folder; the echo round trip runs on the TypeScript sources";
test(
  BUN_PACKAGE,
  nativeOnly("it runs the host's Bun (node_modules/.bin/bun), not an aarch64 one"),
  () => {
    inFreshFolder((dir) => {
      const { tarball } = pack(dir);
      const app = join(dir, "app");
      mkdirSync(app);
      write(app, "package.json", JSON.stringify({ name: "app", private: true, type: "module" }));
      run(bin("bun"), ["add", tarball], app);

      const report = checkEcho(run(bin("bun"), [write(app, "echo.ts", echoProgram("mio-ts"))], app), "bun");
      // package.json's "bun" condition: Bun runs the sources, not dist/.
      assert.ok(report.resolved.endsWith("/node_modules/mio-ts/mod.ts"), report.resolved);
    });
  },
);

const DENO_PACKAGE =
  "Deno: a fresh project imports @mio-ts/mio through deno.json's export map; an example and the echo round trip run with only --allow-ffi";
test(
  DENO_PACKAGE,
  nativeOnly("it runs the host's Deno (node_modules/.bin/deno), not an aarch64 one"),
  () => {
    inFreshFolder((dir) => {
      // JSR is out of reach offline. The nearest equivalent: a workspace whose
      // member holds exactly what `deno publish` ships (deno.json
      // "publish.include"), imported by the package's name, so each import
      // resolves through the member's deno.json "exports" as a JSR install does.
      const config = JSON.parse(readFileSync(join(root, "deno.json"), "utf8"));
      const member = join(dir, "mio");
      for (const entry of config.publish.include as string[]) {
        cpSync(join(root, entry), join(member, entry), { recursive: true });
      }
      // Deno takes compilerOptions from the workspace root, and type-checks
      // the member as local code: the root carries the package's own options,
      // as `deno publish` checks with them (a JSR dependency is remote code,
      // which `deno check` does not report on by default).
      const workspace = { workspace: ["./mio"], compilerOptions: config.compilerOptions };
      write(dir, "deno.json", JSON.stringify(workspace));

      const deno = bin("deno");
      const echo = write(dir, "echo.ts", echoProgram(config.name));
      const report = checkEcho(run(deno, ["run", "--allow-ffi", echo], dir), "deno");
      assert.equal(report.resolved, new URL(`file://${member}/mod.ts`).href);

      // examples/tcp_server.ts, importing the package by name instead of by path, beside the
      // command-line module the examples share.
      write(dir, "command_line.ts", readFileSync(join(root, "examples", "command_line.ts"), "utf8"));
      const example = readFileSync(join(root, "examples", "tcp_server.ts"), "utf8")
        .replace(`from "../mod.ts"`, `from "${config.name}"`)
        .replace(`from "../src/net/mod.ts"`, `from "${config.name}/net"`);
      assert.ok(
        !example.includes(`from "../`),
        "examples/tcp_server.ts imports more than ../mod.ts and ../src/net/mod.ts",
      );
      const server = write(dir, "tcp_server.ts", example);
      // Type-checked through the export map too: the shipped files are all the types need.
      run(deno, ["check", echo, server], dir);
      const out = run(deno, ["run", "--allow-ffi", server], dir);
      assert.match(out, /done: \d+ events handled, 3 connections accepted and closed, 39 bytes echoed/);
    });
  },
);
