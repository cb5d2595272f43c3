// Struct layouts and constants, checked against the C compiler's view of the
// system headers: a generated C program prints sizeof/offsetof of every
// struct in sys/layout.ts and the value of every constant we declare. Both
// architectures are checked wherever their compiler can be had: this
// process's with its own compiler, the other with a cross compiler
// (Debian's gcc-aarch64-linux-gnu, gcc-x86-64-linux-gnu) and its probe run
// through qemu-user; each is skipped with the reason where it cannot be.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import type { Arch } from "../sys/ffi/ffi.ts";
import { linuxLayouts, type Struct } from "../sys/layout.ts";
import { LINUX, LINUX_ERRNO } from "../sys/unix/tables_linux.ts";
import { Poll } from "../mod.ts";
import { LINUX_BACKEND } from "./util/platform.ts";

const processArch: Arch = process.arch === "arm64" ? "aarch64" : "x86_64";
const onLinux = process.platform === "linux";

/** How to build and run a probe for one architecture. */
interface Toolchain {
  /** The C compiler and its extra arguments. */
  readonly cc: readonly string[];
  /** What runs the probe: nothing (run it directly) or the qemu-user emulator. */
  readonly runner: readonly string[];
}

function have(cmd: string): boolean {
  return spawnSync(cmd, ["--version"], { stdio: "ignore" }).status === 0;
}

/** The toolchain for `target` here, or why there is none. */
function toolchain(target: Arch): Toolchain | string {
  if (!onLinux) return `the Linux layouts are checked on Linux only (this is ${process.platform})`;
  const cross = `${target}-linux-gnu-gcc`;
  if (target === processArch) {
    // Under qemu-user, `cc` is the host's compiler, reading the host's headers:
    // prefer the compiler named after this architecture.
    const cc = process.env.CC ?? (have(cross) ? cross : "cc");
    return have(cc) ? { cc: [cc], runner: [] } : `no C compiler (${cc}) to read the system headers with`;
  }
  const qemu = `qemu-${target}-static`;
  if (!have(cross)) {
    return `no ${target} cross compiler (${cross}, Debian's gcc-${target.replace("_", "-")}-linux-gnu)`;
  }
  if (!have(qemu)) return `no ${qemu} to run the ${target} probe with (Debian's qemu-user-static)`;
  // Static, so that qemu needs no ${target} libc to run it.
  return { cc: [cross, "-static"], runner: [qemu] };
}

/** Each architecture's toolchain, this process's first. */
const TARGETS = ([processArch, processArch === "x86_64" ? "aarch64" : "x86_64"] as const).map((target) => {
  const tc = toolchain(target);
  if (typeof tc === "string") console.log(`SKIP layout tests (linux ${target}): ${tc}`);
  return { target, tc, skip: typeof tc === "string" ? tc : false };
});

const HEADERS = [
  "stddef.h",
  "stdio.h",
  "errno.h",
  "fcntl.h",
  "sys/epoll.h",
  "sys/eventfd.h",
  "sys/socket.h",
  "sys/uio.h",
  "netinet/in.h",
  "netinet/tcp.h",
  "poll.h",
  "sys/un.h",
  "sys/resource.h",
];

/** Compiles and runs a C program printing "key value" lines; returns them as a map. */
function cValues(tc: Toolchain | string, lines: string[]): Map<string, number> {
  if (typeof tc === "string") throw new Error(tc);
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-layout-"));
  try {
    const src = join(dir, "probe.c");
    const exe = join(dir, "probe");
    writeFileSync(
      src,
      `#define _GNU_SOURCE\n${HEADERS.map((h) => `#include <${h}>`).join("\n")}\n` +
        `int main(void) {\n${lines.join("\n")}\nreturn 0;\n}\n`,
    );
    const [cc, ...ccArgs] = tc.cc;
    const build = spawnSync(cc, [...ccArgs, "-o", exe, src], { encoding: "utf8" });
    assert.equal(build.status, 0, `${cc} failed: ${build.stderr}`);
    const [cmd, ...args] = [...tc.runner, exe];
    const out = spawnSync(cmd, args, { encoding: "utf8" });
    assert.equal(out.status, 0, `probe failed: ${out.stderr}`);
    return new Map(
      out.stdout.trim().split("\n").map((l) => {
        const [k, v] = l.split(" ");
        return [k, Number(v)] as [string, number];
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function structLines(name: string, s: Struct): string[] {
  const lines = [`printf("${name} %zu\\n", sizeof(${s.c}));`];
  for (const [field, f] of Object.entries(s.fields)) {
    lines.push(`printf("${name}.${field}@ %zu\\n", offsetof(${s.c}, ${f.c}));`);
    lines.push(`printf("${name}.${field}# %zu\\n", sizeof(((${s.c} *)0)->${f.c}));`);
  }
  return lines;
}

for (const { target, tc, skip } of TARGETS) {
  test(`struct layouts match the C headers (linux ${target})`, { skip }, () => {
    const layouts = linuxLayouts(target);
    const lines = Object.entries(layouts).flatMap(([name, s]) => structLines(name, s));
    const c = cValues(tc, lines);
    for (const [name, s] of Object.entries(layouts) as [string, Struct][]) {
      assert.equal(s.size, c.get(name), `sizeof(${s.c})`);
      for (const [field, f] of Object.entries(s.fields)) {
        assert.equal(f.offset, c.get(`${name}.${field}@`), `offsetof(${s.c}, ${f.c})`);
        assert.equal(f.size, c.get(`${name}.${field}#`), `sizeof(${s.c}.${f.c})`);
      }
    }
  });
}

test("epoll_event is 12 bytes (packed) on x86_64 and 16 elsewhere", () => {
  assert.equal(linuxLayouts("x86_64").epoll_event.size, 12);
  assert.equal(linuxLayouts("x86_64").epoll_event.fields.data.offset, 4);
  assert.equal(linuxLayouts("aarch64").epoll_event.size, 16);
  assert.equal(linuxLayouts("aarch64").epoll_event.fields.data.offset, 8);
});

for (const { target, tc, skip } of TARGETS) {
  test(`Linux constants match the C headers (${target})`, { skip }, () => {
    const names = Object.keys(LINUX);
    const c = cValues(tc, names.map((n) => `printf("${n} %u\\n", (unsigned)(${n}));`));
    for (const n of names) assert.equal(LINUX[n as keyof typeof LINUX], c.get(n), n);
  });

  test(`Linux errno numbers match the C headers (${target})`, { skip }, () => {
    const entries = Object.entries(LINUX_ERRNO);
    const c = cValues(tc, entries.map(([, [name]]) => `printf("${name} %d\\n", ${name});`));
    for (const [num, [name]] of entries) assert.equal(Number(num), c.get(name), name);
  });
}

test("the platform in use reports its backend and runtime", () => {
  if (onLinux) assert.equal(Poll.backend, LINUX_BACKEND);
  const g = globalThis as { Deno?: unknown; Bun?: unknown };
  assert.equal(Poll.runtime, g.Deno ? "deno" : g.Bun ? "bun" : "node");
});
