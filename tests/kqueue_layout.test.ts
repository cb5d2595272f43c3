// The kqueue tables (sys/layout.ts, sys/unix/tables_bsd.ts,
// the kqueue targets in sys/unix/kqueue.ts) checked entry by entry against the
// headers they were read from, quoted in tests/kqueue/header_quotes.ts with
// their source and version: macOS/iOS (xnu-11417.101.15), FreeBSD 14,
// NetBSD 10, OpenBSD 7.0, DragonFly, and libkqueue. Struct layouts are
// computed here from the quoted declarations with the C layout rules of LP64
// (x86_64 and aarch64 alike), not copied. Where a C compiler and libkqueue's
// header are present, a C probe compiled against that header checks the
// layout and constants the selector uses over libkqueue; on a kqueue OS
// (not this Linux machine) the same probe would check that OS's tables
// against its own <sys/event.h>.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { kqueueLayouts, type KqueueOs, type Struct } from "../sys/layout.ts";
import {
  BSD_TABLES,
  type BsdConstants,
  DARWIN,
  DRAGONFLY,
  FREEBSD,
  type KqueueConstants,
  LIBKQUEUE,
  NETBSD,
  OPENBSD,
} from "../sys/unix/tables_bsd.ts";
import { LINUX, LINUX_ERRNO } from "../sys/unix/tables_linux.ts";
import { KeventCodec, KQUEUE_TARGETS, libkqueueTarget } from "../sys/unix/kqueue.ts";
import type { ErrnoTable } from "../sys/error.ts";
import * as Q from "./kqueue/header_quotes.ts";

// --- reading the quotes --------------------------------------------------------

function signed(text: string): number {
  return text.startsWith("-") ? -Number(text.slice(1)) : Number(text);
}

/**
 * `NAME → value` from quoted `#define NAME value` lines (a value such as
 * `(-1)`, `0x0040U` or `41`; symbolic ones are skipped) and x/sys's
 * `NAME = value` lines. A later definition of a name wins.
 */
function definitions(...texts: string[]): Map<string, number> {
  const found = new Map<string, number>();
  const define = /^#define\s+(\w+)\s+\(?(-?(?:0x[0-9a-fA-F]+|\d+))U?\)?(?:\s|$)/;
  const go = /^(\w+) = (?:syscall\.Errno\()?(0x[0-9a-f]+|\d+)\)?$/;
  for (const raw of texts.join("\n").split("\n")) {
    const m = define.exec(raw.trim()) ?? go.exec(raw.trim());
    if (m !== null) found.set(m[1], signed(m[2]));
  }
  return found;
}

/** x/sys error-table lines `{35, "EWOULDBLOCK", "…"}` as name → [number, message]; `EWOULDBLOCK` is `EAGAIN`. */
function xsysErrors(text: string): Map<string, [number, string]> {
  const found = new Map<string, [number, string]>();
  for (const m of text.matchAll(/^\{(\d+), "(\w+)", "([^"]*)"\},$/gm)) {
    found.set(m[2] === "EWOULDBLOCK" ? "EAGAIN" : m[2], [Number(m[1]), m[3]]);
  }
  return found;
}

// --- C struct layout, computed from the quoted declarations ---------------------

/** Size and alignment of each C type the quoted declarations use, on LP64. */
const C_TYPES: Readonly<Record<string, readonly [number, number]>> = {
  "char": [1, 1],
  "unsigned char": [1, 1],
  "__uint8_t": [1, 1],
  "sa_family_t": [1, 1], // BSD: __uint8_t
  "short": [2, 2],
  "u_short": [2, 2],
  "unsigned short": [2, 2],
  "int16_t": [2, 2],
  "uint16_t": [2, 2],
  "in_port_t": [2, 2],
  "u_int": [4, 4],
  "unsigned int": [4, 4],
  "uint32_t": [4, 4],
  "__uint32_t": [4, 4],
  "struct in_addr": [4, 4],
  "struct in6_addr": [16, 4],
  "uintptr_t": [8, 8],
  "__uintptr_t": [8, 8],
  "intptr_t": [8, 8],
  "int64_t": [8, 8],
  "__int64_t": [8, 8],
  "__uint64_t": [8, 8],
  "void *": [8, 8],
};

