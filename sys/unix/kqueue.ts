/**
 * The kqueue selector, with everything it is made of: its targets (where
 * each system's kqueue is and what it reads it with), the `struct kevent`
 * codec, the change list, the off-thread wait, the shared registry and the
 * `EVFILT_USER` waker.
 *
 * The kqueue selector (macOS/iOS, FreeBSD, NetBSD, OpenBSD, DragonFly; on
 * Linux, libkqueue through `MIO_KQUEUE_LIB`), as mio's
 * `selector/kqueue.rs`:
 *
 * - edge-triggered: every filter is added with `EV_CLEAR`, unless the
 *   registration is level-triggered; a oneshot one adds `EV_DISPATCH`
 *   (the filter is disabled after one event, and kept, so `deregister`
 *   deletes it as usual; where a filter is gone, as after `EV_ONESHOT`,
 *   the `ENOENT` of its delete is ignored);
 * - reads and writes are separate filters (`EVFILT_READ`, `EVFILT_WRITE`),
 *   so one descriptor can yield two events with the same token in one
 *   `select`;
 * - every change carries `EV_RECEIPT`, so `kevent` reports each change's
 *   error in its own entry; `EPIPE` on register (a pipe whose other end is
 *   gone, still reported readable) and `ENOENT` on reregister/deregister
 *   (a filter that was not there) are ignored, as mio ignores them;
 * - `reregister` deletes both filters and adds the ones `interest` asks
 *   for, in one kevent(2): a filter's `EV_CLEAR` and `EV_DISPATCH` are
 *   fixed when it is added, so a changed mode needs a new filter, and a
 *   disabled oneshot filter is enabled again; the new filter reports
 *   readiness still pending, as epoll's `EPOLL_CTL_MOD` does.
 *   `deregister` deletes both. So, unlike epoll, registering a
 *   descriptor twice updates it, and deregistering one that is not
 *   registered succeeds;
 * - `EV_EOF` on the read filter is read-closed, on the write filter
 *   write-closed; `EV_ERROR`, or `EV_EOF` with a socket error in `fflags`,
 *   is an error; `EVFILT_AIO`/`EVFILT_LIO` give AIO/LIO readiness where the
 *   OS has them; kqueue has no priority readiness;
 * - the `Waker` is an `EVFILT_USER` event where mio uses one (Apple,
 *   FreeBSD; libkqueue), a pipe elsewhere and with `MIO_FORCE_WAKER_PIPE=1`.
 *
 * The OS's `struct kevent` layout, constants and library come from a
 * `KqueueTarget` (below); nothing here is specific to one OS.
 *
 * Where the kqueue selector finds `kqueue(2)` and `kevent(2)`, and what it
 * reads their structs and numbers with, for each system that has kqueue:
 * macOS/iOS, FreeBSD, NetBSD, OpenBSD and DragonFly (their C library and
 * tables), and libkqueue, the user-space kqueue for Linux that
 * `MIO_KQUEUE_LIB` names (macOS's `struct kevent`, its own constants, Linux's
 * errno).
 *
 * Reads and writes `struct kevent` records of one OS's layout: `filter` and
 * `flags` are 2 bytes wide on most kqueue systems and 4 on NetBSD; `ident`,
 * `data` and `udata` are 8. Records are little-endian (every architecture
 * mio-ts runs on) and read as 32-bit words, so the hot path allocates
 * nothing.
 *
 * The changes the kqueue selector makes to a kqueue, as mio's
 * `selector/kqueue.rs` makes them: `register`, `reregister` and `deregister`
 * of a descriptor, and adding, triggering and deleting the `EVFILT_USER`
 * event of a `Waker`. Every change carries `EV_RECEIPT`, so `kevent`
 * reports each change's result in its own entry; the errors mio ignores are
 * ignored. Used by the selector and, in other Workers, by its shared
 * registry and waker: kevent(2) on one kqueue is safe from several threads.
 *
 * The wait behind the kqueue selector's `waitAsync`: one kevent(2), run off
 * the JavaScript thread (`KqueueSystem.keventOffThread`), that collects the
 * kqueue's events into a stash of `SharedArrayBuffer` memory; the
 * selector's next `select` hands the stashed events out before it asks the
 * kqueue again.
 *
 * Why not poll(2) on the kqueue descriptor, as epoll's wait does: a BSD
 * kqueue descriptor is readable when events are pending, but libkqueue's is
 * the write end of a pipe that never is; kevent(2) itself waits on every
 * kqueue.
 *
 * `interrupt()` ends the wait through a private event of the kqueue: an
 * `EVFILT_USER` event (`WAIT_IDENT`) where the target has the filter, else
 * the read end of a pipe (the kind the target's wakers use). The selector
 * drops that event from what it reports (`isCancel`). Both are made at the
 * first wait, so a `Poll` that never waits asynchronously makes nothing.
 *
 * A kqueue's registry, shared between Workers. kevent(2) on one kqueue is
 * safe from several threads, so another Worker adds, changes and deletes
 * filters of the owner's kqueue directly; their events arrive in the
 * owner's `poll()`. The owner's `SharedGuard` keeps those calls away from
 * the kqueue descriptor once the `Poll` is closed (`BadResource`).
 *
 * The `EVFILT_USER` waker of the kqueue selector (mio's kqueue `Waker` on
 * Apple and FreeBSD; libkqueue has the filter too): an `EVFILT_USER` event
 * with the waker's token, added with `EV_CLEAR`, that `wake()` triggers
 * with `NOTE_TRIGGER`. Wakes before a `select` coalesce into one event;
 * `close()` deletes the event, and a wake still pending with it. As mio's
 * (which holds a duplicate of the kqueue descriptor), the live waker keeps
 * the kqueue open after its `Poll` is closed: its wakes then wake nothing,
 * and the descriptor is closed with the waker.
 *
 * Another Worker wakes through `SharedUserWaker`: kevent(2) on one kqueue
 * is safe from several threads. The owner's `SharedGuard` keeps those
 * wakes away from the kqueue descriptor once the `Waker` is closed
 * (`BadResource`). A wake that passed the guard just before may reach the
 * kqueue after the event was deleted, so it triggers without `EV_ADD`
 * (`triggerAddedUserFrom`): it finds no event and adds none.
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import type { NativeType, OffThreadFunction, Os, SymbolSpec, SymbolTable } from "../ffi/ffi.ts";
import { type Field, type KeventStruct, kqueueLayouts, type KqueueOs } from "../layout.ts";
import { BSD_TABLES, type KqueueConstants, LIBKQUEUE } from "./tables_bsd.ts";
import { LINUX_ERRNO } from "./tables_linux.ts";
import { MEMORY_SYMBOLS, variadicSymbols } from "./libc.ts";
import { held, threadExit } from "./thread_exit_keys.ts";
import { C_LIBRARIES, type CLibrary } from "./c_library.ts";
import { badResource, describeErrno, type ErrnoTable, type OsError, osErrorFrom } from "../error.ts";
import {
  type ClonedRegistrar,
  type EventBuffer,
  hasType,
  INTEREST_AIO,
  INTEREST_LIO,
  INTEREST_READABLE,
  INTEREST_WRITABLE,
  isDescriptor,
  MODE_EDGE,
  MODE_LEVEL,
  MODE_ONESHOT,
  READY_AIO,
  READY_ERROR,
  READY_LIO,
  READY_READ_CLOSED,
  READY_READABLE,
  READY_WRITABLE,
  READY_WRITE_CLOSED,
  type Registrar,
  type Selector,
  type SharedRegistry,
  type SharedWaker,
  type SysWaker,
} from "../contract.ts";
import { type FdWaker, type FdWakerFactory, registerWaker } from "./wakers.ts";
import { closeGuarded, SharedGuard } from "../shared_guard.ts";
import { moreSlices, nextSliceMs } from "../wait_slices.ts";

/**
 * How a `Waker` wakes a kqueue: an `EVFILT_USER` event triggered with
 * `NOTE_TRIGGER`, or a pipe whose read end is registered (mio's choice per
 * OS).
 */
