/**
 * The IOCP selector (mio's Windows `selector.rs`): sockets are polled with
 * `IOCTL_AFD_POLL` through `\Device\Afd` handles associated with one
 * completion port, overlapped sources (named pipes) complete their
 * operations on the same port, and `select` is one
 * `GetQueuedCompletionStatusEx` into the event buffer's raw records.
 *
 * As in mio:
 * - an AFD poll is one-shot: a socket's poll is (re)started from an update
 *   queue just before each wait (or at once while `waitAsync` waits);
 * - edge-triggering is emulated: the events a completion reported are not
 *   watched again until the source re-arms them (`rearm` after WouldBlock,
 *   or `reregister`); a level-triggered registration polls for them again
 *   after every report, and a oneshot one not until `reregister`;
 * - a changed interest cancels the poll in flight; its completion
 *   (`STATUS_CANCELLED`) reports nothing and starts the new poll;
 * - `deregister` cancels the poll in flight and the socket reports nothing
 *   more (mio #1205); its native memory is freed once that poll's
 *   completion was dequeued, never before;
 * - a socket closed while registered (`AFD_POLL_LOCAL_CLOSE`) is dropped
 *   without an event;
 * - a `tryClone()` registry holds the port (mio's `Arc` of the selector):
 *   it registers after the `Poll` is closed, and the port closes with the
 *   last of them;
 * - the live `Waker` holds the port too (mio's holds an `Arc` of it): it
 *   wakes (nothing) after the `Poll` and its clones are closed, and the
 *   port closes with it.
 * Overlapped sources (named pipes) post their events as packets, in every
 * registration mode (see `OverlappedRegistration`).
 * Where it differs: a poll that fails to start with an unexpected error
 * throws from `select` once (mio retries, and throws, on every select).
 *
 * @module
 */
import { badResource, IoError } from "../error.ts";
import {
  type ClonedRegistrar,
  type EventBuffer,
  INTEREST_READABLE,
  INTEREST_WRITABLE,
  MODE_EDGE,
  MODE_LEVEL,
  MODE_ONESHOT,
  READY_READABLE,
  type Selector,
  type SysWaker,
} from "../contract.ts";
import { afdFlags, afdReadiness } from "./afd_events.ts";
import { AfdGroup } from "./afd_group.ts";
import { baseSocket } from "./base_socket.ts";
import {
  AFD_KEY,
  associate,
  createPort,
  OVERLAPPED_KEY,
  POSTED_KEY,
  postPacket,
  WAKER_KEY,
} from "./completion_port.ts";
import { INFINITE, kernel32, WAIT_TIMEOUT } from "./kernel32.ts";
import { IocpWait } from "./iocp_wait.ts";
import { closeHeldHandle, heldHandle, threadExit } from "./thread_exit_fls.ts";
import { IocpWaker } from "./iocp_waker.ts";
import { OVERLAPPED_ENTRY } from "./layout.ts";
import { osError } from "./errno_windows.ts";
import {
  type EventPoster,
  type OverlappedSource,
  overlappedSources,
  pendingOverlapped,
} from "./overlapped_source.ts";
import { SockState } from "./sock_state.ts";
import { RegistrarClone } from "../registrar_clone.ts";
import { ChangeQueue, changesFromElsewhere, type SharedQueueValue } from "../shared_changes.ts";
import { closeGuarded, SharedGuard } from "../shared_guard.ts";

const TWO_32 = 0x1_0000_0000;
/** 32-bit words per OVERLAPPED_ENTRY. */
const ENTRY_WORDS = OVERLAPPED_ENTRY.size >> 2;
const KEY_WORD = OVERLAPPED_ENTRY.fields.key.offset >> 2;
const OVERLAPPED_WORD = OVERLAPPED_ENTRY.fields.overlapped.offset >> 2;
const STATUS_WORD = OVERLAPPED_ENTRY.fields.internal.offset >> 2;
const BYTES_WORD = OVERLAPPED_ENTRY.fields.bytes.offset >> 2;
/** Packets `close()` dequeues at a time while it drains. */
const DRAIN_ENTRIES = 64;
/** How long `close()` waits, in total, for cancelled polls to complete. */
const DRAIN_LIMIT_MS = 1000;