/** A struct's size and its fields' offsets and sizes by C name, laid out as a C compiler does. */
interface Computed {
  size: number;
  fields: Map<string, { offset: number; size: number }>;
}

const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

/**
 * Lays out `struct name { … }` quoted in `text`, with `#pragma pack(n)` when
 * the quote has one before it, and array lengths given by `macros`.
 */
function layoutOf(text: string, name: string, macros: Record<string, number> = {}): Computed {
  const start = text.search(new RegExp(String.raw`struct\s+${name}\s*\{`));
  assert.ok(start >= 0, `struct ${name} is quoted`);
  const pack = /#pragma pack\((\d+)\)/.exec(text.slice(0, start));
  const maxAlign = pack === null ? Infinity : Number(pack[1]);
  const body = text.slice(text.indexOf("{", start) + 1, text.indexOf("};", start));
  const fields = new Map<string, { offset: number; size: number }>();
  let offset = 0;
  let structAlign = 1;
  for (const raw of body.split("\n")) {
    const line = raw.replace(/\/\*.*?\*\/|\/\/.*$/g, "").trim().replace(/\s+/g, " ");
    if (line === "") continue;
    const m = /^(.+?) ?(\*?)(\w+)(?:\[(\w+)\])?;$/.exec(line);
    assert.ok(m !== null, `cannot read the declaration ${JSON.stringify(line)}`);
    const type = m[2] === "*" ? `${m[1]} *` : m[1];
    assert.ok(Object.hasOwn(C_TYPES, type), `unknown C type ${type}`);
    const [size, align] = C_TYPES[type];
    const count = m[4] === undefined ? 1 : /^\d+$/.test(m[4]) ? Number(m[4]) : macros[m[4]];
    assert.ok(Number.isInteger(count), `array length ${m[4]}`);
    const a = Math.min(align, maxAlign);
    offset = alignUp(offset, a);
    fields.set(m[3], { offset, size: size * count });
    offset += size * count;
    structAlign = Math.max(structAlign, a);
  }
  return { size: alignUp(offset, structAlign), fields };
}

/** Asserts every field `layout` declares sits where `computed` puts its C name, and the sizes agree. */
function assertLayout(layout: Struct, computed: Computed, what: string): void {
  assert.equal(layout.size, computed.size, `${what}: sizeof(${layout.c})`);
  for (const [ours, field] of Object.entries(layout.fields)) {
    const c = computed.fields.get(field.c);
    assert.ok(c !== undefined, `${what}: ${layout.c} has no field ${field.c} (our ${ours})`);
    assert.deepEqual({ offset: field.offset, size: field.size }, c, `${what}: ${layout.c}.${field.c}`);
  }
}

// --- the expected tables, per OS -------------------------------------------------

interface OsSources {
  /** The OS's tables. */
  readonly tables: BsdConstants;
  readonly errno: ErrnoTable;
  /** Quotes holding its `<sys/event.h>` values and `struct kevent`. */
  readonly event: string;
  /** Quotes holding its socket, fcntl and errno numbers. */
  readonly socket: string;
  /** Its errno names, numbers and messages. */
  readonly errors: Map<string, [number, string]>;
  /** x/sys's socket address sizes. */
  readonly sizes: string;
  /**
   * Filters the header defines but the table leaves `null`, because mio
   * does not use them on this OS (and why).
   */
  readonly unused: Readonly<Record<string, string>>;
}

/** macOS's errno names: numbers from xnu's errno.h, messages from libc's strerror (x/sys's table). */
function darwinErrors(): Map<string, [number, string]> {
  const numbers = definitions(Q.DARWIN_ERRNO_H);
  const errors = new Map<string, [number, string]>();
  for (const [name, [, text]] of xsysErrors(Q.DARWIN_XSYS_ERRORS)) {
    errors.set(name, [numbers.get(name) ?? NaN, text]);
  }
  return errors;
}

const PIPE_WAKER = "mio wakes this OS through a pipe (src/sys/unix/mod.rs, mio v1.2.2-10-g7654f571)";
const NO_AIO = "mio's is_aio is false on this OS";

