/**
 * The epoll selector and its shared form.
 *
 * The epoll selector (Linux, Android): edge-triggered, as mio's.
 *
 * An epoll instance's registry, shared between Workers. `epoll_ctl` is
 * thread-safe in the kernel, so another Worker can add, change and remove
 * descriptors of the owner's epoll instance directly; their events arrive
 * in the owner's `poll()`. The owner's `SharedGuard` keeps those calls away
 * from the epoll descriptor once the `Poll` is closed (`BadResource`), and
 * its number from being freed while a call is in progress (`closeGuarded`).
 *
 * @module
 */
import {
  type ClonedRegistrar,
  type EventBuffer,
  hasType,
  INTEREST_PRIORITY,
  INTEREST_READABLE,
  INTEREST_WRITABLE,
  isDescriptor,
  MODE_LEVEL,
  MODE_ONESHOT,
  READY_ERROR,
  READY_PRIORITY,
  READY_READ_CLOSED,
  READY_READABLE,
  READY_WRITABLE,
  READY_WRITE_CLOSED,
  type Registrar,
  type Selector,
  type SharedRegistry,
  type SysWaker,
} from "../contract.ts";
import { type FdWakerFactory, registerWaker } from "./wakers.ts";
import { OffThreadWait } from "./off_thread_wait.ts";
import { EventLoopWait } from "./event_loop_wait.ts";
import { errno, libc, makeInert } from "./libc.ts";
import { closeHeld, held, threadExit } from "./thread_exit_keys.ts";
import { LINUX as C, osError } from "./tables_linux.ts";
import { closeGuarded, SharedGuard } from "../shared_guard.ts";
import type { LinuxLayouts } from "../layout.ts";
import { badResource } from "../error.ts";

const TWO_32 = 0x1_0000_0000;

/** What epoll delivers: readable, writable and priority (`EPOLLPRI`). */
const EPOLL_INTERESTS = INTEREST_READABLE | INTEREST_WRITABLE | INTEREST_PRIORITY;

/**
 * mio's `interests_to_epoll`, with mio 0.6's `PollOpt`: `EPOLLET` unless
 * `mode` is level-triggered, `EPOLLONESHOT` for a oneshot `mode`.
 */
export function epollFlags(interest: number, mode: number): number {
  let flags = mode & MODE_LEVEL ? 0 : C.EPOLLET;
  if (mode & MODE_ONESHOT) flags |= C.EPOLLONESHOT;
  if (interest & INTEREST_READABLE) flags |= C.EPOLLIN | C.EPOLLRDHUP;
  if (interest & INTEREST_WRITABLE) flags |= C.EPOLLOUT;
  if (interest & INTEREST_PRIORITY) flags |= C.EPOLLPRI;
  return flags >>> 0;
}

/** mio's `event` module for epoll: epoll bits to portable readiness bits. */
export function epollReadiness(ev: number): number {
  let r = 0;
  if (ev & (C.EPOLLIN | C.EPOLLPRI)) r |= READY_READABLE;
  if (ev & C.EPOLLOUT) r |= READY_WRITABLE;
  if (ev & C.EPOLLERR) r |= READY_ERROR;
  if ((ev & C.EPOLLHUP) || ((ev & C.EPOLLIN) && (ev & C.EPOLLRDHUP))) r |= READY_READ_CLOSED;
  if ((ev & C.EPOLLHUP) || ((ev & C.EPOLLOUT) && (ev & C.EPOLLERR)) || ev === C.EPOLLERR) {
    r |= READY_WRITE_CLOSED;
  }
  if (ev & C.EPOLLPRI) r |= READY_PRIORITY;
  return r;
}

/**
 * One `epoll_event` for `epoll_ctl`, reused: the interest flags and the
 * 64-bit token (mio's `data.u64`) are encoded here, for the selector and
 * its shared form alike.
 */
class EpollCtl {
  readonly #layout: LinuxLayouts["epoll_event"];
  readonly #event: Uint8Array;
  readonly #words: DataView;

  constructor(layout: LinuxLayouts["epoll_event"]) {
    this.#layout = layout;
    this.#event = new Uint8Array(layout.size);
    this.#words = new DataView(this.#event.buffer);
  }

