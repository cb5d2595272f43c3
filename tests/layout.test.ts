// Struct layouts and constants, checked against the C compiler's view of the
// system headers: a generated C program prints sizeof/offsetof of every
// struct in sys/layout.ts and the value of every constant we declare.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { linuxLayouts, type Struct } from "../sys/layout.ts";
import { LINUX } from "../sys/unix/constants_linux.ts";
import { LINUX_ERRNO } from "../sys/unix/errno_linux.ts";
import { Poll } from "../mod.ts";
import { FORCE_POLL_POLL } from "./util/mod.ts";

const arch = process.arch === "arm64" ? "aarch64" : "x86_64";
const cc = process.env.CC ?? "cc";
const haveCc = spawnSync(cc, ["--version"]).status === 0;
const onLinux = process.platform === "linux";
const skip = !onLinux
  ? `the Linux layouts are checked on Linux only (this is ${process.platform})`
  : !haveCc
  ? `no C compiler (${cc}) to read the system headers with`
  : false;
if (skip) console.log(`SKIP layout tests: ${skip}`);

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
];

/** Compiles and runs a C program printing "key value" lines; returns them as a map. */
function cValues(lines: string[]): Map<string, number> {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-layout-"));
  try {
    const src = join(dir, "probe.c");
    const exe = join(dir, "probe");
    writeFileSync(
      src,
      `#define _GNU_SOURCE\n${HEADERS.map((h) => `#include <${h}>`).join("\n")}\n` +
        `int main(void) {\n${lines.join("\n")}\nreturn 0;\n}\n`,
    );
    const build = spawnSync(cc, ["-o", exe, src], { encoding: "utf8" });
    assert.equal(build.status, 0, `cc failed: ${build.stderr}`);
    const out = spawnSync(exe, [], { encoding: "utf8" });
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

test(`struct layouts match the C headers (linux ${arch})`, { skip }, () => {
  const layouts = linuxLayouts(arch);
  const lines = Object.entries(layouts).flatMap(([name, s]) => structLines(name, s));
  const c = cValues(lines);
  for (const [name, s] of Object.entries(layouts) as [string, Struct][]) {
    assert.equal(s.size, c.get(name), `sizeof(${s.c})`);
    for (const [field, f] of Object.entries(s.fields)) {
      assert.equal(f.offset, c.get(`${name}.${field}@`), `offsetof(${s.c}, ${f.c})`);
      assert.equal(f.size, c.get(`${name}.${field}#`), `sizeof(${s.c}.${f.c})`);
    }
  }
});

test("epoll_event is 12 bytes (packed) on x86_64 and 16 elsewhere", () => {
  assert.equal(linuxLayouts("x86_64").epoll_event.size, 12);
  assert.equal(linuxLayouts("x86_64").epoll_event.fields.data.offset, 4);
  assert.equal(linuxLayouts("aarch64").epoll_event.size, 16);
  assert.equal(linuxLayouts("aarch64").epoll_event.fields.data.offset, 8);
});

test("Linux constants match the C headers", { skip }, () => {
  const names = Object.keys(LINUX);
  const c = cValues(names.map((n) => `printf("${n} %u\\n", (unsigned)(${n}));`));
  for (const n of names) assert.equal(LINUX[n as keyof typeof LINUX], c.get(n), n);
});

test("Linux errno numbers match the C headers", { skip }, () => {
  const entries = Object.entries(LINUX_ERRNO);
  const c = cValues(entries.map(([, [name]]) => `printf("${name} %d\\n", ${name});`));
  for (const [num, [name]] of entries) assert.equal(Number(num), c.get(name), name);
});

test("the platform in use reports its backend and runtime", () => {
  if (onLinux) assert.equal(Poll.backend, FORCE_POLL_POLL ? "poll" : "epoll");
  const g = globalThis as { Deno?: unknown; Bun?: unknown };
  assert.equal(Poll.runtime, g.Deno ? "deno" : g.Bun ? "bun" : "node");
});