const OSES: Readonly<Record<KqueueOs, OsSources>> = {
  darwin: {
    tables: BSD_TABLES.darwin.constants,
    errno: BSD_TABLES.darwin.errno,
    event: Q.DARWIN_EVENT_H + Q.DARWIN_STRUCTS_H,
    socket: Q.DARWIN_SOCKET_H + Q.DARWIN_ERRNO_H,
    errors: darwinErrors(),
    sizes: Q.DARWIN_XSYS_SIZES,
    unused: {},
  },
  freebsd: {
    tables: BSD_TABLES.freebsd.constants,
    errno: BSD_TABLES.freebsd.errno,
    event: Q.FREEBSD_EVENT_H,
    socket: Q.FREEBSD_XSYS_CONSTANTS,
    errors: xsysErrors(Q.FREEBSD_XSYS_ERRORS),
    sizes: Q.FREEBSD_XSYS_SIZES,
    unused: {},
  },
  netbsd: {
    tables: BSD_TABLES.netbsd.constants,
    errno: BSD_TABLES.netbsd.errno,
    event: Q.NETBSD_EVENT_H,
    socket: Q.NETBSD_XSYS_CONSTANTS,
    errors: xsysErrors(Q.NETBSD_XSYS_ERRORS),
    sizes: Q.NETBSD_XSYS_SIZES,
    unused: { EVFILT_AIO: NO_AIO, EVFILT_USER: PIPE_WAKER, NOTE_TRIGGER: PIPE_WAKER },
  },
  openbsd: {
    tables: BSD_TABLES.openbsd.constants,
    errno: BSD_TABLES.openbsd.errno,
    event: Q.OPENBSD_EVENT_H,
    socket: Q.OPENBSD_XSYS_CONSTANTS,
    errors: xsysErrors(Q.OPENBSD_XSYS_ERRORS),
    sizes: Q.OPENBSD_XSYS_SIZES,
    unused: { EVFILT_AIO: NO_AIO, EVFILT_USER: PIPE_WAKER, NOTE_TRIGGER: PIPE_WAKER },
  },
  dragonfly: {
    tables: BSD_TABLES.dragonfly.constants,
    errno: BSD_TABLES.dragonfly.errno,
    // EV_RECEIPT is newer than the quoted event.h: x/sys records it.
    event: Q.DRAGONFLY_EVENT_H + Q.DRAGONFLY_XSYS_CONSTANTS,
    socket: Q.DRAGONFLY_XSYS_CONSTANTS,
    errors: xsysErrors(Q.DRAGONFLY_XSYS_ERRORS),
    sizes: Q.DRAGONFLY_XSYS_SIZES,
    unused: { EVFILT_USER: PIPE_WAKER, NOTE_TRIGGER: PIPE_WAKER },
  },
};

/** The errno numbers the kqueue tables also carry, checked against each OS's errno source. */
const KQUEUE_ERRNO_NAMES = ["EINTR", "ENOENT", "EPIPE"] as const;

/** Checks a kqueue table: each value as quoted; each `null` absent from the quotes or unused on purpose. */
function assertKqueueTable(
  table: KqueueConstants,
  quoted: Map<string, number>,
  errnoOf: (name: string) => number | undefined,
  unused: Readonly<Record<string, string>>,
  what: string,
): void {
  for (const [name, value] of Object.entries(table)) {
    if (name === "F_SETFD" || name === "FD_CLOEXEC" || name === "F_DUPFD_CLOEXEC") continue; // <fcntl.h>: below
    const expected = (KQUEUE_ERRNO_NAMES as readonly string[]).includes(name)
      ? errnoOf(name)
      : quoted.get(name);
    if (value === null) {
      assert.ok(
        expected === undefined || Object.hasOwn(unused, name),
        `${what}: ${name} is null, but the header defines ${expected}`,
      );
    } else {
      assert.equal(value, expected, `${what}: ${name}`);
    }
  }
}

// --- the tests -------------------------------------------------------------------

