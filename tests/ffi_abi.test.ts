// What sys/unix/libc.ts relies on when it calls libc:
// - the system call numbers it passes to syscall(2) are each architecture's
//   (checked at compile time against the headers, with the cross compiler
//   for the other architecture);
// - a byte count declared `i32` reaches a C `size_t` parameter with the
//   upper half of its 64-bit register zero, on the runtime running the test:
//   a C function compiled here reports any argument whose upper half is set,
//   called through the library's FFI layer as libc.ts calls read/send/recv,
//   right after a call that filled the same registers with 64-bit values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import type { Arch } from "../sys/ffi/ffi.ts";
import { ffi } from "../sys/ffi/load.ts";
import { LINUX_SYSCALLS } from "../sys/unix/tables_linux.ts";

// libc.ts opens libc.so.6 at import: loaded on Unix only (this file's tests are Linux-only).
import { MAX_IO } from "../sys/unix/libc.ts";

const processArch: Arch = process.arch === "arm64" ? "aarch64" : "x86_64";
const onLinux = process.platform === "linux";

function have(cc: string): boolean {
  return spawnSync(cc, ["--version"], { stdio: "ignore" }).status === 0;
}

/** The C compiler for `target` (under qemu-user, `cc` is the host's: the one named after the target first), or why none. */
function compiler(target: Arch): string | { skip: string } {
  if (!onLinux) return { skip: `Linux only (this is ${process.platform})` };
  const cross = `${target}-linux-gnu-gcc`;
  if (have(cross)) return cross;
  if (target === processArch && have("cc")) return "cc";
  return {
    skip: `no C compiler for ${target} (${cross}, Debian's gcc-${target.replace("_", "-")}-linux-gnu)`,
  };
}

/** Runs `cc` with `args` on the C `source`, in a temporary directory; returns the directory's path to `then`. */
function compile<T>(
  cc: string,
  source: string,
  args: (dir: string) => string[],
  then: (dir: string) => T,
): T {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-abi-"));
  try {
    writeFileSync(join(dir, "probe.c"), source);
    const r = spawnSync(cc, [...args(dir), join(dir, "probe.c")], { encoding: "utf8" });
    assert.equal(r.status, 0, `${cc} failed:\n${r.stderr}`);
    return then(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const target of ["x86_64", "aarch64"] as const) {
  const cc = compiler(target);
  const skip = typeof cc === "string" ? false : cc.skip;
  if (skip) console.log(`SKIP syscall numbers (linux ${target}): ${skip}`);
  test(`syscall numbers for linux ${target} are its headers' (sys/unix/tables_linux.ts)`, { skip }, () => {
    const nr = LINUX_SYSCALLS[target];
    const asserts = [
      `_Static_assert(SYS_read == ${nr.SYS_read}, "SYS_read");`,
      `_Static_assert(SYS_sendto == ${nr.SYS_sendto}, "SYS_sendto");`,
      `_Static_assert(SYS_epoll_pwait == ${nr.SYS_epoll_pwait}, "SYS_epoll_pwait");`,
      nr.SYS_epoll_wait === null
        ? "#ifdef SYS_epoll_wait\n#error SYS_epoll_wait exists\n#endif"
        : `_Static_assert(SYS_epoll_wait == ${nr.SYS_epoll_wait}, "SYS_epoll_wait");`,
    ];
    compile(
      cc as string,
      `#include <sys/syscall.h>\n${asserts.join("\n")}\n`,
      () => ["-fsyntax-only"],
      () => {},
    );
  });
}

const SOURCE = `#include <stddef.h>
#include <stdint.h>
/* Bit i set: argument i arrived with bits 63-32 set. */
int upper_halves(size_t a, size_t b, size_t c, size_t d, size_t e, size_t f) {
  size_t v[6] = { a, b, c, d, e, f };
  int bits = 0;
  for (int i = 0; i < 6; i++) if ((uint64_t)v[i] >> 32) bits |= 1 << i;
  return bits;
}
/* Takes six 64-bit values, leaving them in the argument registers. */
int fill(size_t a, size_t b, size_t c, size_t d, size_t e, size_t f) {
  return (int)((a ^ b ^ c ^ d ^ e ^ f) & 1);
}
`;

const native = compiler(processArch);
const nativeSkip = typeof native === "string" ? false : native.skip;
if (nativeSkip) console.log(`SKIP i32 counts into size_t: ${nativeSkip}`);

test("a count declared i32 reaches a size_t parameter with the upper half zero (libc.ts's declarations)", {
  skip: nativeSkip,
}, () => {
  compile(
    native as string,
    SOURCE,
    (dir) => ["-O2", "-shared", "-fPIC", "-o", join(dir, "probe.so")],
    (dir) => {
      const lib = ffi.open(join(dir, "probe.so"), {
        upper_halves: {
          c: "int upper_halves(size_t, size_t, size_t, size_t, size_t, size_t)",
          args: ["i32", "i32", "i32", "i32", "i32", "i32"],
          result: "i32",
        },
        fill: {
          c: "int fill(size_t, size_t, size_t, size_t, size_t, size_t)",
          args: ["usize", "usize", "usize", "usize", "usize", "usize"],
          result: "i32",
        },
      });
      const big = 2 ** 52 + 2 ** 40 + 12345; // a number with bits set above bit 31
      const views = [
        new Uint8Array(64),
        new Uint8Array(100_000),
        new Uint8Array(8).subarray(3),
        new Uint8Array(0),
      ];
      let seen = 0;
      // Enough calls for the JIT to compile the loop, so the optimized call path is checked too.
      for (let i = 0; i < 20_000; i++) {
        if (i % 3 === 0) lib.fill(big, big, big, big, big, big);
        const view = views[i % views.length];
        const len = Math.min(view.byteLength, MAX_IO); // as sys/unix/sockets.ts computes a count
        seen |= lib.upper_halves(len, MAX_IO, 0, i & 0xffff, view.length, i >>> 1);
      }
      assert.equal(seen, 0, `arguments with their upper half set: bit mask ${seen.toString(2)}`);
      // The probe itself can fail: a 64-bit value in the same function is reported.
      const wide = ffi.open(join(dir, "probe.so"), {
        upper_halves: { c: "", args: ["usize", "i32", "i32", "i32", "i32", "i32"], result: "i32" },
      });
      assert.equal(wide.upper_halves(big, 0, 0, 0, 0, 0), 1);
    },
  );
});