  /** `epoll_ctl(ep, op, fd, {interest and mode, token})`: 0, or the errno of a failure. */
  call(ep: number, op: number, fd: number, token: number, interest: number, mode: number): number {
    const { events, data } = this.#layout.fields;
    this.#words.setUint32(events.offset, epollFlags(interest, mode), true);
    this.#words.setUint32(data.offset, token % TWO_32, true);
    this.#words.setUint32(data.offset + 4, Math.floor(token / TWO_32), true);
    return libc.epoll_ctl(ep, op, fd, this.#event) < 0 ? errno() : 0;
  }
}

/** An epoll instance. */
export class EpollSelector implements Selector {
  /** Always `"epoll"`. */
  readonly backend = "epoll" as const;
  /** Readable, writable and priority. */
  readonly interests = EPOLL_INTERESTS;
  /** Shared with this instance's clones (`tryClone`). */
  readonly instance: object = {};
  #ep: number;
  #closed = false;
  readonly #layout: LinuxLayouts["epoll_event"];
  readonly #ctl: EpollCtl;
  readonly #newWaker: FdWakerFactory;
  /** Guards the epoll descriptor once it was shared with other Workers. */
  #guard: SharedGuard | null = null;
  /** `waitAsync`'s off-thread poll(2): the epoll descriptor is readable when events are ready. */
  readonly #wait: OffThreadWait;
  /** One `struct pollfd` watching the epoll descriptor for `waitAsync`. */
  readonly #waitFd: Uint8Array;
  /**
   * `waitAsync` on this thread's own event loop, where the runtime offers
   * that (`EventLoopWait`): made at the first wait; `null` where it does
   * not, and the off-thread poll(2) waits instead.
   */
  #loopWait: EventLoopWait | null | undefined = undefined;

  /**
   * Creates an epoll instance (close-on-exec, non-blocking) using the
   * `epoll_event` and `pollfd` layouts given; `newWaker` makes the eventfd
   * or pipe a `Waker` registers.
   */
  constructor(layout: LinuxLayouts["epoll_event"], pollfd: LinuxLayouts["pollfd"], newWaker: FdWakerFactory) {
    this.#layout = layout;
    this.#newWaker = newWaker;
    this.#wait = new OffThreadWait(pollfd);
    this.#waitFd = new Uint8Array(pollfd.size);
    this.#ctl = new EpollCtl(layout);
    const ep = libc.epoll_create1(C.EPOLL_CLOEXEC);
    if (ep < 0) throw osError(errno(), "epoll_create1");
    // epoll_create1 takes no O_NONBLOCK; set it so every descriptor is non-blocking.
    const fl = libc.fcntl(ep, C.F_GETFL, 0);
    if (fl < 0 || libc.fcntl(ep, C.F_SETFL, fl | C.O_NONBLOCK) < 0) {
      const e = errno();
      libc.close(ep);
      throw osError(e, "fcntl");
    }
    this.#ep = held(ep);
    const waitFd = new DataView(this.#waitFd.buffer);
    waitFd.setInt32(pollfd.fields.fd.offset, ep, true);
    waitFd.setInt16(pollfd.fields.events.offset, C.POLLIN, true);
  }

  /** Whether `close()` has been called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The epoll descriptor. */
  get fd(): number {
    return this.#ep;
  }

  #ctlCall(op: number, fd: number, token: number, interest: number, mode: number): void {
    const e = this.#ctl.call(this.#ep, op, fd, token, interest, mode);
    if (e !== 0) throw osError(e, "epoll_ctl");
  }

  /** `EPOLL_CTL_ADD` */
  register(fd: number, token: number, interest: number, mode: number): void {
    this.#ctlCall(C.EPOLL_CTL_ADD, fd, token, interest, mode);
  }

  /** `EPOLL_CTL_MOD`: re-enables a oneshot registration; pending readiness is reported. */
  reregister(fd: number, token: number, interest: number, mode: number): void {
    this.#ctlCall(C.EPOLL_CTL_MOD, fd, token, interest, mode);
  }

  /** `EPOLL_CTL_DEL` */
  deregister(fd: number): void {
    this.#ctlCall(C.EPOLL_CTL_DEL, fd, 0, 0, 0);
  }

  /** Nothing to do: epoll is edge-triggered by itself. */
  rearm(_fd: number): void {}