for (const [os, src] of Object.entries(OSES) as [KqueueOs, OsSources][]) {
  test(`${os}: struct kevent, computed from the quoted declaration, is the layout the selector reads`, () => {
    assertLayout(kqueueLayouts(os).kevent, layoutOf(src.event, "kevent"), os);
  });

  test(`${os}: the socket addresses have a length byte and a one-byte family (4.4BSD)`, () => {
    const layouts = kqueueLayouts(os);
    // _SS_PAD1SIZE = 8 - 1 - 1 (to the int64 alignment); _SS_PAD2SIZE = 128 - 1 - 1 - 6 - 8.
    const macros = { _SS_PAD1SIZE: 6, _SS_PAD2SIZE: 112 };
    for (const name of ["sockaddr_in", "sockaddr_in6", "sockaddr_storage", "sockaddr_un"] as const) {
      assertLayout(layouts[name], layoutOf(Q.BSD_SOCKADDRS_H, name, macros), `${os} ${name}`);
    }
    const sizes = definitions(src.sizes);
    assert.equal(layouts.sockaddr_in.size, sizes.get("SizeofSockaddrInet4"));
    assert.equal(layouts.sockaddr_in6.size, sizes.get("SizeofSockaddrInet6"));
    assert.equal(layouts.sockaddr_un.size, sizes.get("SizeofSockaddrUnix"));
  });

  test(`${os}: every kqueue constant is the header's (or null, with the reason)`, () => {
    const errnoOf = (name: string) => src.errors.get(name)?.[0];
    assertKqueueTable(src.tables.kqueue, definitions(src.event), errnoOf, src.unused, os);
    assert.equal(src.tables.kqueue.F_SETFD, src.tables.socket.F_SETFD);
    assert.equal(src.tables.kqueue.FD_CLOEXEC, src.tables.socket.FD_CLOEXEC);
    assert.equal(src.tables.kqueue.F_DUPFD_CLOEXEC, definitions(src.socket).get("F_DUPFD_CLOEXEC"));
  });

  test(`${os}: every socket, fcntl and errno constant is the header's (null only where it has none)`, () => {
    const quoted = definitions(src.socket);
    for (const [name, value] of Object.entries(src.tables.socket)) {
      if (value === null) {
        assert.ok(!quoted.has(name), `${os}: ${name} is null, but defined as ${quoted.get(name)}`);
      } else assert.equal(value, quoted.get(name), `${os}: ${name}`);
    }
  });

  test(`${os}: the errno table has the header's numbers and libc's messages`, () => {
    assert.ok(Object.keys(src.errno).length >= 40, "the errors sockets and selectors report");
    for (const [num, [name, text]] of Object.entries(src.errno)) {
      const expected = src.errors.get(name);
      assert.ok(expected !== undefined, `${os}: ${name} is quoted`);
      assert.deepEqual([Number(num), text], expected, `${os}: ${name}`);
    }
    // The same names as Linux's table (ENOTSUP aside, which is a name of its own on some).
    const linuxNames = new Set(Object.values(LINUX_ERRNO).map(([name]) => name));
    for (const name of linuxNames) {
      assert.ok(Object.values(src.errno).some(([n]) => n === name), `${os}: ${name} is in the table`);
    }
  });
}

test("macOS and FreeBSD differ where it bites: EVFILT_USER, AF_INET6, SO_NOSIGPIPE, O_CLOEXEC, kevent size", () => {
  assert.equal(DARWIN.kqueue.EVFILT_USER, -10);
  assert.equal(FREEBSD.kqueue.EVFILT_USER, -11);
  assert.deepEqual([DARWIN, FREEBSD, NETBSD, OPENBSD, DRAGONFLY].map((t) => t.socket.AF_INET6), [
    30,
    28,
    24,
    24,
    28,
  ]);
  assert.deepEqual(
    [DARWIN, FREEBSD, NETBSD, OPENBSD, DRAGONFLY].map((t) => t.socket.SO_NOSIGPIPE),
    [0x1022, 0x800, 0x800, null, 0x800],
  );
  assert.deepEqual(
    [DARWIN, FREEBSD, NETBSD, OPENBSD, DRAGONFLY].map((t) => t.socket.O_CLOEXEC),
    [0x01000000, 0x100000, 0x400000, 0x10000, 0x20000],
  );
  assert.equal(DARWIN.socket.SOCK_NONBLOCK, null, "Apple sets O_NONBLOCK with fcntl (libc.ts)");
  assert.deepEqual(
    (["darwin", "freebsd", "netbsd", "openbsd", "dragonfly"] as const).map((os) =>
      kqueueLayouts(os).kevent.size
    ),
    [32, 64, 40, 32, 32],
  );
});