export type KqueueWakerKind = "user" | "pipe";

/** One system's kqueue: where its functions are and how to read them. */
export interface KqueueTarget {
  /** Its name, for messages. */
  readonly name: string;
  /** The OS the process runs on (`"linux"` for libkqueue): picks the `fcntl` declaration. */
  readonly os: Os;
  /** The library with `kqueue` and `kevent`. */
  readonly library: string;
  /** The C library: `fcntl` and the errno location. */
  readonly libc: string;
  /** The C library's function returning the address of the thread's `errno`. */
  readonly errnoSymbol: string;
  /** `kevent`'s symbol (NetBSD renamed it when `struct kevent` changed). */
  readonly keventSymbol: string;
  /** The C type of `kevent`'s `nchanges` and `nevents`: `int`, or `size_t` on NetBSD. */
  readonly countType: "i32" | "usize";
  /** `struct kevent` */
  readonly kevent: KeventStruct;
  /** The `<sys/event.h>` and errno numbers the selector uses. */
  readonly constants: KqueueConstants;
  /** Names and messages of the errno numbers. */
  readonly errno: ErrnoTable;
  /** How its `Waker` wakes the kqueue. */
  readonly waker: KqueueWakerKind;
}

/** A target's library fields: kqueue and kevent are in the C library. */
function libraryOf(c: CLibrary): Pick<KqueueTarget, "library" | "libc" | "errnoSymbol"> {
  return { library: c.library, libc: c.library, errnoSymbol: c.errnoSymbol };
}

/**
 * Each kqueue OS's target. The C library and its errno location are
 * `c_library.ts`'s (`C_LIBRARIES`); kqueue and kevent are in it.
 */
export const KQUEUE_TARGETS: Readonly<Record<KqueueOs, KqueueTarget>> = {
  darwin: {
    name: "macOS/iOS",
    os: "darwin",
    ...libraryOf(C_LIBRARIES.darwin),
    keventSymbol: "kevent",
    countType: "i32",
    kevent: kqueueLayouts("darwin").kevent,
    constants: BSD_TABLES.darwin.constants.kqueue,
    errno: BSD_TABLES.darwin.errno,
    waker: "user",
  },
  freebsd: {
    name: "FreeBSD",
    os: "freebsd",
    ...libraryOf(C_LIBRARIES.freebsd),
    keventSymbol: "kevent",
    countType: "i32",
    kevent: kqueueLayouts("freebsd").kevent,
    constants: BSD_TABLES.freebsd.constants.kqueue,
    errno: BSD_TABLES.freebsd.errno,
    waker: "user",
  },
  netbsd: {
    name: "NetBSD",
    os: "netbsd",
    ...libraryOf(C_LIBRARIES.netbsd),
    keventSymbol: "__kevent50",
    countType: "usize",
    kevent: kqueueLayouts("netbsd").kevent,
    constants: BSD_TABLES.netbsd.constants.kqueue,
    errno: BSD_TABLES.netbsd.errno,
    waker: "pipe",
  },
  openbsd: {
    name: "OpenBSD",
    os: "openbsd",
    ...libraryOf(C_LIBRARIES.openbsd),
    keventSymbol: "kevent",
    countType: "i32",
    kevent: kqueueLayouts("openbsd").kevent,
    constants: BSD_TABLES.openbsd.constants.kqueue,
    errno: BSD_TABLES.openbsd.errno,
    waker: "pipe",
  },
  dragonfly: {
    name: "DragonFly BSD",
    os: "dragonfly",
    ...libraryOf(C_LIBRARIES.dragonfly),
    keventSymbol: "kevent",
    countType: "i32",
    kevent: kqueueLayouts("dragonfly").kevent,
    constants: BSD_TABLES.dragonfly.constants.kqueue,
    errno: BSD_TABLES.dragonfly.errno,
    waker: "pipe",
  },
};

/**
 * libkqueue at `path` on Linux: its `struct kevent` is macOS's (its
 * <sys/event.h> declares the same fields; `tests/kqueue_layout.test.ts`
 * compiles a probe against it), its constants are its own, and `errno` is
 * glibc's.
 */
export function libkqueueTarget(path: string): KqueueTarget {
  return {
    name: `libkqueue (${path})`,
    os: "linux",
    library: path,
    libc: "libc.so.6",
    errnoSymbol: "__errno_location",
    keventSymbol: "kevent",
    countType: "i32",
    kevent: kqueueLayouts("darwin").kevent,
    constants: LIBKQUEUE,
    errno: LINUX_ERRNO,
    waker: "user",
  };
}

/** A target's functions, bound. */
export interface KqueueSystem {
  /** The target they come from. */
  readonly target: KqueueTarget;
  /** `int kqueue(void)` */
  kqueue(): number;
  /**
   * `int kevent(int kq, const struct kevent *changelist, int nchanges,
   * struct kevent *eventlist, int nevents, const struct timespec *timeout)`;
   * `null` for an absent list or for no timeout.
   */
  kevent(
    kq: number,
    changes: Uint8Array | null,
    nchanges: number,
    events: Uint8Array | null,
    nevents: number,
    timeout: Uint8Array | null,
  ): number;
  /**
   * `kevent` run off the JavaScript thread (`Ffi.openOffThread`: every
   * buffer over a `SharedArrayBuffer`, none `NULL`), bound at the first call,
   * or by `openKqueue` where the FFI binds everything at import
   * (`Ffi.bindsAtImport`).
   */
  keventOffThread(): OffThreadFunction;
  /** `fcntl(fd, F_SETFD, FD_CLOEXEC)`, declared so the argument arrives (`VARIADIC` in libc.ts). */
  setCloseOnExec(fd: number): number;
  /** `fcntl(fd, F_DUPFD_CLOEXEC, 0)`: a close-on-exec duplicate of `fd`, or -1. */
  dupCloseOnExec(fd: number): number;
  /** `close(fd)`, after `release(fd)` */
  close(fd: number): number;
  /** `calloc(bytes, 1)`: zeroed memory of the C library's, or 0 when it has none. */
  calloc(bytes: number): number;
  /** `free(address)` of what `calloc` returned. */
  free(address: number): void;
  /**
   * Stops closing `fd` at this thread's exit (`threadExit`): before another
   * Worker may use it. `kqueue()` and `dupCloseOnExec()` hold what they return.
   */
  release(fd: number): void;
  /** The calling thread's `errno`; read it at once after a failed call. */
  errno(): number;
  /** The `IoError` for `errno` from `syscall`, named and described from the target's table. */
  readonly osError: OsError;
}

/** Binds `kqueue`, `kevent`, `fcntl` and `close` of `target`, and its errno reader. */
export function openKqueue(target: KqueueTarget): KqueueSystem {
  const count: NativeType = target.countType;
  const keventSpec: SymbolSpec = {
    c: "int kevent(int kq, const struct kevent *changelist, int nchanges, " +
      "struct kevent *eventlist, int nevents, const struct timespec *timeout)",
    args: ["i32", "buffer", count, "buffer", count, "buffer"],
    result: "i32",
  };
  const kq = ffi.open(
    target.library,
    {
      kqueue: { c: "int kqueue(void)", args: [], result: "i32" },
      [target.keventSymbol]: keventSpec,
    } satisfies SymbolTable,
  );
  const bindKeventOffThread = () =>
    ffi.openOffThread(target.library, { [target.keventSymbol]: keventSpec })[target.keventSymbol]!;
  let keventOffThread: OffThreadFunction | null = ffi.bindsAtImport ? bindKeventOffThread() : null;
  const fcntl = variadicSymbols(target.os, ffi.arch).fcntl;
  const libc = ffi.open(
    target.libc,
    {
      fcntl,
      close: { c: "int close(int fd)", args: ["i32"], result: "i32" },
      ...MEMORY_SYMBOLS,
    } satisfies SymbolTable,
  );
  const padding = Array<number>(fcntl.padding).fill(0);
  const { F_SETFD, FD_CLOEXEC, F_DUPFD_CLOEXEC } = target.constants;
  return {
    target,
    kqueue: () => held(kq.kqueue()),
    kevent: kq[target.keventSymbol]!,
    keventOffThread: () => keventOffThread ??= bindKeventOffThread(),
    setCloseOnExec: (fd) => libc.fcntl(fd, F_SETFD, ...padding, FD_CLOEXEC),
    dupCloseOnExec: (fd) => held(libc.fcntl(fd, F_DUPFD_CLOEXEC, ...padding, 0)),
    close: (fd) => {
      threadExit.release(fd);
      return libc.close(fd);
    },
    release: threadExit.release,
    calloc: (bytes) => libc.calloc(bytes, 1),
    free: (address) => void libc.free(address),
    errno: ffi.errnoReader(target.libc, target.errnoSymbol),
    osError: osErrorFrom(describeErrno(target.errno)),
  };
}