  /** `epoll_wait`, then decodes each record into a token and readiness bits. */
  select(events: EventBuffer, timeoutMs: number): void {
    const n = libc.epoll_wait(this.#ep, events.raw, events.capacity, timeoutMs);
    if (n < 0) {
      events.length = 0;
      const e = errno();
      if (e === C.EINTR) return;
      throw osError(e, "epoll_wait");
    }
    const words = events.words;
    const stride = this.#layout.size >> 2;
    const dataWord = this.#layout.fields.data.offset >> 2;
    for (let i = 0, w = 0; i < n; i++, w += stride) {
      events.readiness[i] = epollReadiness(words[w]!);
      events.tokens[i] = words[w + dataWord]! + words[w + dataWord + 1]! * TWO_32;
    }
    events.length = n;
  }

  /**
   * Waits until the epoll descriptor is readable, which it is when
   * `epoll_wait` has events to return: on the runtime's event loop where it
   * can watch the descriptor (Node's main thread), else with a poll(2) off
   * the JavaScript thread.
   */
  waitAsync(timeoutMs: number): Promise<void> {
    if (this.#loopWait === undefined) this.#loopWait = EventLoopWait.open(this.#ep);
    if (this.#loopWait !== null) return this.#loopWait.wait(timeoutMs);
    return this.#wait.wait(this.#waitFd, 1, timeoutMs);
  }

  /** Ends a pending `waitAsync` (through its cancel descriptor, off the thread). */
  interruptWait(): void {
    this.#loopWait?.interrupt();
    this.#wait.interrupt();
  }

  /** An eventfd (or pipe) registered for readability with `token`. */
  createWaker(token: number): SysWaker {
    return registerWaker(this, token, this.#newWaker());
  }

  /** A registrar over a duplicate of the epoll descriptor (mio's `Registry::try_clone`). */
  tryClone(): ClonedRegistrar {
    return new EpollClone(this.#layout, this.#ep, this.instance);
  }

  /**
   * The epoll descriptor and a guard, for `SharedEpollRegistrar` in another
   * Worker; the descriptor is no longer closed at this thread's exit
   * (`threadExit`), since that Worker may be using it then.
   */
  share(): SharedEpollValue {
    threadExit.release(this.#ep);
    this.#guard ??= SharedGuard.create(this.#ep);
    return { type: "mio-ts/registry", backend: "epoll", fd: this.#ep, state: this.#guard.buffer };
  }

  /**
   * Closes the epoll descriptor (after refusing shared registries' calls;
   * its number is freed once none is in progress); idempotent. A pending
   * `waitAsync` is interrupted first, and the descriptor closed once its
   * poll(2) returned; the event loop stops watching it before that.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#guard?.close();
    this.#loopWait?.close();
    this.#wait.close(() => {
      const ep = this.#ep;
      closeGuarded(ep, () => closeHeld(ep), () => makeInert(ep));
      this.#ep = -1;
    });
  }
}

/** The shared value of an epoll registry. */
export interface SharedEpollValue extends SharedRegistry {
  /** Always `"epoll"`. */
  readonly backend: "epoll";
  /** The epoll descriptor. */
  readonly fd: number;
  /** The owner's `SharedGuard` state. */
  readonly state: SharedArrayBuffer;
}

/**
 * The registrar behind a `Registry.fromShared` registry: it registers,
 * reregisters and deregisters with the owner's epoll instance. Waiting for events
 * and making a waker belong to the owner's `Selector`, in the owner's Worker.
 */
export class SharedEpollRegistrar implements Registrar {
  /** Always `"epoll"`. */
  readonly backend = "epoll" as const;
  /** Readable, writable and priority. */
  readonly interests = EPOLL_INTERESTS;
  /** Its own: a registry built in another Worker (or twice in one) is not the owner's. */
  readonly instance: object = {};
  readonly #layout: LinuxLayouts["epoll_event"];
  readonly #value: SharedEpollValue;
  readonly #guard: SharedGuard;
  readonly #ctl: EpollCtl;

  private constructor(layout: LinuxLayouts["epoll_event"], value: SharedEpollValue) {
    this.#value = value;
    this.#guard = SharedGuard.attach(value.state);
    this.#layout = layout;
    this.#ctl = new EpollCtl(layout);
  }

  /**
   * Checks `value` and wraps it, using the `epoll_event` layout given.
   *
   * @throws {TypeError} unless `value` came from `Registry.share()`.
   */
  static from(layout: LinuxLayouts["epoll_event"], value: unknown): SharedEpollRegistrar {
    if (
      !hasType(value, "mio-ts/registry") || value.backend !== "epoll" || !isDescriptor(value.fd) ||
      !SharedGuard.isState(value.state)
    ) {
      throw new TypeError("value must be what Registry.share() returned");
    }
    const { fd, state } = value;
    return new SharedEpollRegistrar(layout, { type: "mio-ts/registry", backend: "epoll", fd, state });
  }

  /** Whether the owner closed its `Poll`. */
  get closed(): boolean {
    return this.#guard.closed;
  }

  #ctlCall(op: number, fd: number, token: number, interest: number, mode: number): void {
    if (!this.#guard.enter()) throw badResource("Poll");
    let e = 0;
    try {
      e = this.#ctl.call(this.#value.fd, op, fd, token, interest, mode);
    } finally {
      this.#guard.leave();
    }
    // A failure once the owner closed is the inert number's (SharedGuard), not the call's.
    if (e !== 0) throw this.#guard.closed ? badResource("Poll") : osError(e, "epoll_ctl");
  }

  /** `EPOLL_CTL_ADD` on the owner's epoll instance. */
  register(fd: number, token: number, interest: number, mode: number): void {
    this.#ctlCall(C.EPOLL_CTL_ADD, fd, token, interest, mode);
  }

  /** `EPOLL_CTL_MOD` on the owner's epoll instance: re-enables a oneshot registration; pending readiness is reported. */
  reregister(fd: number, token: number, interest: number, mode: number): void {
    this.#ctlCall(C.EPOLL_CTL_MOD, fd, token, interest, mode);
  }

  /** `EPOLL_CTL_DEL` on the owner's epoll instance. */
  deregister(fd: number): void {
    this.#ctlCall(C.EPOLL_CTL_DEL, fd, 0, 0, 0);
  }

  /** Nothing to do: epoll is edge-triggered by itself. */
  rearm(_fd: number): void {}

  /** The value this registry was built from, to hand on to another Worker. */
  share(): SharedEpollValue {
    return { ...this.#value };
  }

  /** A registrar over a duplicate of the owner's epoll descriptor, made while the owner's `Poll` is open. */
  tryClone(): ClonedRegistrar {
    if (!this.#guard.enter()) throw badResource("Poll");
    let clone: EpollClone;
    try {
      clone = new EpollClone(this.#layout, this.#value.fd, this.instance);
    } catch (e) {
      throw this.#guard.closed ? badResource("Poll") : e;
    } finally {
      this.#guard.leave();
    }
    // Closed meanwhile: the duplicate may be of the inert number (SharedGuard).
    if (this.#guard.closed) {
      clone.close();
      throw badResource("Poll");
    }
    return clone;
  }
}

/**
 * A registrar that owns a duplicate of an epoll descriptor (mio's
 * `Registry::try_clone`, which dups it): it registers with the same epoll
 * instance, stays usable after the `Poll` is closed, and is closed by
 * `close()`.
 */
class EpollClone implements ClonedRegistrar {
  readonly backend = "epoll" as const;
  readonly interests = EPOLL_INTERESTS;
  readonly instance: object;
  readonly #layout: LinuxLayouts["epoll_event"];
  readonly #ctl: EpollCtl;
  #ep: number;
  #guard: SharedGuard | null = null;

  /** Duplicates `ep` (close-on-exec); `instance` is the original's. */
  constructor(layout: LinuxLayouts["epoll_event"], ep: number, instance: object) {
    const dup = libc.fcntl(ep, C.F_DUPFD_CLOEXEC, 0);
    if (dup < 0) throw osError(errno(), "fcntl");
    this.#ep = held(dup);
    this.#layout = layout;
    this.#ctl = new EpollCtl(layout);
    this.instance = instance;
  }

  get closed(): boolean {
    return this.#ep < 0;
  }

  #ctlCall(op: number, fd: number, token: number, interest: number, mode: number): void {
    if (this.#ep < 0) throw badResource("Registry");
    const e = this.#ctl.call(this.#ep, op, fd, token, interest, mode);
    if (e !== 0) throw osError(e, "epoll_ctl");
  }

  register(fd: number, token: number, interest: number, mode: number): void {
    this.#ctlCall(C.EPOLL_CTL_ADD, fd, token, interest, mode);
  }

  reregister(fd: number, token: number, interest: number, mode: number): void {
    this.#ctlCall(C.EPOLL_CTL_MOD, fd, token, interest, mode);
  }

  deregister(fd: number): void {
    this.#ctlCall(C.EPOLL_CTL_DEL, fd, 0, 0, 0);
  }

  rearm(_fd: number): void {}

  share(): SharedEpollValue {
    if (this.#ep < 0) throw badResource("Registry");
    threadExit.release(this.#ep);
    this.#guard ??= SharedGuard.create(this.#ep);
    return { type: "mio-ts/registry", backend: "epoll", fd: this.#ep, state: this.#guard.buffer };
  }

  tryClone(): ClonedRegistrar {
    if (this.#ep < 0) throw badResource("Registry");
    return new EpollClone(this.#layout, this.#ep, this.instance);
  }

  /** Refuses shared copies' calls, then closes the duplicate (once none is in progress). */
  close(): void {
    if (this.#ep < 0) return;
    const ep = this.#ep;
    closeGuarded(ep, () => closeHeld(ep), () => makeInert(ep));
    this.#ep = -1;
  }
}