test("libkqueue: its constants are its event.h's; its struct kevent is macOS's", () => {
  const quoted = definitions(Q.LIBKQUEUE_EVENT_H);
  const linux = (name: string) => Number(Object.entries(LINUX_ERRNO).find(([, [n]]) => n === name)?.[0]);
  assertKqueueTable(LIBKQUEUE, quoted, linux, {}, "libkqueue");
  assert.equal(LIBKQUEUE.F_SETFD, 2, "Linux's F_SETFD");
  assert.equal(LIBKQUEUE.FD_CLOEXEC, 1, "Linux's FD_CLOEXEC");
  assert.equal(LIBKQUEUE.F_DUPFD_CLOEXEC, LINUX.F_DUPFD_CLOEXEC, "Linux's F_DUPFD_CLOEXEC");
  assertLayout(kqueueLayouts("darwin").kevent, layoutOf(Q.LIBKQUEUE_EVENT_H, "kevent"), "libkqueue");
  const target = libkqueueTarget("/some/libkqueue.so");
  assert.equal(target.kevent, kqueueLayouts("darwin").kevent);
  assert.equal(target.constants, LIBKQUEUE);
  assert.equal(target.errno, LINUX_ERRNO);
  assert.deepEqual(
    [
      target.os,
      target.library,
      target.libc,
      target.errnoSymbol,
      target.keventSymbol,
      target.countType,
      target.waker,
    ],
    ["linux", "/some/libkqueue.so", "libc.so.6", "__errno_location", "kevent", "i32", "user"],
  );
});

test("each kqueue OS's target: its library, errno location, kevent symbol and count type, and waker", () => {
  const expected: Record<KqueueOs, unknown[]> = {
    darwin: ["/usr/lib/libSystem.B.dylib", "__error", "kevent", "i32", "user"],
    freebsd: ["libc.so.7", "__error", "kevent", "i32", "user"],
    netbsd: ["libc.so.12", "__errno", "__kevent50", "usize", "pipe"],
    openbsd: ["libc.so", "__errno", "kevent", "i32", "pipe"],
    dragonfly: ["libc.so.8", "__errno_location", "kevent", "i32", "pipe"],
  };
  for (const [os, want] of Object.entries(expected) as [KqueueOs, unknown[]][]) {
    const t = KQUEUE_TARGETS[os];
    assert.deepEqual([t.library, t.errnoSymbol, t.keventSymbol, t.countType, t.waker], want, os);
    assert.equal(t.os, os);
    assert.equal(t.libc, t.library, `${os}: kevent is in the C library`);
    assert.equal(t.kevent, kqueueLayouts(os).kevent, os);
    assert.equal(t.constants, OSES[os].tables.kqueue, os);
    assert.equal(t.errno, OSES[os].errno, os);
    // The prototype quoted: NetBSD renames kevent and counts in size_t.
    const proto = /\bkevent ?\(([^)]*)\)([^;]*);/.exec(OSES[os].event.replace(/\s+/g, " "));
    if (proto !== null) {
      assert.equal(/size_t/.test(proto[1]) ? "usize" : "i32", t.countType, `${os}: nchanges/nevents`);
      assert.equal(/__RENAME\((\w+)\)/.exec(proto[2])?.[1] ?? "kevent", t.keventSymbol, `${os}: symbol`);
    }
    // mio's waker per OS: EVFILT_USER on Apple and FreeBSD, a pipe elsewhere.
    assert.equal(t.waker === "user", t.constants.EVFILT_USER !== null, `${os}: waker and EVFILT_USER agree`);
  }
});