const TWO_32 = 0x1_0000_0000;

/** Where a 2- or 4-byte field sits among a record's 32-bit words. */
interface WordField {
  /** Index of the word holding the field, from the record's first word. */
  readonly word: number;
  /** Bits to shift the word right by. */
  readonly shift: number;
  /** The field's bits after the shift. */
  readonly mask: number;
}

function wordField(field: Field): WordField {
  if (field.size === 4) {
    if (field.offset % 4 !== 0) throw new Error(`${field.c} is not 4-byte aligned`);
    return { word: field.offset >> 2, shift: 0, mask: 0xffffffff };
  }
  if (field.size === 2) {
    if (field.offset % 2 !== 0) throw new Error(`${field.c} is not 2-byte aligned`);
    return { word: field.offset >> 2, shift: (field.offset & 3) * 8, mask: 0xffff };
  }
  throw new Error(`${field.c}: unexpected size ${field.size}`);
}

function read(words: Uint32Array, base: number, f: WordField): number {
  return ((words[base + f.word]! >>> f.shift) & f.mask) >>> 0;
}

/** Writes the 2- or 4-byte `field` of the record at byte `at`. */
function put(view: DataView, at: number, field: Field, value: number): void {
  if (field.size === 2) view.setUint16(at + field.offset, value & 0xffff, true);
  else view.setUint32(at + field.offset, value >>> 0, true);
}

/** A `struct kevent` reader and writer for one layout. */
export class KeventCodec {
  readonly #layout: KeventStruct;
  /** 32-bit words per record. */
  readonly #stride: number;
  readonly #filter: WordField;
  readonly #flags: WordField;
  readonly #fflags: WordField;
  /** Word index of `ident`'s low half, of `data`'s, and of `udata`'s. */
  readonly #ident: number;
  readonly #data: number;
  readonly #udata: number;

  /** For records laid out as `layout` (a `struct kevent`, size a multiple of 8). */
  constructor(layout: KeventStruct) {
    const { ident, filter, flags, fflags, data, udata } = layout.fields;
    if (layout.size % 8 !== 0 || ident.size !== 8 || data.size !== 8 || udata.size !== 8) {
      throw new Error(`${layout.c}: unexpected layout`);
    }
    this.#layout = layout;
    this.#stride = layout.size >> 2;
    this.#filter = wordField(filter);
    this.#flags = wordField(flags);
    this.#fflags = wordField(fflags);
    this.#ident = ident.offset >> 2;
    this.#data = data.offset >> 2;
    this.#udata = udata.offset >> 2;
  }