/** Milliseconds of `GetTickCount`, modulo 2^30 (so always a small integer). */
const TICK_MASK = 0x3fff_ffff;

function ticks(): number {
  return kernel32.GetTickCount() & TICK_MASK;
}

/** Milliseconds since `ticks()` returned `start` (for waits under 2^30 ms, about 12 days). */
function since(start: number): number {
  return (ticks() - start) & TICK_MASK;
}

/** The selector whose port each overlapped source was associated with (Windows allows one per handle, for good). */
const associatedWith = new WeakMap<OverlappedSource, IocpSelector>();

/**
 * One registration of an overlapped source: the events it posts carry its
 * `id`. Edge-triggered, a packet carries the readiness of one completion.
 * Level-triggered, at most one packet is queued at a time and its event
 * carries what the source says is ready when it is dequeued; each `select`
 * queues one for a source that is still ready, and reports it at most once.
 * Oneshot, the first event disables it until `reregister`.
 */
interface OverlappedRegistration {
  readonly id: number;
  readonly source: OverlappedSource;
  readonly poster: EventPoster;
  token: number;
  /** `MODE_*` bits. */
  mode: number;
  /** A oneshot registration reported its event. */
  disabled: boolean;
  /** Level-triggered: a packet of it is queued. */
  posted: boolean;
  /** The `select` round in which it was last reported. */
  reported: number;
}