test("KeventCodec writes and reads every OS's kevent: 2- or 4-byte filter and flags, 64-bit udata", () => {
  for (const os of ["darwin", "freebsd", "netbsd", "openbsd", "dragonfly"] as const) {
    const layout = kqueueLayouts(os).kevent;
    const k = OSES[os].tables.kqueue;
    const codec = new KeventCodec(layout);
    const buf = new Uint8Array(3 * layout.size).fill(0xee);
    const view = new DataView(buf.buffer);
    const words = new Uint32Array(buf.buffer);
    codec.set(view, 1, 7, k.EVFILT_WRITE, k.EV_ADD | k.EV_CLEAR, 0x01000000, 2 ** 53 - 1);
    // Record 0 and 2 untouched; record 1 entirely written (reserved bytes and ext[] zeroed).
    assert.ok(buf.subarray(0, layout.size).every((b) => b === 0xee), `${os}: record 0`);
    assert.ok(buf.subarray(2 * layout.size).every((b) => b === 0xee), `${os}: record 2`);
    const f = layout.fields;
    const at = layout.size;
    assert.equal(view.getUint32(at + f.ident.offset, true), 7);
    assert.equal(view.getUint32(at + f.ident.offset + 4, true), 0);
    if (f.filter.size === 2) assert.equal(view.getInt16(at + f.filter.offset, true), k.EVFILT_WRITE);
    else assert.equal(view.getUint32(at + f.filter.offset, true), k.EVFILT_WRITE);
    assert.equal(codec.rawFilterAt(words, 1), codec.rawFilter(k.EVFILT_WRITE), os);
    assert.notEqual(codec.rawFilter(k.EVFILT_WRITE), codec.rawFilter(k.EVFILT_READ), os);
    assert.equal(codec.flagsAt(words, 1), k.EV_ADD | k.EV_CLEAR, os);
    assert.equal(codec.fflagsAt(words, 1), 0x01000000, os);
    assert.equal(codec.identAt(words, 1), 7, os);
    assert.equal(codec.dataAt(words, 1), 0, os);
    assert.equal(codec.udataAt(words, 1), 2 ** 53 - 1, os);
    if (f.ext !== undefined) {
      assert.ok(
        buf.subarray(at + f.ext.offset, at + f.ext.offset + f.ext.size).every((b) => b === 0),
        "ext[]",
      );
    }
    // An errno in data reads back signed, as a receipt carries it.
    view.setInt32(at + f.data.offset, 9, true);
    assert.equal(codec.dataAt(words, 1), 9);
  }
});

// --- C probes: libkqueue's header here; an OS's own header on that OS ------------

/** The directory holding libkqueue's `sys/event.h` next to `lib` (a build tree or an install), or `null`. */
function libkqueueInclude(lib: string): string | null {
  for (const dir of [join(dirname(lib), "include"), join(dirname(lib), "..", "include", "kqueue")]) {
    if (existsSync(join(dir, "sys", "event.h"))) return dir;
  }
  return null;
}

