// How each variadic libc function is declared to the FFI on every OS/arch
// pair mio-ts supports or plans (VARIADIC in sys/unix/libc.ts), pinned entry by
// entry with its reason, and checked live where the suite runs: natively on
// x86_64 (System V) and under qemu on aarch64 (AAPCS64).
import { test } from "node:test";
import { LINUX_ONLY, onSimulatedAbi } from "./util/skips.ts";
import assert from "node:assert/strict";
import process from "node:process";
import { type OsArch, VARIADIC, variadicSymbols } from "../sys/unix/libc.ts";

const INT3 = ["i32", "i32", "i32"];
/** fd, cmd, six unused ints in x2–x7, then the variadic argument's 8-byte stack slot. */
const APPLE_STACK = ["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "usize"];

/** What every pair must declare, and words its reason must give. */
const EXPECTED: Record<OsArch, { strategy: string; args: string[]; padding: number; why: RegExp }> = {
  "linux-x86_64": { strategy: "fixed", args: INT3, padding: 0, why: /System V AMD64.*next integer register/ },
  "linux-aarch64": { strategy: "fixed", args: INT3, padding: 0, why: /AAPCS64.*same rules as named/ },
  "darwin-x86_64": { strategy: "fixed", args: INT3, padding: 0, why: /System V AMD64.*%al/ },
  "darwin-aarch64": {
    strategy: "stack",
    args: APPLE_STACK,
    padding: 6,
    why: /Apple arm64.*on the stack.*Writing ARM64 code for Apple platforms.*first stack slot/,
  },
  "freebsd-x86_64": { strategy: "fixed", args: INT3, padding: 0, why: /System V AMD64/ },
  "freebsd-aarch64": { strategy: "fixed", args: INT3, padding: 0, why: /AAPCS64/ },
  "netbsd-x86_64": { strategy: "fixed", args: INT3, padding: 0, why: /System V AMD64/ },
  "netbsd-aarch64": { strategy: "fixed", args: INT3, padding: 0, why: /AAPCS64/ },
  "openbsd-x86_64": { strategy: "fixed", args: INT3, padding: 0, why: /System V AMD64/ },
  "openbsd-aarch64": { strategy: "fixed", args: INT3, padding: 0, why: /AAPCS64/ },
  "dragonfly-x86_64": { strategy: "fixed", args: INT3, padding: 0, why: /System V AMD64/ },
  "dragonfly-aarch64": { strategy: "fixed", args: INT3, padding: 0, why: /AAPCS64/ },
  "android-x86_64": { strategy: "fixed", args: INT3, padding: 0, why: /System V AMD64/ },
  "android-aarch64": { strategy: "fixed", args: INT3, padding: 0, why: /AAPCS64/ },
};

test("the variadic table covers exactly the supported and planned OS/arch pairs", () => {
  assert.deepEqual(Object.keys(VARIADIC).sort(), Object.keys(EXPECTED).sort());
  for (const [pair, fns] of Object.entries(VARIADIC)) {
    assert.deepEqual(Object.keys(fns), ["fcntl"], `${pair}: the variadic functions mio-ts calls`);
  }
});

for (const [pair, want] of Object.entries(EXPECTED)) {
  test(`fcntl on ${pair} is declared ${want.strategy}, and says why`, () => {
    const d = VARIADIC[pair as OsArch].fcntl;
    assert.match(d.c, /^int fcntl\(int fd, int cmd, \.\.\./);
    assert.equal(d.strategy, want.strategy);
    assert.deepEqual(d.args, want.args);
    assert.equal(d.result, "i32");
    assert.equal(d.padding, want.padding);
    // The caller's arguments: fd, cmd, `padding` zeros, then the variadic one.
    assert.equal(d.args.length, 2 + d.padding + 1);
    assert.match(d.reason, want.why);
  });
}

test("on Apple arm64 the named arguments fill x0–x7, so fcntl's argument is a whole stack slot", () => {
  const { args } = VARIADIC["darwin-aarch64"].fcntl;
  const named = args.slice(0, -1);
  assert.equal(named.length, 8, "eight integer argument registers");
  assert.ok(named.every((t) => t === "i32"));
  assert.equal(args.at(-1), "usize", "an 8-byte slot, wide enough for a pointer argument too");
});

test("variadicSymbols gives a pair's declarations and refuses a pair that has none", () => {
  assert.equal(variadicSymbols("linux", "aarch64"), VARIADIC["linux-aarch64"]);
  assert.equal(variadicSymbols("darwin", "aarch64").fcntl.strategy, "stack");
  assert.throws(() => variadicSymbols("windows", "x86_64"), /no declaration .* windows on x86_64/);
});

const linux = process.platform === "linux";
const arch = process.arch === "arm64" ? "aarch64" : "x86_64";
const skipLive = !linux
  ? `fcntl is called through libc.so.6 on Linux only (this is ${process.platform})`
  : onSimulatedAbi(LINUX_ONLY.epoll);
if (skipLive) console.log(`SKIP fcntl live test: ${skipLive}`);

test(`fcntl's variadic argument reaches the callee (linux ${arch})`, { skip: skipLive }, async () => {
  const { libc } = await import("../sys/unix/libc.ts");
  const { LINUX: C } = await import("../sys/unix/tables_linux.ts");
  const fd = libc.eventfd(0, C.EFD_CLOEXEC);
  assert.ok(fd >= 0, "eventfd");
  try {
    const flags = libc.fcntl(fd, C.F_GETFL, 0);
    assert.equal(flags & C.O_NONBLOCK, 0, "eventfd without EFD_NONBLOCK is blocking");
    // F_SETFL reads its third argument: it arrives only if the declaration is right.
    assert.equal(libc.fcntl(fd, C.F_SETFL, flags | C.O_NONBLOCK), 0);
    assert.equal(libc.fcntl(fd, C.F_GETFL, 0) & C.O_NONBLOCK, C.O_NONBLOCK);
    assert.equal(libc.fcntl(fd, C.F_SETFL, flags), 0);
    assert.equal(libc.fcntl(fd, C.F_GETFL, 0) & C.O_NONBLOCK, 0);
  } finally {
    libc.close(fd);
  }
});