  /** The value `filter` has in a record's `filter` field, as `rawFilterAt` reads it. */
  rawFilter(filter: number): number {
    return (filter & this.#filter.mask) >>> 0;
  }

  /**
   * Fills record `i` of `view`: `ident`, `filter`, `flags`, `fflags`, a zero
   * `data` and `udata` (a token up to 2^53), every other byte zero.
   */
  set(
    view: DataView,
    i: number,
    ident: number,
    filter: number,
    flags: number,
    fflags: number,
    udata: number,
  ): void {
    const size = this.#layout.size;
    const at = i * size;
    for (let b = 0; b < size; b += 4) view.setUint32(at + b, 0, true);
    const f = this.#layout.fields;
    view.setUint32(at + f.ident.offset, ident, true);
    put(view, at, f.filter, filter);
    put(view, at, f.flags, flags);
    put(view, at, f.fflags, fflags);
    view.setUint32(at + f.udata.offset, udata % TWO_32, true);
    view.setUint32(at + f.udata.offset + 4, Math.floor(udata / TWO_32), true);
  }

  /**
   * Sets record `i`'s `udata` to `tokens[at]`. A token read here goes
   * straight into the record: one above 2^30 (the user events' 2^53)
   * passed to a call V8 does not inline would be a new heap number, and a
   * wake is on the hot path, which allocates nothing.
   */
  setUdataFrom(view: DataView, i: number, tokens: Float64Array, at: number): void {
    const o = i * this.#layout.size + this.#layout.fields.udata.offset;
    const token = tokens[at]!;
    view.setUint32(o, token % TWO_32, true);
    view.setUint32(o + 4, Math.floor(token / TWO_32), true);
  }

  /** Record `i`'s `filter` field, unsigned (compare with `rawFilter`). */
  rawFilterAt(words: Uint32Array, i: number): number {
    return read(words, i * this.#stride, this.#filter);
  }

  /** Record `i`'s `flags`. */
  flagsAt(words: Uint32Array, i: number): number {
    return read(words, i * this.#stride, this.#flags);
  }

  /** The low 32 bits of record `i`'s `ident` (a descriptor, or an `EVFILT_USER` event's number). */
  identAt(words: Uint32Array, i: number): number {
    return words[i * this.#stride + this.#ident]!;
  }

  /** Record `i`'s `fflags`. */
  fflagsAt(words: Uint32Array, i: number): number {
    return read(words, i * this.#stride, this.#fflags);
  }

  /** The low 32 bits of record `i`'s `data`, signed: an errno where `flags` has `EV_ERROR`. */
  dataAt(words: Uint32Array, i: number): number {
    return words[i * this.#stride + this.#data]! | 0;
  }

  /** Record `i`'s `udata`: the token. */
  udataAt(words: Uint32Array, i: number): number {
    const w = i * this.#stride + this.#udata;
    return words[w]! + words[w + 1]! * TWO_32;
  }

  /** Writes record `i`'s `udata` into `into[at]`, with no number returned (see `setUdataFrom`). */
  udataInto(words: Uint32Array, i: number, into: Float64Array, at: number): void {
    const w = i * this.#stride + this.#udata;
    into[at] = words[w]! + words[w + 1]! * TWO_32;
  }
}

/** The `ident` of the `Waker`'s `EVFILT_USER` event (mio's is 0 too). */
export const WAKER_IDENT = 0;
/** The `ident` of the `EVFILT_USER` event that interrupts `waitAsync` (`KqueueWait`). */
export const WAIT_IDENT = 1;

/** Builds and applies kevent changes for one kqueue target; one per user (its buffer is reused). */
export class KqueueChanges {
  /** The target's functions and tables. */
  readonly sys: KqueueSystem;
  /** The reader and writer of the target's `struct kevent`. */
  readonly codec: KeventCodec;
  /** Room for the (at most four) changes of one call; their receipts come back here. */
  readonly #buf: Uint8Array;
  readonly #view: DataView;
  readonly #words: Uint32Array;

  /** For kqueues of `sys`'s target. */
  constructor(sys: KqueueSystem) {
    this.sys = sys;
    this.codec = new KeventCodec(sys.target.kevent);
    this.#buf = new Uint8Array(4 * sys.target.kevent.size);
    this.#view = new DataView(this.#buf.buffer);
    this.#words = new Uint32Array(this.#buf.buffer);
  }

  /**
   * Applies the first `n` changes to `kq`, then throws the first error a
   * receipt reports, unless it is `ignoredA` or `ignoredB` (mio's
   * `kevent_register` and `check_errors`).
   */
  #apply(kq: number, n: number, ignoredA: number, ignoredB: number): void {
    const sys = this.sys;
    if (sys.kevent(kq, this.#buf, n, this.#buf, n, null) < 0) {
      const e = sys.errno();
      // kevent(2): "When kevent() call fails with EINTR error, all changes in the changelist have been applied."
      if (e !== sys.target.constants.EINTR) throw sys.osError(e, "kevent");
    }
    const { EV_ERROR } = sys.target.constants;
    for (let i = 0; i < n; i++) {
      if ((this.codec.flagsAt(this.#words, i) & EV_ERROR) === 0) continue;
      const e = this.codec.dataAt(this.#words, i);
      if (e !== 0 && e !== ignoredA && e !== ignoredB) throw sys.osError(e, "kevent");
    }
  }

  /** `EV_ADD | EV_RECEIPT`, with `EV_CLEAR` unless `mode` is level-triggered and `EV_DISPATCH` if it is oneshot. */
  #addFlags(mode: number): number {
    const k = this.sys.target.constants;
    return k.EV_ADD | k.EV_RECEIPT | (mode & MODE_LEVEL ? 0 : k.EV_CLEAR) |
      (mode & MODE_ONESHOT ? k.EV_DISPATCH : 0);
  }

  /** Adds the filters `interest` asks for after the first `n` changes, in `mode`; returns the new count. */
  #add(n: number, fd: number, token: number, interest: number, mode: number): number {
    const k = this.sys.target.constants;
    const flags = this.#addFlags(mode);
    if (interest & INTEREST_WRITABLE) this.codec.set(this.#view, n++, fd, k.EVFILT_WRITE, flags, 0, token);
    if (interest & INTEREST_READABLE) this.codec.set(this.#view, n++, fd, k.EVFILT_READ, flags, 0, token);
    return n;
  }

  /** Adds `EVFILT_WRITE` and/or `EVFILT_READ` in `mode` (`#addFlags`); ignores `EPIPE`. */
  register(kq: number, fd: number, token: number, interest: number, mode: number): void {
    const k = this.sys.target.constants;
    const n = this.#add(0, fd, token, interest, mode);
    if (n > 0) this.#apply(kq, n, k.EPIPE, k.EPIPE);
  }

  /**
   * Deletes both filters, then adds the ones `interest` asks for in `mode`,
   * in one call; ignores `ENOENT` (a filter that was not there) and `EPIPE`.
   */
  reregister(kq: number, fd: number, token: number, interest: number, mode: number): void {
    const k = this.sys.target.constants;
    const flags = k.EV_DELETE | k.EV_RECEIPT;
    this.codec.set(this.#view, 0, fd, k.EVFILT_WRITE, flags, 0, 0);
    this.codec.set(this.#view, 1, fd, k.EVFILT_READ, flags, 0, 0);
    this.#apply(kq, this.#add(2, fd, token, interest, mode), k.ENOENT, k.EPIPE);
  }

  /**
   * Deletes both filters; ignores `ENOENT` (a filter that was not there, or
   * an `EV_ONESHOT` one that fired and is gone).
   */
  deregister(kq: number, fd: number): void {
    const k = this.sys.target.constants;
    const flags = k.EV_DELETE | k.EV_RECEIPT;
    this.codec.set(this.#view, 0, fd, k.EVFILT_WRITE, flags, 0, 0);
    this.codec.set(this.#view, 1, fd, k.EVFILT_READ, flags, 0, 0);
    this.#apply(kq, 2, k.ENOENT, k.ENOENT);
  }

  /** The target's `EVFILT_USER` (a number, not a pair: a wake allocates nothing); throws where it has none. */
  #userFilter(): number {
    const { EVFILT_USER, NOTE_TRIGGER } = this.sys.target.constants;
    if (EVFILT_USER === null || NOTE_TRIGGER === null) {
      throw new Error(`${this.sys.target.name} has no EVFILT_USER waker`);
    }
    return EVFILT_USER;
  }

  /** Adds the `EVFILT_USER` event `ident` reporting `token`, `EV_CLEAR` (mio's `setup_waker`). */
  addUser(kq: number, ident: number, token: number): void {
    const k = this.sys.target.constants;
    const filter = this.#userFilter();
    this.codec.set(this.#view, 0, ident, filter, k.EV_ADD | k.EV_CLEAR | k.EV_RECEIPT, 0, token);
    this.#apply(kq, 1, 0, 0);
  }

  /** Triggers the `EVFILT_USER` event `ident` (mio's `wake`: `EV_ADD | EV_RECEIPT`, `NOTE_TRIGGER`). */
  triggerUser(kq: number, ident: number, token: number): void {
    const k = this.sys.target.constants;
    const filter = this.#userFilter();
    this.codec.set(this.#view, 0, ident, filter, k.EV_ADD | k.EV_RECEIPT, k.NOTE_TRIGGER ?? 0, token);
    this.#apply(kq, 1, 0, 0);
  }

  /** `triggerUser` with the token `tokens[at]`, which is never passed as a number (`KeventCodec.setUdataFrom`). */
  triggerUserFrom(kq: number, ident: number, tokens: Float64Array, at: number): void {
    const k = this.sys.target.constants;
    const filter = this.#userFilter();
    this.codec.set(this.#view, 0, ident, filter, k.EV_ADD | k.EV_RECEIPT, k.NOTE_TRIGGER ?? 0, 0);
    this.codec.setUdataFrom(this.#view, 0, tokens, at);
    this.#apply(kq, 1, 0, 0);
  }

  /**
   * Triggers the `EVFILT_USER` event `ident` if it is there, reporting the
   * token `tokens[at]`: `NOTE_TRIGGER` without `EV_ADD`, so a wake from
   * another Worker that arrives after the owner deleted the event finds
   * nothing (`ENOENT`, ignored) instead of adding it again, without
   * `EV_CLEAR`, for every later `select` to report.
   */
  triggerAddedUserFrom(kq: number, ident: number, tokens: Float64Array, at: number): void {
    const k = this.sys.target.constants;
    const filter = this.#userFilter();
    this.codec.set(this.#view, 0, ident, filter, k.EV_RECEIPT, k.NOTE_TRIGGER ?? 0, 0);
    this.codec.setUdataFrom(this.#view, 0, tokens, at);
    this.#apply(kq, 1, k.ENOENT, k.ENOENT);
  }

  /** Deletes the `EVFILT_USER` event `ident` and a trigger it has pending; ignores `ENOENT`. */
  deleteUser(kq: number, ident: number): void {
    const k = this.sys.target.constants;
    const filter = this.#userFilter();
    this.codec.set(this.#view, 0, ident, filter, k.EV_DELETE | k.EV_RECEIPT, 0, 0);
    this.#apply(kq, 1, k.ENOENT, k.ENOENT);
  }

  /** Whether the target has an `EVFILT_USER` waker. */
  get hasUser(): boolean {
    const { EVFILT_USER, NOTE_TRIGGER } = this.sys.target.constants;
    return EVFILT_USER !== null && NOTE_TRIGGER !== null;
  }
}

/** How many events one off-thread kevent(2) collects at most; more stay in the kqueue. */
const STASH_EVENTS = 256;
/** The longest wait libkqueue converts correctly (it computes `1000 * tv_sec` as an `int`). */
const MAX_WAIT_MS = 0x7fffffff;
/** The longest one off-thread kevent(2) blocks (`Ffi.offThreadSliceMs`: Node), or `null` for the whole wait. */
const SLICE_MS = ffi.offThreadSliceMs;

/** One off-thread kevent(2) at a time on one kqueue, interruptible, into a stash. */
export class KqueueWait {
  readonly #kq: number;
  readonly #changes: KqueueChanges;
  readonly #newPipe: FdWakerFactory;
  /** `null` until the first wait; then `"user"` (an `EVFILT_USER` event) or the pipe. */
  #cancel: "user" | FdWaker | null = null;
  /** The cancel event's `filter` as `KeventCodec.rawFilterAt` reads it (-1 before the first wait) and `ident`. */
  #cancelFilter = -1;
  #cancelIdent = -1;
  /**
   * Where kevent(2) writes the events, then stashed until `take`: memory of
   * the C library's (`calloc`, at the first wait; freed by `close()`), not a
   * `SharedArrayBuffer`, since the call may return after this Worker's realm
   * ended and freed its buffers (Deno writes a non-blocking call's results
   * when it returns; FreeBSD's kevent(2) goes on waiting on a kqueue closed
   * under it, as the thread's end does for a terminated Worker).
   */
  #stash: Uint8Array = new Uint8Array(0);
  #stashWords: Uint32Array = new Uint32Array(0);
  /** The address of `#stash`'s memory, or 0 before the first wait and once closed. */
  #stashAddress = 0;
  /** The stashed events not handed out yet: records `#first` to `#first + #count - 1`. */
  #first = 0;
  #count = 0;
  /** The change list argument: never read (`nchanges` is 0), but the FFI wants shared memory. */
  readonly #noChanges: Uint8Array;
  readonly #timeout = new Uint8Array(new SharedArrayBuffer(16));
  readonly #timeoutWords = new Int32Array(this.#timeout.buffer);
  #pending = false;
  #interrupted = false;
  /**
   * Registrations changed while a wait was pending, as pairs of descriptor
   * and token (-1: deregistered): their stashed events are dropped once the
   * wait returns.
   */
  readonly #changed: number[] = [];
  /** `EVFILT_READ` and `EVFILT_WRITE` as `KeventCodec.rawFilterAt` reads them. */
  readonly #filterRead: number;
  readonly #filterWrite: number;
  /** What `close()` left to do once the pending wait returned. */
  #afterWait: (() => void) | null = null;

  /**
   * For the kqueue `kq`, changed through `changes`; `newPipe` makes the
   * cancel pipe where the target has no `EVFILT_USER`.
   */
  constructor(kq: number, changes: KqueueChanges, newPipe: FdWakerFactory) {
    const size = changes.sys.target.kevent.size;
    this.#kq = kq;
    this.#changes = changes;
    this.#newPipe = newPipe;
    this.#noChanges = new Uint8Array(new SharedArrayBuffer(size));
    const k = changes.sys.target.constants;
    this.#filterRead = changes.codec.rawFilter(k.EVFILT_READ);
    this.#filterWrite = changes.codec.rawFilter(k.EVFILT_WRITE);
  }

  /**
   * The registration of `fd` changed: it now reports `token`, or nothing
   * (`token` -1: deregistered). Stashed events of `fd` with another token
   * are dropped, now or, while a wait is pending, once it returns: mio
   * never reports a token after its source was deregistered or
   * reregistered with another token.
   */
  forget(fd: number, token: number): void {
    if (this.#pending) this.#changed.push(fd, token);
    else if (this.#count > 0) this.#drop(fd, token);
  }

  /** Drops the stashed read and write events of `fd` whose token is not `token`. */
  #drop(fd: number, token: number): void {
    const codec = this.#changes.codec;
    const words = this.#stashWords;
    const stride = this.#changes.sys.target.kevent.size >> 2;
    const end = this.#first + this.#count;
    let kept = this.#first;
    for (let i = this.#first; i < end; i++) {
      const filter = codec.rawFilterAt(words, i);
      const stale = codec.identAt(words, i) === fd &&
        (filter === this.#filterRead || filter === this.#filterWrite) &&
        codec.udataAt(words, i) !== token;
      if (stale) continue;
      if (kept !== i) words.copyWithin(kept * stride, i * stride, (i + 1) * stride);
      kept++;
    }
    this.#count = kept - this.#first;
  }

  /** Whether a wait is in progress. */
  get pending(): boolean {
    return this.#pending;
  }

  /** How many stashed events `take` has still to hand out. */
  get stashed(): number {
    return this.#count;
  }

  /** Whether record `i` of `words` is the cancel event, which is not the user's. */
  isCancel(words: Uint32Array, i: number): boolean {
    const codec = this.#changes.codec;
    return codec.rawFilterAt(words, i) === this.#cancelFilter &&
      codec.identAt(words, i) === this.#cancelIdent;
  }

  /** Adds the cancel event to the kqueue. */
  #setUpCancel(): void {
    const changes = this.#changes;
    const k = changes.sys.target.constants;
    if (changes.hasUser && k.EVFILT_USER !== null) {
      changes.addUser(this.#kq, WAIT_IDENT, 0);
      this.#cancel = "user";
      this.#cancelFilter = changes.codec.rawFilter(k.EVFILT_USER);
      this.#cancelIdent = WAIT_IDENT;
      return;
    }
    const pipe = this.#newPipe();
    try {
      changes.register(this.#kq, pipe.fd, 0, INTEREST_READABLE, MODE_EDGE);
    } catch (e) {
      pipe.close();
      throw e;
    }
    this.#cancel = pipe;
    this.#cancelFilter = changes.codec.rawFilter(k.EVFILT_READ);
    this.#cancelIdent = pipe.fd;
  }

  /**
   * Waits off the JavaScript thread until the kqueue has events (they are
   * stashed), `timeoutMs` passed (-1: no limit, which is waited in steps of
   * 2^31 - 1 ms), or `interrupt()` was called; at once while events are
   * stashed. May return with nothing (a signal, or a failure whose errno is
   * lost with its thread: the next `select` meets the failure again and
   * reports it). One wait at a time. Where the runtime bounds how long one
   * off-thread call may block (Node), the wait is a series of kevent(2)s of
   * at most that long each (`wait_slices.ts`).
   */
  async wait(timeoutMs: number): Promise<void> {
    if (this.#pending) throw new Error("KqueueWait: one wait at a time");
    if (this.#count > 0) return;
    if (this.#cancel === null) this.#setUpCancel();
    if (this.#stashAddress === 0) this.#allocateStash();
    const deadline = timeoutMs < 0 ? Infinity : performance.now() + timeoutMs;
    this.#pending = true;
    try {
      let n: number;
      for (;;) {
        const ms = SLICE_MS !== null
          ? nextSliceMs(deadline, performance.now(), SLICE_MS)
          : timeoutMs < 0
          ? MAX_WAIT_MS
          : Math.min(timeoutMs, MAX_WAIT_MS);
        this.#timeoutWords[0] = Math.floor(ms / 1000);
        this.#timeoutWords[2] = (ms % 1000) * 1_000_000;
        n = await this.#changes.sys.keventOffThread()(
          this.#kq,
          this.#noChanges,
          0,
          this.#stash,
          STASH_EVENTS,
          this.#timeout,
        );
        if (SLICE_MS === null || n !== 0 || this.#interrupted) break;
        if (!moreSlices(ms, SLICE_MS, deadline, performance.now())) break;
      }
      this.#first = 0;
      this.#count = Math.max(n, 0);
      const changed = this.#changed;
      for (let c = 0; c < changed.length && this.#count > 0; c += 2) this.#drop(changed[c]!, changed[c + 1]!);
    } finally {
      this.#changed.length = 0;
      this.#pending = false;
      const interrupted = this.#interrupted;
      this.#interrupted = false;
      const after = this.#afterWait;
      this.#afterWait = null;
      if (after !== null) after();
      else if (interrupted) this.#resetCancel();
    }
  }

  /**
   * Allocates the stash's memory.
   *
   * @throws `IoError` if the C library has no memory for it.
   */
  #allocateStash(): void {
    const sys = this.#changes.sys;
    const bytes = STASH_EVENTS * sys.target.kevent.size;
    const address = sys.calloc(bytes);
    if (address === 0) throw sys.osError(sys.errno(), "calloc");
    this.#stashAddress = address;
    this.#stash = new Uint8Array(ffi.view(address, bytes));
    this.#stashWords = new Uint32Array(this.#stash.buffer);
  }

  /** Clears a cancel that fired, so no later `select` meets it. */
  #resetCancel(): void {
    if (this.#cancel === "user") {
      this.#changes.deleteUser(this.#kq, WAIT_IDENT);
      this.#changes.addUser(this.#kq, WAIT_IDENT, 0);
    } else {
      this.#cancel?.reset();
    }
  }

  /** Makes the pending wait return soon; nothing when none is pending. */
  interrupt(): void {
    if (!this.#pending || this.#interrupted || this.#cancel === null) return;
    this.#interrupted = true;
    if (this.#cancel === "user") this.#changes.triggerUser(this.#kq, WAIT_IDENT, 0);
    else this.#cancel.wake();
  }

  /**
   * Moves up to `events.capacity` stashed events into `events.raw` (the
   * cancel event among them too: `isCancel` tells it); returns how many.
   */
  take(events: EventBuffer): number {
    const n = Math.min(this.#count, events.capacity);
    const stride = this.#changes.sys.target.kevent.size >> 2;
    const from = this.#first * stride;
    const words = events.words;
    for (let w = 0; w < n * stride; w++) words[w] = this.#stashWords[from + w]!;
    this.#first += n;
    this.#count -= n;
    return n;
  }

  /**
   * Closes the cancel pipe, if any, then calls `release` (which closes the
   * kqueue): at once when no wait is pending; otherwise after interrupting
   * the wait, once its kevent(2) returned, so that the descriptor number is
   * not reused under it.
   */
  close(release: () => void): void {
    const finish = () => {
      if (this.#cancel !== null && this.#cancel !== "user") this.#cancel.close();
      this.#cancel = null;
      this.#count = 0;
      if (this.#stashAddress !== 0) {
        this.#stash = new Uint8Array(0);
        this.#stashWords = new Uint32Array(0);
        this.#changes.sys.free(this.#stashAddress);
        this.#stashAddress = 0;
      }
      release();
    };
    if (!this.#pending) return finish();
    this.#afterWait = finish;
    this.interrupt();
  }
}

/**
 * The interests a kqueue of `target` delivers: readable and writable, plus
 * AIO and LIO on FreeBSD (mio-ts's contract: they are refused elsewhere).
 */
function kqueueInterests(target: KqueueTarget): number {
  const io = INTEREST_READABLE | INTEREST_WRITABLE;
  return target.os === "freebsd" ? io | INTEREST_AIO | INTEREST_LIO : io;
}

const MS_PER_S = 1000;
const NS_PER_MS = 1_000_000;

/** A kqueue. */
export class KqueueSelector implements Selector {
  /** Always `"kqueue"`. */
  readonly backend = "kqueue" as const;
  /** Readable and writable; AIO and LIO on FreeBSD. */
  readonly interests: number;
  /** Shared with this kqueue's clones (`tryClone`). */
  readonly instance: object = {};
  #kq: number;
  #closed = false;
  readonly #sys: KqueueSystem;
  readonly #changes: KqueueChanges;
  /** A `struct timespec` (`time_t tv_sec; long tv_nsec`, both 64-bit) for `select`'s timeout. */
  readonly #timeout = new Uint8Array(16);
  readonly #timeoutWords = new Int32Array(this.#timeout.buffer);
  /** Makes a pipe: the `Waker`'s if `#wakeWithPipe`, `waitAsync`'s cancel where there is no `EVFILT_USER`. */
  readonly #newPipe: FdWakerFactory;
  /** Whether a `Waker` is a pipe rather than an `EVFILT_USER` event. */
  readonly #wakeWithPipe: boolean;
  /** `waitAsync`'s off-thread kevent(2), made at the first wait. */
  #wait: KqueueWait | null = null;
  /** The live `EVFILT_USER` waker, which keeps the kqueue descriptor open past `close()`. */
  #userWaker: UserWaker | null = null;
  /** `close()` finished with the descriptor (after a pending `waitAsync` returned); the live waker may hold it. */
  #released = false;
  /** Guards the kqueue descriptor once it was shared with other Workers. */
  #guard: SharedGuard | null = null;
  /** Each filter as `KeventCodec.rawFilterAt` reads it (-1: the target has none). */
  readonly #filterRead: number;
  readonly #filterWrite: number;
  readonly #filterUser: number;
  readonly #filterAio: number;
  readonly #filterLio: number;

  /**
   * Creates a kqueue (close-on-exec, as mio's) with `system`'s functions and
   * tables. Its `Waker` is a pipe from `newPipe` if `wakeWithPipe`, else an
   * `EVFILT_USER` event (the target must have one).
   */
  constructor(system: KqueueSystem, newPipe: FdWakerFactory, wakeWithPipe: boolean) {
    const changes = new KqueueChanges(system);
    if (!wakeWithPipe && !changes.hasUser) {
      throw new Error(`${system.target.name}: no EVFILT_USER to wake a kqueue with; use a pipe waker`);
    }
    this.#sys = system;
    this.#changes = changes;
    this.interests = kqueueInterests(system.target);
    this.#newPipe = newPipe;
    this.#wakeWithPipe = wakeWithPipe;
    const k = system.target.constants;
    const raw = (filter: number | null) => filter === null ? -1 : changes.codec.rawFilter(filter);
    this.#filterRead = raw(k.EVFILT_READ);
    this.#filterWrite = raw(k.EVFILT_WRITE);
    this.#filterUser = raw(k.EVFILT_USER);
    this.#filterAio = raw(k.EVFILT_AIO);
    this.#filterLio = raw(k.EVFILT_LIO);
    const kq = system.kqueue();
    if (kq < 0) throw system.osError(system.errno(), "kqueue");
    if (system.setCloseOnExec(kq) < 0) {
      const e = system.errno();
      system.close(kq);
      throw system.osError(e, "fcntl");
    }
    this.#kq = kq;
  }

  /** Whether `close()` has been called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The kqueue descriptor. */
  get fd(): number {
    return this.#kq;
  }

  /** Adds `EVFILT_WRITE` and/or `EVFILT_READ` in `mode` (`KqueueChanges.register`). */
  register(fd: number, token: number, interest: number, mode: number): void {
    this.#changes.register(this.#kq, fd, token, interest, mode);
    this.#wait?.forget(fd, token);
  }

  /** Deletes both filters and adds the ones `interest` asks for, in `mode`. */
  reregister(fd: number, token: number, interest: number, mode: number): void {
    this.#changes.reregister(this.#kq, fd, token, interest, mode);
    this.#wait?.forget(fd, token);
  }

  /**
   * Deletes both filters (succeeding if `fd` had none), and the events of
   * `fd` a `waitAsync` collected and `select` has not handed out.
   */
  deregister(fd: number): void {
    this.#changes.deregister(this.#kq, fd);
    this.#wait?.forget(fd, -1);
  }

  /** Nothing to do: `EV_CLEAR` makes kqueue edge-triggered by itself, and `EV_DISPATCH` waits for `reregister`. */
  rearm(_fd: number): void {}

  /** The portable readiness bits of event `i` in `words` (mio's `event` module for kqueue). */
  #readinessOf(words: Uint32Array, i: number): number {
    const codec = this.#changes.codec;
    const { EV_EOF, EV_ERROR } = this.#sys.target.constants;
    const filter = codec.rawFilterAt(words, i);
    const flags = codec.flagsAt(words, i);
    let r = 0;
    if (filter === this.#filterRead || filter === this.#filterUser) r |= READY_READABLE;
    if (filter === this.#filterWrite) r |= READY_WRITABLE;
    // On EOF, fflags holds the socket's pending error, if any.
    if ((flags & EV_ERROR) !== 0 || ((flags & EV_EOF) !== 0 && codec.fflagsAt(words, i) !== 0)) {
      r |= READY_ERROR;
    }
    if ((flags & EV_EOF) !== 0) {
      if (filter === this.#filterRead) r |= READY_READ_CLOSED;
      if (filter === this.#filterWrite) r |= READY_WRITE_CLOSED;
    }
    if (filter === this.#filterAio) r |= READY_AIO;
    if (filter === this.#filterLio) r |= READY_LIO;
    return r;
  }

  /** `kevent` with no changes, then decodes each event into its token and readiness bits. */
  select(events: EventBuffer, timeoutMs: number): void {
    let timeout: Uint8Array | null = null;
    if (timeoutMs >= 0) {
      this.#timeoutWords[0] = Math.floor(timeoutMs / MS_PER_S);
      this.#timeoutWords[2] = (timeoutMs % MS_PER_S) * NS_PER_MS;
      timeout = this.#timeout;
    }
    const sys = this.#sys;
    const wait = this.#wait;
    const n = wait !== null && wait.stashed > 0
      ? wait.take(events)
      : sys.kevent(this.#kq, null, 0, events.raw, events.capacity, timeout);
    if (n < 0) {
      events.length = 0;
      const e = sys.errno();
      if (e === sys.target.constants.EINTR) return;
      throw sys.osError(e, "kevent");
    }
    const words = events.words;
    const codec = this.#changes.codec;
    let length = 0;
    for (let i = 0; i < n; i++) {
      if (wait !== null && wait.isCancel(words, i)) continue; // waitAsync's, not the user's
      events.readiness[length] = this.#readinessOf(words, i);
      codec.udataInto(words, i, events.tokens, length);
      length++;
    }
    events.length = length;
  }

  /**
   * kevent(2) off the JavaScript thread, into a stash the next `select`
   * hands out (`KqueueWait`).
   */
  waitAsync(timeoutMs: number): Promise<void> {
    this.#wait ??= new KqueueWait(this.#kq, this.#changes, this.#newPipe);
    return this.#wait.wait(timeoutMs);
  }

  /** Ends a pending `waitAsync` through its cancel event. */
  interruptWait(): void {
    this.#wait?.interrupt();
  }

  /**
   * The waker: an `EVFILT_USER` event added with `token` (mio's
   * `setup_waker`), or a pipe registered for reading with `token`.
   */
  createWaker(token: number): SysWaker {
    if (this.#wakeWithPipe) return registerWaker(this, token, this.#newPipe());
    const waker = new UserWaker(this.#kq, this.#changes, token, () => {
      if (this.#userWaker !== waker) return;
      this.#userWaker = null;
      if (this.#released) this.#closeKqueue();
    });
    this.#userWaker = waker;
    return waker;
  }

  /**
   * A registrar over a duplicate of the kqueue descriptor (mio's
   * `Registry::try_clone`, which dups it): usable after this selector is
   * closed. While it is open, the clone's changes drop the stashed events
   * they make stale, as this selector's own do.
   */
  tryClone(): ClonedRegistrar {
    if (this.#closed) throw badResource("Poll");
    return new KqueueClone(
      this.#changes,
      this.#kq,
      this.instance,
      (fd, token) => this.#wait?.forget(fd, token),
    );
  }

  /** The kqueue descriptor and a guard, for `SharedKqueueRegistrar` in another Worker. */
  share(): SharedKqueueValue {
    this.#sys.release(this.#kq);
    this.#guard ??= SharedGuard.create(this.#kq);
    return { type: "mio-ts/registry", backend: "kqueue", fd: this.#kq, state: this.#guard.buffer };
  }

  /**
   * Closes the kqueue descriptor, after refusing shared registries' calls,
   * or leaves it to the live `EVFILT_USER` waker's `close()` (mio's waker
   * holds a duplicate of it); idempotent. A pending `waitAsync` is
   * interrupted first, and the descriptor closed once its kevent(2)
   * returned.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#guard?.close();
    const release = () => {
      this.#released = true;
      if (this.#userWaker === null) this.#closeKqueue();
    };
    if (this.#wait === null) release();
    else this.#wait.close(release);
  }

  /** Closes the descriptor once no shared registry's or waker's call is in progress. */
  #closeKqueue(): void {
    const kq = this.#kq;
    // Never made inert: libkqueue's descriptor is not the kqueue itself.
    closeGuarded(kq, () => this.#sys.close(kq), () => {});
    this.#kq = -1;
  }
}

/** The shared value of a kqueue registry. */
export interface SharedKqueueValue extends SharedRegistry {
  /** Always `"kqueue"`. */
  readonly backend: "kqueue";
  /** The kqueue descriptor. */
  readonly fd: number;
  /** The owner's `SharedGuard` state. */
  readonly state: SharedArrayBuffer;
}

/**
 * The registrar behind a `Registry.fromShared` registry of a kqueue: it
 * registers, reregisters and deregisters with the owner's kqueue. Waiting for
 * events and making a waker belong to the owner's `Selector`, in its Worker.
 */
export class SharedKqueueRegistrar implements Registrar {
  /** Always `"kqueue"`. */
  readonly backend = "kqueue" as const;
  /** Readable and writable; AIO and LIO on FreeBSD. */
  readonly interests: number;
  /** Its own: a registry built in another Worker (or twice in one) is not the owner's. */
  readonly instance: object = {};
  readonly #value: SharedKqueueValue;
  readonly #guard: SharedGuard;
  readonly #changes: KqueueChanges;

  private constructor(changes: KqueueChanges, value: SharedKqueueValue) {
    this.#value = value;
    this.#guard = SharedGuard.attach(value.state);
    this.#changes = changes;
    this.interests = kqueueInterests(changes.sys.target);
  }

  /**
   * Checks `value` and wraps it; changes go through `changes` (this Worker's).
   *
   * @throws {TypeError} unless `value` came from `Registry.share()` of a kqueue `Poll`.
   */
  static from(changes: KqueueChanges, value: unknown): SharedKqueueRegistrar {
    if (
      !hasType(value, "mio-ts/registry") || value.backend !== "kqueue" || !isDescriptor(value.fd) ||
      !SharedGuard.isState(value.state)
    ) {
      throw new TypeError("value must be what Registry.share() returned");
    }
    const { fd, state } = value;
    return new SharedKqueueRegistrar(changes, { type: "mio-ts/registry", backend: "kqueue", fd, state });
  }

  /** Whether the owner closed its `Poll`. */
  get closed(): boolean {
    return this.#guard.closed;
  }

  /** Runs `change` on the owner's kqueue unless it is closed (`BadResource`). */
  #guarded(change: (kq: number) => void): void {
    if (!this.#guard.enter()) throw badResource("Poll");
    try {
      change(this.#value.fd);
    } finally {
      this.#guard.leave();
    }
  }

  /** Adds the filters `interest` asks for on the owner's kqueue, in `mode`. */
  register(fd: number, token: number, interest: number, mode: number): void {
    this.#guarded((kq) => this.#changes.register(kq, fd, token, interest, mode));
  }

  /** Deletes both filters and adds the ones `interest` asks for, in `mode`, on the owner's kqueue. */
  reregister(fd: number, token: number, interest: number, mode: number): void {
    this.#guarded((kq) => this.#changes.reregister(kq, fd, token, interest, mode));
  }

  /** Deletes both filters on the owner's kqueue. */
  deregister(fd: number): void {
    this.#guarded((kq) => this.#changes.deregister(kq, fd));
  }

  /** Nothing to do: `EV_CLEAR` makes kqueue edge-triggered by itself. */
  rearm(_fd: number): void {}

  /** The value this registry was built from, to hand on to another Worker. */
  share(): SharedKqueueValue {
    return { ...this.#value };
  }

  /** A registrar over a duplicate of the owner's kqueue descriptor, made while the owner's `Poll` is open. */
  tryClone(): ClonedRegistrar {
    if (!this.#guard.enter()) throw badResource("Poll");
    try {
      return new KqueueClone(this.#changes, this.#value.fd, this.instance, () => {});
    } finally {
      this.#guard.leave();
    }
  }
}

/**
 * A registrar that owns a duplicate of a kqueue descriptor (mio's
 * `Registry::try_clone`, `F_DUPFD_CLOEXEC`): it changes the same kqueue,
 * stays usable after the `Poll` is closed, and is closed by `close()`.
 */
class KqueueClone implements ClonedRegistrar {
  readonly backend = "kqueue" as const;
  readonly interests: number;
  readonly instance: object;
  readonly #changes: KqueueChanges;
  /** Tells the owner's stash that `fd` now reports `token` (-1: nothing). */
  readonly #forget: (fd: number, token: number) => void;
  #kq: number;
  #guard: SharedGuard | null = null;

  /** Duplicates `kq` (close-on-exec); `instance` is the original's, `forget` its stash's. */
  constructor(
    changes: KqueueChanges,
    kq: number,
    instance: object,
    forget: (fd: number, token: number) => void,
  ) {
    const sys = changes.sys;
    const dup = sys.dupCloseOnExec(kq);
    if (dup < 0) throw sys.osError(sys.errno(), "fcntl");
    this.#kq = dup;
    this.#changes = changes;
    this.#forget = forget;
    this.interests = kqueueInterests(sys.target);
    this.instance = instance;
  }

  get closed(): boolean {
    return this.#kq < 0;
  }

  #open(): number {
    if (this.#kq < 0) throw badResource("Registry");
    return this.#kq;
  }

  register(fd: number, token: number, interest: number, mode: number): void {
    this.#changes.register(this.#open(), fd, token, interest, mode);
    this.#forget(fd, token);
  }

  reregister(fd: number, token: number, interest: number, mode: number): void {
    this.#changes.reregister(this.#open(), fd, token, interest, mode);
    this.#forget(fd, token);
  }

  deregister(fd: number): void {
    this.#changes.deregister(this.#open(), fd);
    this.#forget(fd, -1);
  }

  rearm(_fd: number): void {}

  share(): SharedKqueueValue {
    const kq = this.#open();
    this.#changes.sys.release(kq);
    this.#guard ??= SharedGuard.create(kq);
    return { type: "mio-ts/registry", backend: "kqueue", fd: kq, state: this.#guard.buffer };
  }

  tryClone(): ClonedRegistrar {
    return new KqueueClone(this.#changes, this.#open(), this.instance, this.#forget);
  }

  /** Refuses shared copies' calls, then closes the duplicate once none is in progress. */
  close(): void {
    if (this.#kq < 0) return;
    const kq = this.#kq;
    this.#guard?.close();
    closeGuarded(kq, () => this.#changes.sys.close(kq), () => {});
    this.#kq = -1;
  }
}

/**
 * The largest token an event's `udata` carries: 2^53, above every `Token`,
 * is the one `Poll`'s own user events are reported with.
 */
const MAX_UDATA_TOKEN = 2 ** 53;

/** The shared value of an `EVFILT_USER` waker. */
export interface SharedUserWakerValue extends SharedWaker {
  /** Always `"kqueue-user"`. */
  readonly kind: "kqueue-user";
  /** The kqueue descriptor. */
  readonly fd: number;
  /** The waker's token (the event's `udata`). */
  readonly token: number;
  /** The owner's `SharedGuard` state. */
  readonly state: SharedArrayBuffer;
}

/**
 * The owner's `EVFILT_USER` waker. Its selector keeps the kqueue descriptor
 * open while the waker is, so it wakes (nothing, once the `Poll` is
 * closed) and shares until `close()`.
 */
export class UserWaker implements SysWaker {
  /** The kqueue; -1 once the waker is closed. */
  #kq: number;
  readonly #changes: KqueueChanges;
  readonly #token: number;
  /** `#token` in a cell, for `triggerUserFrom`. */
  readonly #tokenCell: Float64Array;
  readonly #onClose: () => void;
  #guard: SharedGuard | null = null;

  /**
   * Adds the `EVFILT_USER` event reporting `token` to `kq`, through
   * `changes`; `onClose` runs when the waker is closed, after the event was
   * deleted (it may close `kq`).
   */
  constructor(kq: number, changes: KqueueChanges, token: number, onClose: () => void) {
    changes.addUser(kq, WAKER_IDENT, token);
    this.#kq = kq;
    this.#changes = changes;
    this.#token = token;
    this.#tokenCell = new Float64Array([token]);
    this.#onClose = onClose;
  }

  /** Triggers the event (`EV_ADD | NOTE_TRIGGER`, as mio's); nothing once the waker is closed. */
  wake(): void {
    if (this.#kq >= 0) this.#changes.triggerUserFrom(this.#kq, WAKER_IDENT, this.#tokenCell, 0);
  }

  /** A plain value another Worker wakes this waker with (`Waker.fromShared`). */
  share(): SharedUserWakerValue {
    if (this.#kq < 0) throw badResource("Waker");
    this.#changes.sys.release(this.#kq);
    this.#guard ??= SharedGuard.create(this.#kq);
    return {
      type: "mio-ts/waker",
      kind: "kqueue-user",
      fd: this.#kq,
      token: this.#token,
      state: this.#guard.buffer,
    };
  }

  /**
   * Refuses shared copies' wakes, deletes the event (and a pending wake),
   * then lets the selector close the kqueue if its `Poll` was closed;
   * idempotent.
   */
  close(): void {
    const kq = this.#kq;
    if (kq < 0) return;
    this.#kq = -1;
    this.#guard?.close();
    this.#guard = null;
    try {
      this.#changes.deleteUser(kq, WAKER_IDENT);
    } catch {
      // The event is the kqueue's; closing the waker must not fail over it.
    }
    this.#onClose();
  }
}

/** A waker built from a shared value, in any Worker: its wakes reach the owner's kqueue. */
export class SharedUserWaker implements SysWaker {
  readonly #value: SharedUserWakerValue;
  readonly #guard: SharedGuard;
  readonly #changes: KqueueChanges;
  /** The token in a cell, for `triggerAddedUserFrom`. */
  readonly #tokenCell: Float64Array;

  private constructor(changes: KqueueChanges, value: SharedUserWakerValue) {
    this.#value = value;
    this.#guard = SharedGuard.attach(value.state);
    this.#changes = changes;
    this.#tokenCell = new Float64Array([value.token]);
  }

  /** Whether `value` is an `EVFILT_USER` waker's shared value. */
  static isValue(value: unknown): boolean {
    return hasType(value, "mio-ts/waker") && value.kind === "kqueue-user";
  }

  /**
   * Checks `value` and wraps it; wakes go through `changes` (this Worker's).
   *
   * @throws {TypeError} unless `value` came from `Waker.share()` of an `EVFILT_USER` waker.
   */
  static from(changes: KqueueChanges, value: unknown): SharedUserWaker {
    if (
      !hasType(value, "mio-ts/waker") || value.kind !== "kqueue-user" || !isDescriptor(value.fd) ||
      typeof value.token !== "number" || !Number.isInteger(value.token) || value.token < 0 ||
      value.token > MAX_UDATA_TOKEN || !SharedGuard.isState(value.state)
    ) {
      throw new TypeError("value must be what Waker.share() returned");
    }
    const { fd, token, state } = value;
    return new SharedUserWaker(changes, { type: "mio-ts/waker", kind: "kqueue-user", fd, token, state });
  }

  /**
   * Triggers the event if it is still there (`triggerAddedUserFrom`),
   * unless the owner closed its waker: then `BadResource`.
   */
  wake(): void {
    if (!this.#guard.enter()) throw badResource("Waker");
    try {
      this.#changes.triggerAddedUserFrom(this.#value.fd, WAKER_IDENT, this.#tokenCell, 0);
    } finally {
      this.#guard.leave();
    }
  }

  /** The value this waker was built from, to hand on to another Worker. */
  share(): SharedUserWakerValue {
    if (this.#guard.closed) throw badResource("Waker");
    return { ...this.#value };
  }

  /** Nothing to release: the event is the owner's, and other copies go on working. */
  close(): void {}
}