/** An IOCP selector. */
export class IocpSelector implements Selector {
  /** Always `"iocp"`. */
  readonly backend = "iocp" as const;
  /** Readable and writable (mio has no priority interest on Windows). */
  readonly interests = INTEREST_READABLE | INTEREST_WRITABLE;
  /** Shared with this selector's clones (`tryClone`). */
  readonly instance: object = {};
  /** No descriptor of its own (`Poll.fd` is `null`). */
  readonly fd = null;
  #port: number;
  /** The `Poll` was closed: no more waits, wakers or shares. */
  #closed = false;
  /** Open registries `tryClone()` made: the port and its registrations outlive the `Poll` until they are closed. */
  #clones = 0;
  /** The `Poll` and every clone were closed: registrations dropped, the port closed (or about to be). */
  #shutDown = false;
  readonly #afds: AfdGroup;
  /** Registered sockets, by socket handle. */
  readonly #sockets = new Map<number, SockState>();
  /** Every state whose block exists, by completion context (its IO_STATUS_BLOCK's address). */
  readonly #states = new Map<number, SockState>();
  /** States whose poll must be (re)started or cancelled before the next wait: the first `#queued` slots. */
  readonly #queue: (SockState | null)[] = [];
  /** Slots of `#queue` in use; the array keeps its length, so queueing allocates nothing once it has grown. */
  #queued = 0;
  /** Registered overlapped sources, by handle. */
  readonly #overlapped = new Map<number, OverlappedRegistration>();
  /** The same registrations by id: a posted event whose id is gone (deregistered) reports nothing. */
  readonly #registrations = new Map<number, OverlappedRegistration>();
  /** The level-triggered ones, queued again by each `select` while their source is ready. */
  readonly #level: OverlappedRegistration[] = [];
  /** Counts `select` calls: a level-triggered registration is reported once per call. */
  #round = 0;
  #nextRegistration = 1;
  /** The live waker, which keeps the port open past `#release`. */
  #waker: IocpWaker | null = null;
  /** `#release` ran: registrations are gone, and the port is closed unless the live waker holds it. */
  #released = false;
  readonly #wait = new IocpWait();
  /** `GetQueuedCompletionStatusEx`'s count of packets removed. */
  readonly #removed = new Uint32Array(1);
  /** Changes other Workers queued through a shared registry (once `share()` was called). */
  #changes: ChangeQueue | null = null;
  /**
   * Sockets registered by another Worker (through `#changes`). Such a Worker
   * may end without deregistering them (terminated: its handles are closed
   * as its thread ends, `threadExit`), and a closed socket's
   * `AFD_POLL_LOCAL_CLOSE` may still be queued when its handle number comes
   * back in a new registration.
   */
  readonly #registeredElsewhere = new Set<number>();
  /** Applies another Worker's changes: a registration replaces what its socket's number left here. */
  readonly #changeTarget = changesFromElsewhere(
    this,
    (fd, token, interest, mode) => this.#add(fd, token, interest, mode, true),
  );
  /** Refuses shared registries' changes and wakes once the port is closed. */
  #shareGuard: SharedGuard | null = null;

  /** Creates a completion port. */
  constructor() {
    this.#port = heldHandle(createPort());
    this.#afds = new AfdGroup(this.#port, AFD_KEY);
  }

  /** Whether `close()` has been called (the `Poll` is closed; open clones may still register). */
  get closed(): boolean {
    return this.#closed;
  }

  #open(): void {
    if (this.#shutDown) throw badResource("Poll");
  }

  /** The completion port handle. */
  get port(): number {
    return this.#port;
  }

  /**
   * Watches a socket (through AFD) or an overlapped source (a named pipe,
   * associated with the port on its first registration).
   *
   * @throws `IoError` `AlreadyExists` if `fd` is registered already (unless
   * another Worker registered it: see `#add`); an OS error if it is not a
   * socket or cannot be polled.
   */
  register(fd: number, token: number, interest: number, mode: number): void {
    this.#add(fd, token, interest, mode, false);
  }

  /**
   * Registers `fd` for this Worker (`elsewhere` false) or another one. The
   * caller's source holds `fd` and is not registered (checked where it
   * lives), so a socket of that number still here from another Worker, or
   * of any Worker when another Worker registers, was closed without
   * deregistering: it is dropped and replaced. This Worker's own is
   * `AlreadyExists`, as mio's.
   */
  #add(fd: number, token: number, interest: number, mode: number, elsewhere: boolean): void {
    this.#open();
    const source = overlappedSources.get(fd);
    if (source !== undefined) return this.#registerOverlapped(source, token, interest, mode);
    const stale = this.#sockets.get(fd);
    if (stale !== undefined) {
      if (!elsewhere && !this.#registeredElsewhere.has(fd)) {
        throw new IoError("AlreadyExists", `socket ${fd} is already registered with this Poll`, {
          code: "EEXIST",
        });
      }
      this.#sockets.delete(fd);
      this.#registeredElsewhere.delete(fd);
      if (stale.markDeleted()) this.#free(stale);
    }
    const base = baseSocket(fd);
    const afd = this.#afds.acquire();
    let state: SockState;
    try {
      state = new SockState(fd, base, afd);
    } catch (e) {
      this.#afds.release(afd);
      throw e;
    }
    this.#sockets.set(fd, state);
    this.#states.set(state.context, state);
    if (elsewhere) this.#registeredElsewhere.add(fd);
    else this.#registeredElsewhere.delete(fd);
    state.setEvent(afdFlags(interest), token, mode);
    this.#enqueue(state);
  }

  #registerOverlapped(source: OverlappedSource, token: number, interest: number, mode: number): void {
    if (this.#overlapped.has(source.handle)) {
      throw new IoError("AlreadyExists", `handle ${source.handle} is already registered with this Poll`, {
        code: "EEXIST",
      });
    }
    const selector = associatedWith.get(source);
    if (selector === undefined) {
      associate(this.#port, source.handle, OVERLAPPED_KEY);
      associatedWith.set(source, this);
    } else if (selector !== this) {
      throw new IoError(
        "AlreadyExists",
        `handle ${source.handle} was registered with another Poll: Windows ties a handle to one completion ` +
          "port for the handle's lifetime, so it can only be registered with that Poll again",
        { code: "EEXIST" },
      );
    }
    // The packet carries the registration's id, not the token: decoding drops it once deregistered
    // (mio #1205) and reports the registration's token at that time.
    const registration: OverlappedRegistration = {
      id: this.#nextRegistration++,
      source,
      poster: { post: (_token, readiness) => this.#post(registration, readiness) },
      token,
      mode,
      disabled: false,
      posted: false,
      reported: -1,
    };
    this.#overlapped.set(source.handle, registration);
    this.#registrations.set(registration.id, registration);
    if ((mode & MODE_LEVEL) !== 0) this.#level.push(registration);
    source.attach(registration.poster, token, interest);
  }

  /** Queues an overlapped source's event (see `OverlappedRegistration`). */
  #post(registration: OverlappedRegistration, readiness: number): void {
    if (
      this.#shutDown || registration.disabled || this.#registrations.get(registration.id) !== registration
    ) {
      return;
    }
    if ((registration.mode & MODE_LEVEL) === 0) {
      postPacket(this.#port, readiness, POSTED_KEY, registration.id);
    } else if (!registration.posted) {
      registration.posted = true;
      postPacket(this.#port, 0, POSTED_KEY, registration.id);
    }
  }

  /** Queues a packet for each level-triggered registration whose source is ready and has none queued. */
  #postLevel(): void {
    const level = this.#level;
    for (let i = 0; i < level.length; i++) {
      const registration = level[i]!;
      if (!registration.posted && registration.source.readiness() !== 0) this.#post(registration, 0);
    }
  }

  /** Removes `registration` from the level-triggered list, if it is there. */
  #unlevel(registration: OverlappedRegistration): void {
    const i = this.#level.indexOf(registration);
    if (i >= 0) this.#level.splice(i, 1);
  }

  #registered(fd: number): SockState {
    const state = this.#sockets.get(fd);
    if (state === undefined) {
      throw new IoError("NotFound", `handle ${fd} is not registered with this Poll`, { code: "ENOENT" });
    }
    return state;
  }

  /** Sets the token, interest and mode: every interest is watched again. */
  reregister(fd: number, token: number, interest: number, mode: number): void {
    this.#open();
    const registration = this.#overlapped.get(fd);
    if (registration !== undefined) {
      registration.token = token;
      registration.mode = mode;
      registration.disabled = false;
      this.#unlevel(registration);
      if ((mode & MODE_LEVEL) !== 0) this.#level.push(registration);
      return registration.source.attach(registration.poster, token, interest);
    }
    const state = this.#registered(fd);
    state.setEvent(afdFlags(interest), token, mode);
    this.#enqueue(state);
  }

  /** Stops watching `fd`: no event reports it any more, even from a poll in flight. */
  deregister(fd: number): void {
    this.#open();
    const registration = this.#overlapped.get(fd);
    if (registration !== undefined) {
      this.#overlapped.delete(fd);
      this.#registrations.delete(registration.id);
      this.#unlevel(registration);
      return registration.source.detach();
    }
    const state = this.#registered(fd);
    this.#sockets.delete(fd);
    this.#registeredElsewhere.delete(fd);
    if (state.markDeleted()) this.#free(state);
  }

  /**
   * mio's `do_io` rule: a WouldBlock re-arms every interest of an
   * edge-triggered socket (a level-triggered one lost none; a oneshot one
   * waits for `reregister`).
   */
  rearm(fd: number): void {
    const state = this.#sockets.get(fd);
    if (state === undefined || this.#shutDown || state.mode !== MODE_EDGE) return;
    // Nothing to do when the poll in flight watches every event already (the usual case).
    if (state.setEvent(state.registeredEvents, state.token, MODE_EDGE) || !state.inFlight) {
      this.#enqueue(state);
    }
  }

  #enqueue(state: SockState): void {
    if (!state.queued) {
      state.queued = true;
      if (this.#queued < this.#queue.length) this.#queue[this.#queued] = state;
      else this.#queue.push(state);
      this.#queued++;
    }
    // mio's update_sockets_events_if_polling: a wait in progress must watch it now.
    if (this.#wait.pending) this.#update();
  }

  /**
   * Starts or cancels the polls the queue asks for (mio's
   * `update_sockets_events`). A state that fails leaves the queue; the
   * error is thrown after the others were updated.
   */
  #update(): void {
    let error: unknown = null;
    const queue = this.#queue;
    for (let i = 0; i < this.#queued; i++) {
      const state = queue[i]!;
      queue[i] = null;
      state.queued = false;
      if (state.deleted) continue;
      try {
        state.update();
      } catch (e) {
        error ??= e;
      }
      if (state.deleted) this.#forget(state);
    }
    this.#queued = 0;
    if (error !== null) throw error;
  }

  /** A state found closed: no longer registered; its block freed once no poll is in flight. */
  #forget(state: SockState): void {
    if (this.#sockets.get(state.socket) === state) {
      this.#sockets.delete(state.socket);
      this.#registeredElsewhere.delete(state.socket);
    }
    if (!state.inFlight) this.#free(state);
  }

  #free(state: SockState): void {
    this.#states.delete(state.context);
    state.block.free();
    this.#afds.release(state.afd);
  }

  /**
   * Starts the queued polls, then `GetQueuedCompletionStatusEx` and decodes
   * each packet into at most one event. Packets that report nothing
   * (cancelled polls, overlapped completions, stale wakes) do not end the
   * wait: it goes on until an event or the timeout.
   */
  select(events: EventBuffer, timeoutMs: number): void {
    events.length = 0;
    if (this.#closed) return;
    this.#round++;
    let n = this.#takeWaited(events);
    this.#changes?.apply(this.#changeTarget);
    this.#update();
    this.#postLevel();
    // Time is read only for a positive timeout, as a tick count kept small (a number that needs no
    // allocation: performance.now()'s double is boxed where the call is not inlined).
    const start = timeoutMs > 0 ? ticks() : 0;
    const words = events.words;
    for (;;) {
      const room = events.capacity - n;
      if (room === 0) break;
      // With events in hand, only take what is ready now (e.g. events overlapped sources just posted).
      const wait = n > 0 || timeoutMs === 0
        ? 0
        : timeoutMs < 0
        ? INFINITE
        : Math.max(0, timeoutMs - since(start));
      this.#removed[0] = 0;
      // The raw records are free to reuse: decoded events live in tokens/readiness.
      if (kernel32.GetQueuedCompletionStatusEx(this.#port, events.raw, room, this.#removed, wait, 0) === 0) {
        const e = kernel32.GetLastError();
        if (e !== WAIT_TIMEOUT && e !== 0) throw osError(e, "GetQueuedCompletionStatusEx");
        break;
      }
      const removed = this.#removed[0];
      const before = n;
      for (let i = 0; i < removed; i++) n = this.#decode(words, i * ENTRY_WORDS, events, n);
      events.length = n;
      if (n > before) continue;
      if (n > 0 || timeoutMs === 0 || (timeoutMs > 0 && since(start) >= timeoutMs)) break;
      // Completions that reported nothing restarted polls; a packet from another Worker's change queued it.
      this.#changes?.apply(this.#changeTarget);
      this.#update();
    }
  }

  /** Decodes the packets the last `waitAsync` dequeued; returns the events written. */
  #takeWaited(events: EventBuffer): number {
    let n = 0;
    const words = this.#wait.words;
    while (n < events.capacity) {
      const i = this.#wait.take();
      if (i < 0) break;
      n = this.#decode(words, i * ENTRY_WORDS, events, n);
    }
    events.length = n;
    return n;
  }

  /** Decodes the packet at word `w` of `words`; writes its event (if any) at `n`; returns the new count. */
  #decode(words: Uint32Array, w: number, events: EventBuffer, n: number): number {
    const key = words[w + KEY_WORD]! + words[w + KEY_WORD + 1]! * TWO_32;
    const overlapped = words[w + OVERLAPPED_WORD]! + words[w + OVERLAPPED_WORD + 1]! * TWO_32;
    if (key === AFD_KEY) {
      const state = this.#states.get(overlapped);
      if (state === undefined) return n;
      const flags = state.complete();
      if (state.deleted) {
        this.#forget(state);
        return n;
      }
      this.#enqueue(state);
      if (flags === 0) return n;
      // Level-triggered: once per select, whose restart of the poll may complete at once (after a waitAsync).
      if ((state.mode & MODE_LEVEL) !== 0) {
        if (state.reported === this.#round) return n;
        state.reported = this.#round;
      }
      events.tokens[n] = state.token;
      events.readiness[n] = afdReadiness(flags);
      return n + 1;
    }
    if (key === OVERLAPPED_KEY) {
      pendingOverlapped.get(overlapped)?.complete(
        overlapped,
        words[w + BYTES_WORD]!,
        words[w + STATUS_WORD]! | 0,
      );
      return n;
    }
    if (key === POSTED_KEY) {
      const registration = this.#registrations.get(overlapped);
      if (registration === undefined) return n; // posted before a deregister
      registration.posted = false; // also when it was posted in another mode than the current one
      let readiness = words[w + BYTES_WORD]!;
      if ((registration.mode & MODE_LEVEL) !== 0) {
        if (registration.reported === this.#round) return n; // once per select; queued again by the next
        readiness = registration.source.readiness();
      }
      if (readiness === 0 || registration.disabled) return n;
      if ((registration.mode & MODE_ONESHOT) !== 0) registration.disabled = true;
      registration.reported = this.#round;
      events.tokens[n] = registration.token;
      events.readiness[n] = readiness;
      return n + 1;
    }
    if (key === WAKER_KEY) {
      const waker = this.#waker;
      if (waker === null || waker.id !== overlapped) return n; // a closed waker's last wake
      Atomics.store(waker.queued, 0, 0);
      events.tokens[n] = waker.token;
      events.readiness[n] = READY_READABLE;
      return n + 1;
    }
    return n; // INTERRUPT_KEY: ended a waitAsync, reports nothing
  }

  /**
   * Starts the queued polls, then dequeues packets off the JavaScript
   * thread; the next `select` decodes them. Returns at once when packets
   * from an earlier wait are still to be decoded.
   */
  async waitAsync(timeoutMs: number): Promise<void> {
    if (this.#closed) return;
    if (this.#wait.hasPackets) return;
    this.#changes?.apply(this.#changeTarget);
    this.#update();
    this.#postLevel();
    try {
      await this.#wait.wait(this.#port, timeoutMs);
    } finally {
      if (this.#shutDown) this.#release();
    }
  }

  /** Posts an interrupt packet if a `waitAsync` is pending. */
  interruptWait(): void {
    if (!this.#closed) this.#wait.interrupt(this.#port);
  }

  /**
   * A registrar that forwards here, closed on its own. Like mio's (which
   * holds an `Arc` of the port), it keeps the port and its registrations
   * open after the `Poll` is closed, until it and every other clone are
   * closed too.
   */
  tryClone(): ClonedRegistrar {
    this.#open();
    this.#clones++;
    return new RegistrarClone(this, () => {
      if (--this.#clones === 0 && this.#closed) this.#shutdown();
    });
  }

  /** The waker: its wakes are packets posted to the port, reporting `token`. */
  createWaker(token: number): SysWaker {
    if (this.#closed) throw badResource("Poll");
    const waker = new IocpWaker(this, token);
    this.#waker = waker;
    return waker;
  }

  /** The waker was closed: its queued wake is dropped when dequeued; the port closes if nothing else holds it. */
  forgetWaker(waker: IocpWaker): void {
    if (this.#waker !== waker) return;
    this.#waker = null;
    if (this.#released) this.#closePort();
  }

  /**
   * A value through which another Worker registers with this selector
   * (`SharedQueueRegistrar`): its changes are queued, a packet posted to
   * the port ends the wait, and `select` applies them before it starts the
   * queued polls (mio guards its selector with a lock instead).
   */
  share(): SharedQueueValue {
    if (this.#closed) throw badResource("Poll");
    this.#changes ??= new ChangeQueue();
    this.#shareGuard ??= SharedGuard.create(this.#port);
    threadExit.release(this.#port);
    return {
      type: "mio-ts/registry",
      backend: "iocp",
      interests: this.interests,
      changes: this.#changes.buffer,
      state: this.#shareGuard.buffer,
      wakeFd: this.#port,
      wakeKind: "iocp",
    };
  }

  /**
   * Closes the `Poll`'s hold on the port; idempotent. Shared registries are
   * refused from here on and a pending `waitAsync` is interrupted. Once no
   * clone is open either, the registrations are dropped (`#shutdown`), and
   * the port is closed unless the live waker holds it.
   */
  close(): void {
    if (this.#closed) return;
    this.#shareGuard?.close();
    this.#closed = true;
    if (this.#clones === 0) this.#shutdown();
    else if (this.#wait.pending) this.#wait.interrupt(this.#port);
  }

  /**
   * Drops every registration and closes the port. Every poll in flight is
   * cancelled and its memory freed once its completion was dequeued. A
   * pending `waitAsync` is interrupted first, and the port closed once it
   * returned.
   */
  #shutdown(): void {
    this.#shutDown = true;
    for (const state of this.#sockets.values()) state.markDeleted();
    this.#sockets.clear();
    this.#registeredElsewhere.clear();
    this.#queue.length = 0;
    this.#queued = 0;
    for (const registration of this.#overlapped.values()) registration.source.detach();
    this.#overlapped.clear();
    this.#registrations.clear();
    this.#level.length = 0;
    if (this.#wait.pending) this.#wait.interrupt(this.#port);
    else this.#release();
  }

  /**
   * Drains the port until every socket state's poll completed (freeing
   * their memory), waiting at most `DRAIN_LIMIT_MS` in all, then closes the
   * AFD handles, and the port unless the live waker holds it (its `close()`
   * closes it then). A block whose completion never came is left allocated
   * on purpose: the kernel may still write it.
   */
  #release(): void {
    if (this.#released) return;
    this.#released = true;
    for (;;) {
      const i = this.#wait.take();
      if (i < 0) break;
      this.#drained(this.#wait.words, i * ENTRY_WORDS);
    }
    for (const state of [...this.#states.values()]) if (!state.inFlight) this.#free(state);
    const entries = new Uint32Array(DRAIN_ENTRIES * ENTRY_WORDS);
    const raw = new Uint8Array(entries.buffer);
    const deadline = performance.now() + DRAIN_LIMIT_MS;
    while (this.#states.size > 0) {
      const left = Math.ceil(deadline - performance.now());
      if (left <= 0) break;
      this.#removed[0] = 0;
      if (
        kernel32.GetQueuedCompletionStatusEx(this.#port, raw, DRAIN_ENTRIES, this.#removed, left, 0) === 0
      ) break;
      for (let i = 0; i < this.#removed[0]; i++) this.#drained(entries, i * ENTRY_WORDS);
    }
    // Whatever is still here never completed: its blocks are left allocated on purpose.
    this.#states.clear();
    this.#wait.free();
    this.#afds.closeAll();
    if (this.#waker === null) this.#closePort();
  }

  /** Closes the port once no shared registry's or waker's post is in progress (a handle has no inert stand-in). */
  #closePort(): void {
    const port = this.#port;
    closeGuarded(port, () => closeHeldHandle(port), () => {});
    this.#port = 0;
  }

  /** A packet dequeued while closing: frees a socket state's memory, lets an overlapped source free its own. */
  #drained(words: Uint32Array, w: number): void {
    const key = words[w + KEY_WORD]! + words[w + KEY_WORD + 1]! * TWO_32;
    const overlapped = words[w + OVERLAPPED_WORD]! + words[w + OVERLAPPED_WORD + 1]! * TWO_32;
    if (key === AFD_KEY) {
      const state = this.#states.get(overlapped);
      if (state === undefined) return;
      state.complete();
      this.#free(state);
    } else if (key === OVERLAPPED_KEY) {
      pendingOverlapped.get(overlapped)?.complete(
        overlapped,
        words[w + BYTES_WORD]!,
        words[w + STATUS_WORD]! | 0,
      );
    }
  }
}
