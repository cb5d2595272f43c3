/**
 * The poll(2) selector: mio's portable fallback (`selector/poll.rs`), used
 * where no better selector exists and, on Linux, when `MIO_FORCE_POLL_POLL=1`
 * (mio's `mio_unsupported_force_poll_poll`).
 *
 * poll(2) is level-triggered; edge-triggering is emulated as mio does:
 * after an event, the bits it reported are removed from the descriptor's
 * interests until `rearm` (called by a source whose operation returned
 * WouldBlock, mio's `do_io`) or `reregister` restores them. A
 * level-triggered registration keeps its bits (poll(2)'s own behaviour);
 * a oneshot one is left out of the set after one event until `reregister`.
 *
 * Where it differs from epoll:
 * - each `select` is one poll(2) over every registered descriptor: O(n) in
 *   the number registered, not in the number ready;
 * - a source that never hits WouldBlock after an event gets no further event
 *   for the same readiness until it is rearmed or reregistered (mio's poll
 *   backend behaves the same; epoll reports each new edge). A descriptor
 *   registered through `SourceFd` is never rearmed (its I/O is not done by
 *   mio-ts): reregister it after its WouldBlock;
 * - a descriptor whose event carried POLLHUP is dropped from the set after
 *   that event is reported ("closed descriptors dropped"): it gets no
 *   further events until `reregister`; `deregister` still succeeds, and
 *   registering the same descriptor number again is allowed (mio answers
 *   NotFound to both, as it forgot the descriptor);
 * - a descriptor whose event carried POLLERR alone (a pending socket error)
 *   is left out until `rearm` or `reregister`, as reported bits are: after
 *   the error is read and an operation returns WouldBlock, it reports again
 *   (a UDP socket goes on after an ICMP error, as on epoll);
 * - with more descriptors ready than `events` holds, each `select` starts
 *   where the last one stopped, so every ready descriptor is reported within
 *   a bounded number of calls;
 * - a descriptor closed without being deregistered (POLLNVAL) is dropped
 *   without an event, as epoll forgets a closed descriptor;
 * - the selector's own wake descriptor (an eventfd, or a pipe with
 *   `MIO_FORCE_WAKER_PIPE=1`) sits in slot 0; the `Waker` shares it instead
 *   of registering one of its own.
 *
 * @module
 */
import { errno, libc } from "./libc.ts";
import { C, osError } from "./unix_os.ts";
import { badResource, IoError } from "../error.ts";
import type { LinuxLayouts } from "../layout.ts";
import {
  type ClonedRegistrar,
  type EventBuffer,
  INTEREST_PRIORITY,
  INTEREST_READABLE,
  INTEREST_WRITABLE,
  MODE_ONESHOT,
  READY_ERROR,
  READY_PRIORITY,
  READY_READ_CLOSED,
  READY_READABLE,
  READY_WRITABLE,
  READY_WRITE_CLOSED,
  type Selector,
  type SysWaker,
} from "../contract.ts";
import type { FdWaker, FdWakerFactory, SharedFdWakerValue } from "./wakers.ts";
import { OffThreadWait } from "./off_thread_wait.ts";
import { RegistrarClone } from "../registrar_clone.ts";
import { ChangeQueue, changesFromElsewhere, type SharedQueueValue } from "../shared_changes.ts";
import { SharedGuard } from "../shared_guard.ts";

/** What poll(2) delivers on Linux: readable, writable and priority (`POLLPRI`). */
const POLL_INTERESTS = INTEREST_READABLE | INTEREST_WRITABLE | INTEREST_PRIORITY;
/** A slot's mode bit (beside `MODE_*`): a oneshot registration that fired, disabled until `reregister`. */
const DISABLED = 0b100;
/**
 * A slot's mode bit: an edge-triggered descriptor whose event carried
 * `POLLERR` without `POLLHUP` (a pending socket error, such as an ICMP
 * port unreachable on UDP), left out of the set until `rearm` (the error
 * was read, then WouldBlock) or `reregister`: poll(2) reports `POLLERR`
 * whatever the interests, so disarming bits cannot stop it.
 */
const ERRORED = 0b1000;

/** Slots allocated at first; the arrays double when full. */
const INITIAL_SLOTS = 16;

