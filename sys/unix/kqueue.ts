/**
 * The kqueue selector (macOS/iOS, FreeBSD, NetBSD, OpenBSD, DragonFly; on
 * Linux, libkqueue through `MIO_KQUEUE_LIB`), as mio's
 * `selector/kqueue.rs`:
 *
 * - edge-triggered: every filter is added with `EV_CLEAR`;
 * - reads and writes are separate filters (`EVFILT_READ`, `EVFILT_WRITE`),
 *   so one descriptor can yield two events with the same token in one
 *   `select`;
 * - every change carries `EV_RECEIPT`, so `kevent` reports each change's
 *   error in its own entry; `EPIPE` on register (a pipe whose other end is
 *   gone, still reported readable) and `ENOENT` on reregister/deregister
 *   (a filter that was not there) are ignored, as mio ignores them;
 * - `reregister` adds the filters `interest` asks for and deletes the
 *   others; `deregister` deletes both. So, unlike epoll, registering a
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
 * `KqueueTarget` (kqueue_targets.ts); nothing here is specific to one OS.
 *
 * @module
 */
import {
  type EventBuffer,
  READY_AIO,
  READY_ERROR,
  READY_LIO,
  READY_READ_CLOSED,
  READY_READABLE,
  READY_WRITABLE,
  READY_WRITE_CLOSED,
  type Selector,
  type SysWaker,
} from "../contract.ts";
import { SharedGuard } from "../shared_guard.ts";
import { type FdWakerFactory, registerWaker } from "./fd_waker.ts";
import type { KqueueSystem } from "./kqueue_targets.ts";
import { KqueueChanges } from "./kqueue_changes.ts";
import type { SharedKqueueValue } from "./shared_kqueue.ts";
import { UserWaker } from "./kqueue_waker.ts";
import { KqueueWait } from "./kqueue_wait.ts";

const MS_PER_S = 1000;
const NS_PER_MS = 1_000_000;

/** A kqueue. */
export class KqueueSelector implements Selector {
  /** Always `"kqueue"`. */
  readonly backend = "kqueue" as const;
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
  /** The live `EVFILT_USER` waker, whose shared copies must stop before the kqueue closes. */
  #userWaker: UserWaker | null = null;
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

  /** Adds `EVFILT_WRITE` and/or `EVFILT_READ`, edge-triggered (`EV_CLEAR`). */
  register(fd: number, token: number, interest: number): void {
    this.#changes.register(this.#kq, fd, token, interest);
  }

  /** Adds the filters `interest` asks for and deletes the others. */
  reregister(fd: number, token: number, interest: number): void {
    this.#changes.reregister(this.#kq, fd, token, interest);
  }

  /** Deletes both filters (succeeding if `fd` had none). */
  deregister(fd: number): void {
    this.#changes.deregister(this.#kq, fd);
  }

  /** Nothing to do: `EV_CLEAR` makes kqueue edge-triggered by itself. */
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
      events.tokens[length] = codec.udataAt(words, i);
      length++;
    }
    events.length = length;
  }

  /**
   * kevent(2) off the JavaScript thread, into a stash the next `select`
   * hands out (kqueue_wait.ts).
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
      if (this.#userWaker === waker) this.#userWaker = null;
    });
    this.#userWaker = waker;
    return waker;
  }

  /** The kqueue descriptor and a guard, for `SharedKqueueRegistrar` in another Worker. */
  share(): SharedKqueueValue {
    this.#guard ??= SharedGuard.create();
    return { type: "mio-ts/registry", backend: "kqueue", fd: this.#kq, state: this.#guard.buffer };
  }

  /**
   * Closes the kqueue descriptor, after refusing shared registries' and the
   * `EVFILT_USER` waker's calls; idempotent. A pending `waitAsync` is
   * interrupted first, and the descriptor closed once its kevent(2) returned.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#guard?.close();
    this.#userWaker?.detach();
    this.#userWaker = null;
    const release = () => {
      this.#sys.close(this.#kq);
      this.#kq = -1;
    };
    if (this.#wait === null) release();
    else this.#wait.close(release);
  }
}