function haveCc(): boolean {
  return spawnSync("cc", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Compiles and runs a probe printing "key value" lines about `<sys/event.h>` (from `include`, or the system's). */
function probeEventH(include: string | null, constants: readonly string[]): Map<string, number | null> {
  const fields = ["ident", "filter", "flags", "fflags", "data", "udata"];
  const src = [
    "#include <stdio.h>",
    "#include <stddef.h>",
    "#include <stdint.h>",
    "#include <sys/types.h>",
    "#include <sys/event.h>",
    "int main(void) {",
    '  printf("sizeof %zu\\n", sizeof(struct kevent));',
    ...fields.flatMap((n) => [
      `  printf("${n}.offset %zu\\n", offsetof(struct kevent, ${n}));`,
      `  printf("${n}.size %zu\\n", sizeof(((struct kevent *)0)->${n}));`,
    ]),
    ...constants.map((n) =>
      `#ifdef ${n}\n  printf("${n} %lld\\n", (long long)(${n}));\n#else\n  printf("${n} none\\n");\n#endif`
    ),
    "  return 0;",
    "}",
  ].join("\n");
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-kqueue-probe-"));
  try {
    writeFileSync(join(dir, "probe.c"), src);
    const cc = spawnSync(
      "cc",
      [...(include === null ? [] : ["-I", include]), "-o", join(dir, "probe"), join(dir, "probe.c")],
      { encoding: "utf8" },
    );
    assert.equal(cc.status, 0, `probe does not compile:\n${cc.stderr}`);
    const run = spawnSync(join(dir, "probe"), [], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const values = new Map<string, number | null>();
    for (const line of run.stdout.trim().split("\n")) {
      const [key, value] = line.split(" ");
      values.set(key, value === "none" ? null : Number(value));
    }
    return values;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Asserts the probe's view of `struct kevent` and of each kqueue constant matches ours. */
function assertProbe(values: Map<string, number | null>, layout: Struct, k: KqueueConstants): void {
  assert.equal(values.get("sizeof"), layout.size, "sizeof(struct kevent)");
  for (const field of Object.values(layout.fields)) {
    if (field.c === "ext") continue; // an array: its offset is checked through the size
    assert.equal(values.get(`${field.c}.offset`), field.offset, `offsetof(struct kevent, ${field.c})`);
    assert.equal(values.get(`${field.c}.size`), field.size, `sizeof kevent.${field.c}`);
  }
  for (const name of KQUEUE_DEFINES) {
    const ours = k[name];
    const theirs = values.get(name);
    // A null of ours may stand for a filter defined but unused; otherwise the value must match.
    if (ours !== null) assert.equal(theirs, ours, name);
  }
}

/** The kqueue constants that are `<sys/event.h>` macros. */
const KQUEUE_DEFINES = [
  "EVFILT_READ",
  "EVFILT_WRITE",
  "EVFILT_AIO",
  "EVFILT_LIO",
  "EVFILT_USER",
  "EV_ADD",
  "EV_DELETE",
  "EV_CLEAR",
  "EV_DISPATCH",
  "EV_RECEIPT",
  "EV_EOF",
  "EV_ERROR",
  "NOTE_TRIGGER",
] as const;

const kqueueLib = process.env.MIO_KQUEUE_LIB ?? "";
const libkqueueHeader = kqueueLib === "" ? null : libkqueueInclude(kqueueLib);
const libkqueueSkip = process.platform !== "linux"
  ? `libkqueue is the kqueue of Linux runs (this is ${process.platform})`
  : kqueueLib === ""
  ? "MIO_KQUEUE_LIB is not set (the path of a libkqueue.so built with its include/ beside it)"
  : libkqueueHeader === null
  ? `no sys/event.h in ${join(dirname(kqueueLib), "include")} or ${
    join(dirname(kqueueLib), "..", "include", "kqueue")
  }`
  : !haveCc()
  ? "no C compiler (cc) to compile the probe with"
  : false;
if (libkqueueSkip) console.log(`SKIP libkqueue's sys/event.h probe: ${libkqueueSkip}`);
test(
  "libkqueue's sys/event.h, compiled: struct kevent is macOS's layout and the constants are LIBKQUEUE's",
  { skip: libkqueueSkip },
  () => {
    const values = probeEventH(libkqueueHeader, KQUEUE_DEFINES);
    assertProbe(values, kqueueLayouts("darwin").kevent, LIBKQUEUE);
    assert.equal(values.get("EVFILT_AIO"), null, "not built on Linux");
    assert.equal(values.get("EVFILT_LIO"), null, "not built on Linux");
  },
);

const hostOs = process.platform as string;
const onKqueueOs = Object.hasOwn(KQUEUE_TARGETS, hostOs);
const hostSkip = !onKqueueOs
  ? `the macOS and BSD tables are checked against the system's own <sys/event.h> only on that OS (this is ${hostOs})`
  : !haveCc()
  ? "no C compiler (cc) to compile the probe with"
  : false;
if (hostSkip) console.log(`SKIP this OS's sys/event.h probe: ${hostSkip}`);
test("this kqueue OS's own sys/event.h, compiled, matches its tables", { skip: hostSkip }, () => {
  const target = KQUEUE_TARGETS[hostOs as KqueueOs];
  assertProbe(probeEventH(null, KQUEUE_DEFINES), target.kevent, target.constants);
});