/** mio's `interests_to_poll`. */
function pollFlags(interest: number): number {
  let flags = 0;
  if (interest & INTEREST_READABLE) flags |= C.POLLIN | C.POLLRDHUP;
  if (interest & INTEREST_WRITABLE) flags |= C.POLLOUT;
  if (interest & INTEREST_PRIORITY) flags |= C.POLLPRI;
  return flags;
}

/** mio's `event` module for poll(2): `revents` bits to portable readiness bits. */
export function pollReadiness(ev: number): number {
  let r = 0;
  if (ev & (C.POLLIN | C.POLLPRI)) r |= READY_READABLE;
  if (ev & C.POLLOUT) r |= READY_WRITABLE;
  if (ev & C.POLLERR) r |= READY_ERROR;
  if (ev & (C.POLLHUP | C.POLLRDHUP)) r |= READY_READ_CLOSED;
  if ((ev & C.POLLHUP) || ((ev & C.POLLOUT) && (ev & C.POLLERR)) || ev === C.POLLERR) {
    r |= READY_WRITE_CLOSED;
  }
  if (ev & C.POLLPRI) r |= READY_PRIORITY;
  return r;
}

/** The `Waker` of a poll(2) selector: it signals the selector's slot-0 descriptor. */
class PollWaker implements SysWaker {
  #selector: PollSelector | null;

  constructor(selector: PollSelector) {
    this.#selector = selector;
  }

  wake(): void {
    this.#selector?.wake();
  }

  share(): SharedFdWakerValue {
    if (this.#selector === null) throw badResource("Waker");
    return this.#selector.shareWake();
  }

  close(): void {
    this.#selector?.forgetWaker();
    this.#selector = null;
  }
}

/**
 * A poll(2) selector: a growable `struct pollfd` array whose slot 0 is the
 * wake descriptor, with a token and interest per slot and a map from
 * descriptor to slot. `select` allocates nothing.
 */
export class PollSelector implements Selector {
  /** Always `"poll"`. */
  readonly backend = "poll" as const;
  /** Readable, writable and priority. */
  readonly interests = POLL_INTERESTS;
  /** Shared with this selector's clones (`tryClone`). */
  readonly instance: object = {};
  /** No descriptor of its own (`Poll.fd` is `null`). */
  readonly fd = null;
  #closed = false;
  readonly #notify: FdWaker;
  /**
   * The token of the live `Waker`, or -1. A live `Waker` keeps the wake
   * descriptor open past `close()`, as mio's keeps its selector's.
   */
  #wakerToken = -1;
  /** Whether `close()` finished with the wake descriptor (after a pending `waitAsync` returned). */
  #released = false;
  /** Slots in use, slot 0 (the wake descriptor) included. */
  #count = 1;
  #pollfds: Uint8Array;
  /** `pollfd.fd` of each slot (-1 for a dropped descriptor, which poll(2) skips). */
  #fdField: Int32Array;
  /** `pollfd.events` and `pollfd.revents` of each slot. */
  #flagFields: Uint16Array;
  /** The registered descriptor of each slot, dropped or not. */
  #fds: Int32Array;
  #tokens: Float64Array;
  #interests: Uint8Array;
  /** Where the next `select` starts scanning (slots 1 to `#count - 1`, in turn). */
  #next = 1;
  /** `MODE_*` bits of each slot, and `DISABLED`, `ERRORED`. */
  #modes: Uint8Array;
  readonly #slots = new Map<number, number>();
  readonly #size: number;
  readonly #fdAt: number;
  readonly #eventsAt: number;
  readonly #reventsAt: number;
  /** `waitAsync`'s off-thread poll(2), over a copy of the `pollfd` array. */
  readonly #wait: OffThreadWait;
  /** Changes other Workers queued through a shared registry (once `share()` was called). */
  #changes: ChangeQueue | null = null;
  /**
   * Descriptors registered by another Worker (through `#changes`). Such a
   * Worker may end without deregistering them (terminated: its descriptors
   * are closed as its thread ends, `threadExit`), so their numbers can come
   * back in a new registration while still here.
   */
  readonly #registeredElsewhere = new Set<number>();
  /** Applies another Worker's changes: a registration replaces what its descriptor number left here. */
  readonly #changeTarget = changesFromElsewhere(
    this,
    (fd, token, interest, mode) => this.#add(fd, token, interest, mode, true),
  );
  /** Refuses shared registries' changes and wakes once the selector is closed. */
  #shareGuard: SharedGuard | null = null;

