/**
 * The poll(2) selector: mio's portable fallback (`selector/poll.rs`), used
 * where no better selector exists and, on Linux, when `MIO_FORCE_POLL_POLL=1`
 * (mio's `mio_unsupported_force_poll_poll`).
 *
 * poll(2) is level-triggered; edge-triggering is emulated as mio does:
 * after an event, the bits it reported are removed from the descriptor's
 * interests until `rearm` (called by a source whose operation returned
 * WouldBlock, mio's `do_io`) or `reregister` restores them.
 *
 * Where it differs from epoll:
 * - each `select` is one poll(2) over every registered descriptor: O(n) in
 *   the number registered, not in the number ready;
 * - a source that never hits WouldBlock after an event gets no further event
 *   for the same readiness until it is rearmed or reregistered (mio's poll
 *   backend behaves the same; epoll reports each new edge). A descriptor
 *   registered through `SourceFd` is never rearmed (its I/O is not done by
 *   mio-ts): reregister it after its WouldBlock;
 * - a descriptor whose event carried POLLHUP or POLLERR is dropped from the
 *   set after that event is reported ("closed descriptors dropped"): it gets
 *   no further events until `reregister`; `deregister` still succeeds, and
 *   registering the same descriptor number again is allowed (mio answers
 *   NotFound to both, as it forgot the descriptor);
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
import type { Struct } from "../layout.ts";
import {
  type EventBuffer,
  INTEREST_PRIORITY,
  INTEREST_READABLE,
  INTEREST_WRITABLE,
  READY_ERROR,
  READY_PRIORITY,
  READY_READ_CLOSED,
  READY_READABLE,
  READY_WRITABLE,
  READY_WRITE_CLOSED,
  type Selector,
  type SharedRegistry,
  type SysWaker,
} from "../contract.ts";
import type { FdWaker, FdWakerFactory, SharedFdWakerValue } from "./wakers.ts";
import { OffThreadWait } from "./off_thread_wait.ts";

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
  readonly #slots = new Map<number, number>();
  readonly #size: number;
  readonly #fdAt: number;
  readonly #eventsAt: number;
  readonly #reventsAt: number;
  /** `waitAsync`'s off-thread poll(2), over a copy of the `pollfd` array. */
  readonly #wait: OffThreadWait;

  /**
   * Creates a selector using the `pollfd` layout given; `newWaker` makes
   * its wake descriptor (an eventfd or a pipe), and `waitAsync`'s cancel
   * descriptor.
   */
  constructor(layout: Struct, newWaker: FdWakerFactory) {
    this.#wait = new OffThreadWait(layout, newWaker);
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
  }

  #setPollfd(slot: number, fd: number, events: number): void {
    this.#fdField[slot * (this.#size >> 2) + this.#fdAt] = fd;
    const half = slot * (this.#size >> 1);
    this.#flagFields[half + this.#eventsAt] = events;
    this.#flagFields[half + this.#reventsAt] = 0;
  }

  #isDropped(slot: number): boolean {
    return this.#fdField[slot * (this.#size >> 2) + this.#fdAt] < 0;
  }

  #drop(slot: number): void {
    this.#fdField[slot * (this.#size >> 2) + this.#fdAt] = -1;
  }

  #arm(slot: number, fd: number, token: number, interest: number): void {
    this.#setPollfd(slot, fd, pollFlags(interest));
    this.#fds[slot] = fd;
    this.#tokens[slot] = token;
    this.#interests[slot] = interest;
  }

  #slotOf(fd: number): number {
    const slot = this.#slots.get(fd);
    if (slot === undefined) {
      throw new IoError("NotFound", `descriptor ${fd} is not registered with this Poll`, { code: "ENOENT" });
    }
    return slot;
  }

  /** Adds `fd`; a descriptor already there (and not dropped) is `AlreadyExists`. */
  register(fd: number, token: number, interest: number): void {
    let slot = this.#slots.get(fd);
    if (slot !== undefined && !this.#isDropped(slot)) {
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
    this.#arm(slot, fd, token, interest);
    this.#wait.interrupt();
  }

  /** Sets token and interest (all interest bits armed again, a dropped descriptor restored). */
  reregister(fd: number, token: number, interest: number): void {
    this.#arm(this.#slotOf(fd), fd, token, interest);
    this.#wait.interrupt();
  }

  /** Removes `fd`, moving the last slot into its place. */
  deregister(fd: number): void {
    const slot = this.#slotOf(fd);
    const last = this.#count - 1;
    if (slot !== last) {
      this.#pollfds.copyWithin(slot * this.#size, last * this.#size, (last + 1) * this.#size);
      this.#fds[slot] = this.#fds[last];
      this.#tokens[slot] = this.#tokens[last];
      this.#interests[slot] = this.#interests[last];
      this.#slots.set(this.#fds[slot], slot);
    }
    this.#slots.delete(fd);
    this.#count = last;
    this.#wait.interrupt();
  }

  /**
   * Arms every interest of `fd` again (mio's `do_io` reregister). A dropped
   * descriptor stays dropped: its `pollfd.fd` stays -1.
   */
  rearm(fd: number): void {
    const slot = this.#slots.get(fd);
    if (slot === undefined) return;
    const at = slot * (this.#size >> 1) + this.#eventsAt;
    const flags = pollFlags(this.#interests[slot]);
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
      const wakeBits = flags[this.#reventsAt];
      if (wakeBits !== 0) {
        ready--;
        this.#notify.reset();
        if (this.#wakerToken >= 0) {
          events.tokens[0] = this.#wakerToken;
          events.readiness[0] = pollReadiness(wakeBits);
          n = 1;
        }
      }
      for (let slot = 1; ready > 0 && n < events.capacity && slot < this.#count; slot++) {
        const revents = flags[slot * words + this.#reventsAt];
        if (revents === 0) continue;
        ready--;
        if (revents & C.POLLNVAL) {
          this.#drop(slot);
          continue;
        }
        events.tokens[n] = this.#tokens[slot];
        events.readiness[n] = pollReadiness(revents);
        n++;
        if (revents & (C.POLLHUP | C.POLLERR)) this.#drop(slot);
        else flags[slot * words + this.#eventsAt] &= ~revents;
      }
      events.length = n;
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
    return this.#wait.wait(this.#pollfds, this.#count, timeoutMs);
  }

  /** Ends a pending `waitAsync` through its cancel descriptor. */
  interruptWait(): void {
    this.#wait.interrupt();
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
   * Refused: this selector's descriptor set lives in this Worker's memory,
   * and registering from another Worker would need mio's lock-and-wake
   * protocol, which mio-ts does not implement for poll(2).
   */
  share(): SharedRegistry {
    throw new IoError(
      "Unsupported",
      "the poll(2) selector cannot share its Registry with another Worker: its descriptor set lives in " +
        "this Worker's memory (mio guards it with a lock and a wake-up, which mio-ts does not implement " +
        "for poll(2)); register in the Worker that owns the Poll, or hand the socket over with intoFd()/fromFd()",
      { code: "EOPNOTSUPP" },
    );
  }

  /**
   * Closes the wake descriptor, or leaves it to the live `Waker`'s
   * `close()`; idempotent. Registered descriptors stay open. A pending
   * `waitAsync` is interrupted first, and the descriptor closed once its
   * poll(2) returned.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#wait.close(() => {
      this.#released = true;
      if (this.#wakerToken < 0) this.#notify.close();
    });
    this.#slots.clear();
    this.#count = 1;
  }
}
