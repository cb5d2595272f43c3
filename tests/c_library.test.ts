/**
 * The C library mio-ts opens on each Unix, chosen from the runtime's facts,
 * and the error of an unsupported OS or architecture, raised before any
 * library is opened.
 *
 * @module
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import process from "node:process";
import { cLibraryFor, pthreadKeysMax } from "../sys/unix/c_library.ts";
import { unsupportedPlatform } from "../sys/support.ts";
import { unixOsFor } from "../sys/unix/unix_os.ts";
import { onWindows } from "./util/skips.ts";

test("glibc: libc.so.6 and __errno_location; an unknown Linux C library is taken as glibc", () => {
  for (const arch of ["x86_64", "aarch64"] as const) {
    const want = { library: "libc.so.6", errnoSymbol: "__errno_location" };
    assert.deepEqual(cLibraryFor({ os: "linux", arch, linuxLibc: "glibc" }), want);
    assert.deepEqual(cLibraryFor({ os: "linux", arch, linuxLibc: null }), want);
  }
});

test("musl: libc.musl-<arch>.so.1 and __errno_location", () => {
  assert.deepEqual(cLibraryFor({ os: "linux", arch: "x86_64", linuxLibc: "musl" }), {
    library: "libc.musl-x86_64.so.1",
    errnoSymbol: "__errno_location",
  });
  assert.deepEqual(cLibraryFor({ os: "linux", arch: "aarch64", linuxLibc: "musl" }), {
    library: "libc.musl-aarch64.so.1",
    errnoSymbol: "__errno_location",
  });
});

test("Android's bionic: libc.so and __errno", () => {
  assert.deepEqual(cLibraryFor({ os: "android", arch: "aarch64", linuxLibc: null }), {
    library: "libc.so",
    errnoSymbol: "__errno",
  });
});

test("macOS and the BSDs: their C library and errno function", () => {
  const of = (os: "darwin" | "freebsd" | "netbsd" | "openbsd" | "dragonfly") =>
    cLibraryFor({ os, arch: "x86_64", linuxLibc: null });
  assert.deepEqual(of("darwin"), { library: "/usr/lib/libSystem.B.dylib", errnoSymbol: "__error" });
  assert.deepEqual(of("freebsd"), { library: "libc.so.7", errnoSymbol: "__error" });
  assert.deepEqual(of("netbsd"), { library: "libc.so.12", errnoSymbol: "__errno" });
  assert.deepEqual(of("openbsd"), { library: "libc.so", errnoSymbol: "__errno" });
  assert.deepEqual(of("dragonfly"), { library: "libc.so.8", errnoSymbol: "__errno_location" });
});

test("each Unix's socket layer: Apple has no SOCK_NONBLOCK/accept4/pipe2 and sets SO_NOSIGPIPE", () => {
  const darwin = unixOsFor("darwin", "aarch64");
  assert.equal(darwin.atomicFlags, false);
  assert.equal(darwin.noSigPipeOption, true);
  assert.equal(darwin.sendFlags, 0);
  assert.equal(darwin.constants.SO_NOSIGPIPE, 0x1022);
  assert.equal(darwin.layouts.sockaddr_un.size, 106);
  assert.equal(darwin.layouts.sockaddr_in.fields.family.size, 1);
  const freebsd = unixOsFor("freebsd", "x86_64");
  assert.equal(freebsd.atomicFlags, true);
  assert.equal(freebsd.sendFlags, 0x20000);
  assert.equal(freebsd.constants.SOCK_NONBLOCK, 0x20000000);
  assert.equal(freebsd.kqueueOs, "freebsd");
  const linux = unixOsFor("linux", "x86_64");
  assert.equal(linux.kqueueOs, null);
  assert.equal(linux.sendFlags, 0x4000);
  assert.equal(linux.layouts.sockaddr_un.size, 110);
  assert.throws(() => unixOsFor("sunos", "x86_64"), /sunos is not a Unix mio-ts supports/);
});

test("an unsupported OS or architecture is mio-ts's own Error naming both", () => {
  for (const os of ["linux", "android", "darwin", "freebsd", "netbsd", "openbsd", "dragonfly", "windows"]) {
    for (const arch of ["x86_64", "aarch64"]) {
      assert.equal(unsupportedPlatform(os, arch), null, `${os}/${arch}`);
    }
  }
  const sunos = unsupportedPlatform("sunos", "x86_64");
  assert.ok(sunos instanceof Error);
  assert.match(sunos.message, /^mio-ts: sunos\/x86_64 is not supported/);
  assert.match(unsupportedPlatform("linux", "riscv64")!.message, /^mio-ts: linux\/riscv64 is not supported/);
  assert.match(unsupportedPlatform("darwin", "x86")!.message, /darwin\/x86/);
});

test("MIO_TS_SIMULATE_OS without MIO_TS_SIMULATE_LIB fails at import with mio-ts's own Error", {
  skip: onWindows("the simulated ABI runs on Linux only"),
}, () => {
  const g = globalThis as { Deno?: unknown; Bun?: unknown };
  const here = new URL(import.meta.url);
  const mod = new URL(here.pathname.endsWith(".js") ? "../mod.js" : "../mod.ts", here).href;
  const code = `import(${
    JSON.stringify(mod)
  }).then(() => console.log("loaded"), (e) => console.log(String(e)))`;
  const args = g.Deno ? ["eval", code] : g.Bun ? ["-e", code] : ["--input-type=module", "-e", code];
  const env = { ...process.env, MIO_TS_SIMULATE_OS: "darwin", MIO_TS_SIMULATE_LIB: "" };
  const r = spawnSync(process.execPath, args, { encoding: "utf8", env });
  assert.match(r.stdout, /Error: mio-ts: MIO_TS_SIMULATE_OS=darwin needs MIO_TS_SIMULATE_LIB/, r.stderr);
});

test("PTHREAD_KEYS_MAX per C library: glibc 1024, musl 128, Apple 512, FreeBSD 256, the others musl's 128", () => {
  const max = (os: Parameters<typeof pthreadKeysMax>[0]["os"], linuxLibc: "glibc" | "musl" | null = null) =>
    pthreadKeysMax({ os, arch: "x86_64", linuxLibc });
  assert.equal(max("linux", "glibc"), 1024);
  assert.equal(max("linux", null), 1024);
  assert.equal(max("linux", "musl"), 128);
  assert.equal(max("darwin"), 512);
  assert.equal(max("freebsd"), 256);
  for (const os of ["android", "netbsd", "openbsd", "dragonfly"] as const) assert.equal(max(os), 128);
});