  /**
   * Creates a selector using the `pollfd` layout given; `newWaker` makes
   * its wake descriptor (an eventfd or a pipe).
   */
  constructor(layout: LinuxLayouts["pollfd"], newWaker: FdWakerFactory) {
    this.#wait = new OffThreadWait(layout);
    const { fd, events, revents } = layout.fields;
    this.#size = layout.size;
    this.#fdAt = fd.offset >> 2;
    this.#eventsAt = events.offset >> 1;
    this.#reventsAt = revents.offset >> 1;
    this.#pollfds = new Uint8Array(0);
    this.#fdField = new Int32Array(0);
    this.#flagFields = new Uint16Array(0);
    this.#fds = new Int32Array(0);
    this.#tokens = new Float64Array(0);
    this.#interests = new Uint8Array(0);
    this.#modes = new Uint8Array(0);
    this.#grow(INITIAL_SLOTS);
    this.#notify = newWaker();
    this.#setPollfd(0, this.#notify.fd, C.POLLIN);
  }

  /** Whether `close()` has been called. */
  get closed(): boolean {
    return this.#closed;
  }

  #grow(slots: number): void {
    const pollfds = new Uint8Array(slots * this.#size);
    pollfds.set(this.#pollfds);
    this.#pollfds = pollfds;
    this.#fdField = new Int32Array(pollfds.buffer);
    this.#flagFields = new Uint16Array(pollfds.buffer);
    const fds = new Int32Array(slots);
    fds.set(this.#fds);
    this.#fds = fds;
    const tokens = new Float64Array(slots);
    tokens.set(this.#tokens);
    this.#tokens = tokens;
    const interests = new Uint8Array(slots);
    interests.set(this.#interests);
    this.#interests = interests;
    const modes = new Uint8Array(slots);
    modes.set(this.#modes);
    this.#modes = modes;
  }

  #setPollfd(slot: number, fd: number, events: number): void {
    this.#fdField[slot * (this.#size >> 2) + this.#fdAt] = fd;
    const half = slot * (this.#size >> 1);
    this.#flagFields[half + this.#eventsAt] = events;
    this.#flagFields[half + this.#reventsAt] = 0;
  }

  #isDropped(slot: number): boolean {
    return this.#fdField[slot * (this.#size >> 2) + this.#fdAt]! < 0;
  }

  #drop(slot: number): void {
    this.#fdField[slot * (this.#size >> 2) + this.#fdAt] = -1;
  }

  /** Leaves an edge-triggered slot out of the set until `rearm` or `reregister` (see `ERRORED`). */
  #suspend(slot: number): void {
    this.#drop(slot);
    this.#modes[slot] = ERRORED;
  }

  #arm(slot: number, fd: number, token: number, interest: number, mode: number): void {
    this.#setPollfd(slot, fd, pollFlags(interest));
    this.#fds[slot] = fd;
    this.#tokens[slot] = token;
    this.#interests[slot] = interest;
    this.#modes[slot] = mode;
  }

  #slotOf(fd: number): number {
    const slot = this.#slots.get(fd);
    if (slot === undefined) {
      throw new IoError("NotFound", `descriptor ${fd} is not registered with this Poll`, { code: "ENOENT" });
    }
    return slot;
  }

  /**
   * Adds `fd` in `mode`; a descriptor already there (not dropped, or a
   * oneshot registration that fired) is `AlreadyExists`, unless another
   * Worker registered it (see `#add`).
   */
  register(fd: number, token: number, interest: number, mode: number): void {
    this.#add(fd, token, interest, mode, false);
  }

  /**
   * Adds `fd` for this Worker (`elsewhere` false) or another one. The
   * caller's source holds `fd` and is not registered (checked where it
   * lives), so a registration of that number still here from another Worker,
   * or of any Worker when another Worker registers, is of a descriptor
   * closed without deregistering (epoll and kqueue forget those at the
   * close): it is replaced. This Worker's own is `AlreadyExists`, as mio's.
   */
  #add(fd: number, token: number, interest: number, mode: number, elsewhere: boolean): void {
    let slot = this.#slots.get(fd);
    if (
      slot !== undefined && !elsewhere && !this.#registeredElsewhere.has(fd) &&
      (!this.#isDropped(slot) || (this.#modes[slot]! & (DISABLED | ERRORED)) !== 0)
    ) {
      throw new IoError(
        "AlreadyExists",
        `descriptor ${fd} is already registered with this Poll (an old descriptor might have been closed without deregistration)`,
        { code: "EEXIST" },
      );
    }
    if (slot === undefined) {
      if (this.#count === this.#fds.length) this.#grow(this.#count * 2);
      slot = this.#count++;
      this.#slots.set(fd, slot);
    }
    if (elsewhere) this.#registeredElsewhere.add(fd);
    else this.#registeredElsewhere.delete(fd);
    this.#arm(slot, fd, token, interest, mode);
    this.#wait.interrupt();
  }

  /**
   * Sets token, interest and mode (all interest bits armed again, a dropped
   * or disabled descriptor restored).
   */
  reregister(fd: number, token: number, interest: number, mode: number): void {
    this.#arm(this.#slotOf(fd), fd, token, interest, mode);
    this.#wait.interrupt();
  }

  /** Removes `fd`, moving the last slot into its place. */
  deregister(fd: number): void {
    const slot = this.#slotOf(fd);
    const last = this.#count - 1;
    if (slot !== last) {
      this.#pollfds.copyWithin(slot * this.#size, last * this.#size, (last + 1) * this.#size);
      this.#fds[slot] = this.#fds[last]!;
      this.#tokens[slot] = this.#tokens[last]!;
      this.#interests[slot] = this.#interests[last]!;
      this.#modes[slot] = this.#modes[last]!;
      this.#slots.set(this.#fds[slot]!, slot);
    }
    this.#slots.delete(fd);
    this.#registeredElsewhere.delete(fd);
    this.#count = last;
    this.#wait.interrupt();
  }

  /**
   * Arms every interest of `fd` again (mio's `do_io` reregister), and puts
   * back a descriptor left out after `POLLERR`. A descriptor dropped after
   * `POLLHUP` stays dropped: its `pollfd.fd` stays -1. Level-triggered
   * slots never lose bits, and a oneshot one waits for `reregister`.
   */
  rearm(fd: number): void {
    const slot = this.#slots.get(fd);
    if (slot === undefined) return;
    if (this.#modes[slot] === ERRORED) {
      this.#modes[slot] = 0;
      this.#setPollfd(slot, fd, pollFlags(this.#interests[slot]!));
      this.#wait.interrupt();
      return;
    }
    if (this.#modes[slot] !== 0) return;
    const at = slot * (this.#size >> 1) + this.#eventsAt;
    const flags = pollFlags(this.#interests[slot]!);
    if (this.#flagFields[at] === flags) return;
    this.#flagFields[at] = flags;
    this.#wait.interrupt();
  }

  /**
   * poll(2), then one event per ready descriptor (at most `events.capacity`;
   * the others stay armed for the next call). A wake-up with nothing to
   * report (a closed `Waker`'s last wake) polls again.
   */
  select(events: EventBuffer, timeoutMs: number): void {
    events.length = 0;
    const words = this.#size >> 1;
    this.#changes?.apply(this.#changeTarget);
    for (;;) {
      let ready = libc.poll(this.#pollfds, this.#count, timeoutMs);
      if (ready < 0) {
        const e = errno();
        if (e === C.EINTR) return;
        if (e === C.EAGAIN) continue;
        throw osError(e, "poll");
      }
      if (ready === 0) return;
      const flags = this.#flagFields;
      let n = 0;
      const wakeBits = flags[this.#reventsAt]!;
      let woken = false;
      if (wakeBits !== 0) {
        ready--;
        this.#notify.reset();
        woken = true;
        if (this.#wakerToken >= 0) {
          events.tokens[0] = this.#wakerToken;
          events.readiness[0] = pollReadiness(wakeBits);
          n = 1;
        }
      }
      // The scan starts where the last one stopped, so that with more descriptors ready than `events`
      // holds, each is reported within a bounded number of calls (a fixed start would starve the last).
      const count = this.#count;
      let slot = this.#next < count ? this.#next : 1;
      for (let left = count - 1; left > 0 && ready > 0 && n < events.capacity; left--) {
        const at = slot;
        slot = slot + 1 < count ? slot + 1 : 1;
        const revents = flags[at * words + this.#reventsAt]!;
        if (revents === 0) continue;
        ready--;
        if (revents & C.POLLNVAL) {
          this.#drop(at);
          continue;
        }
        events.tokens[n] = this.#tokens[at]!;
        events.readiness[n] = pollReadiness(revents);
        n++;
        const mode = this.#modes[at]!;
        if (mode === 0) {
          if (revents & C.POLLHUP) this.#drop(at);
          else if (revents & C.POLLERR) this.#suspend(at);
          else flags[at * words + this.#eventsAt] = flags[at * words + this.#eventsAt]! & ~revents;
        } else if (mode & MODE_ONESHOT) {
          this.#drop(at);
          this.#modes[at] = mode | DISABLED;
        }
      }
      this.#next = slot;
      events.length = n;
      // Another Worker's changes come with a wake: applied after the scan, which they could reorder.
      if (woken) this.#changes?.apply(this.#changeTarget);
      if (n > 0) return;
    }
  }

  /**
   * poll(2) off the JavaScript thread over a copy of the `pollfd` array
   * (the wake descriptor included). Every change to the set while it waits
   * (register, reregister, deregister, a rearm that arms bits again)
   * interrupts it, so the caller waits again on a fresh copy, as mio's
   * poll selector wakes its poller on changes.
   */
  waitAsync(timeoutMs: number): Promise<void> {
    this.#changes?.apply(this.#changeTarget);
    return this.#wait.wait(this.#pollfds, this.#count, timeoutMs);
  }

  /** Ends a pending `waitAsync` through its cancel descriptor. */
  interruptWait(): void {
    this.#wait.interrupt();
  }

  /** A registrar that forwards here and keeps this selector reachable (mio clones the `Arc` of its state). */
  tryClone(): ClonedRegistrar {
    return new RegistrarClone(this);
  }

  /** A waker that signals this selector's wake descriptor; its wakes report `token`. */
  createWaker(token: number): SysWaker {
    this.#wakerToken = token;
    return new PollWaker(this);
  }

  /**
   * Signals the wake descriptor. The live `Waker` keeps it open after
   * `close()`: its wakes then wake nothing, as mio's. Once the descriptor
   * is closed, nothing is written anywhere.
   */
  wake(): void {
    if (this.#released && this.#wakerToken < 0) return;
    this.#notify.wake();
  }

  /** The wake descriptor, for a `Waker` shared with another Worker (also after `close()`). */
  shareWake(): SharedFdWakerValue {
    return this.#notify.share();
  }

  /** The `Waker` was closed: wake-ups no longer report its token, and its shared copies are refused. */
  forgetWaker(): void {
    this.#wakerToken = -1;
    this.#notify.revokeShares();
    // Drop a wake it made that no poll reported yet (closing an epoll waker's eventfd drops it too);
    // else the next Waker of this Poll would report it with its own token.
    if (!this.#closed) this.#notify.reset();
    else if (this.#released) this.#notify.close();
  }

  /**
   * A value through which another Worker registers with this selector
   * (`SharedQueueRegistrar`): its changes are queued, the wake descriptor
   * interrupts the wait, and `select` applies them before it waits and
   * after each wake-up (mio's lock-and-wake for its poll selector).
   */
  share(): SharedQueueValue {
    if (this.#closed) throw badResource("Poll");
    this.#changes ??= new ChangeQueue();
    const wake = this.#notify.share();
    this.#shareGuard ??= SharedGuard.create(wake.fd);
    return {
      type: "mio-ts/registry",
      backend: "poll",
      interests: this.interests,
      changes: this.#changes.buffer,
      state: this.#shareGuard.buffer,
      wakeFd: wake.fd,
      wakeKind: wake.kind,
    };
  }

  /**
   * Closes the wake descriptor, or leaves it to the live `Waker`'s
   * `close()`; idempotent. Registered descriptors stay open, and stay
   * registered for the clones `tryClone()` made (mio's clones share the
   * selector's state). A pending
   * `waitAsync` is interrupted first, and the descriptor closed once its
   * poll(2) returned.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#shareGuard?.close();
    this.#wait.close(() => {
      this.#released = true;
      if (this.#wakerToken < 0) this.#notify.close();
    });
  }
}
