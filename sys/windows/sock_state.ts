/**
 * One registered socket's AFD poll state (mio's `SockState`): its
 * IO_STATUS_BLOCK and AFD_POLL_INFO in native memory (the kernel writes
 * them until the poll's completion is dequeued), the events wanted, and
 * where its poll stands. Edge-triggering is emulated as mio does: the
 * events a completion reported are removed from those wanted until the
 * source re-arms them (`setEvent` after WouldBlock, or a reregister). A
 * level-triggered registration keeps them (its next poll reports them again
 * while they last); a oneshot one starts no poll after its event until a
 * reregister.
 *
 * @module
 */
import { type Afd, setAddress } from "./afd.ts";
import {
  AFD_KNOWN_EVENTS,
  AFD_POLL_ABORT,
  AFD_POLL_CONNECT_FAIL,
  AFD_POLL_LOCAL_CLOSE,
} from "./afd_events.ts";
import { MODE_EDGE, MODE_ONESHOT } from "../contract.ts";
import { allocNative, type NativeBlock } from "./native_memory.ts";
import { AFD_POLL_INFO, IO_STATUS_BLOCK } from "./layout.ts";
import { ntdll, STATUS_CANCELLED, STATUS_PENDING, STATUS_SUCCESS } from "./ntdll.ts";
import { osError } from "./errno_windows.ts";

/** No poll in flight. */
const IDLE = 0;
/** A poll is in flight. */
const PENDING = 1;
/** A poll was cancelled; its completion is still to come. */
const CANCELLED = 2;

/** `ERROR_INVALID_HANDLE`: the socket was closed. */
const ERROR_INVALID_HANDLE = 6;
/** `AFD_POLL_INFO.Timeout`: i64::MAX, i.e. never, as two 32-bit halves. */
const NEVER_LOW = 0xffff_ffff;
const NEVER_HIGH = 0x7fff_ffff;

/** Where AFD_POLL_INFO sits in a state's block (after the IO_STATUS_BLOCK). */
const INFO_AT = IO_STATUS_BLOCK.size;
const STATUS_AT = IO_STATUS_BLOCK.fields.status.offset;
const HANDLES_AT = INFO_AT + AFD_POLL_INFO.fields.numberOfHandles.offset;
const EVENTS_AT = INFO_AT + AFD_POLL_INFO.fields.events.offset;

/** A registered socket's poll state. */
export class SockState {
  /** The socket, as registered. */
  readonly socket: number;
  /** The AFD handle its polls go through. */
  readonly afd: Afd;
  /** IO_STATUS_BLOCK, then AFD_POLL_INFO. Its address is the completion's `lpOverlapped`. */
  readonly block: NativeBlock;
  /** The token events report. */
  token = 0;
  /** The registration's `MODE_*` bits. */
  mode = MODE_EDGE;
  /** A oneshot registration that reported its event: no poll until `setEvent`. */
  disabled = false;
  /** The selector's `select` round that last reported it (a level-triggered socket is reported once per round). */
  reported = -1;
  /** AFD events of the registration (what `rearm` wants again). */
  registeredEvents = 0;
  /** AFD events wanted now (mio's `user_evts`). */
  userEvents = 0;
  /** AFD events the poll in flight watches (mio's `pending_evts`). */
  pendingEvents = 0;
  /** `IDLE`, `PENDING` or `CANCELLED`. */
  #status = IDLE;
  /** Deregistered (or closed): no more events; the block is freed once no poll is in flight. */
  deleted = false;
  /** Whether it waits in the selector's update queue. */
  queued = false;

  /** A state for `socket` (whose base handle is `base`) polled through `afd`. */
  constructor(socket: number, base: number, afd: Afd) {
    this.socket = socket;
    this.afd = afd;
    this.block = allocNative(IO_STATUS_BLOCK.size + AFD_POLL_INFO.size);
    const w = this.block.words;
    w.setUint32(INFO_AT + AFD_POLL_INFO.fields.timeout.offset, NEVER_LOW, true);
    w.setUint32(INFO_AT + AFD_POLL_INFO.fields.timeout.offset + 4, NEVER_HIGH, true);
    setAddress(w, INFO_AT + AFD_POLL_INFO.fields.handle.offset, base);
  }

  /** The completion context: the IO_STATUS_BLOCK's address. */
  get context(): number {
    return this.block.address;
  }

  /** Whether the kernel may still write the block (a poll, perhaps cancelled, not yet completed). */
  get inFlight(): boolean {
    return this.#status !== IDLE;
  }

  /**
   * mio's `set_event`: wants `flags` (plus `CONNECT_FAIL | ABORT`, always
   * reported) for `token`, in `mode` (a oneshot registration is enabled
   * again). Returns whether the poll in flight misses some.
   */
  setEvent(flags: number, token: number, mode: number): boolean {
    const events = flags | AFD_POLL_CONNECT_FAIL | AFD_POLL_ABORT;
    this.registeredEvents = flags;
    this.userEvents = events;
    this.token = token;
    this.mode = mode;
    this.disabled = false;
    return (events & ~this.pendingEvents) !== 0;
  }

  /**
   * mio's `update`: starts a poll for the events wanted, or cancels the one
   * in flight when it misses some (its completion then starts the next).
   * A socket found closed is marked deleted.
   *
   * @throws `IoError` when the poll cannot be started or cancelled.
   */
  update(): void {
    if (this.#status === PENDING) {
      if ((this.userEvents & AFD_KNOWN_EVENTS & ~this.pendingEvents) !== 0) this.#cancel();
      return;
    }
    if (this.#status === CANCELLED || this.disabled) return;
    const w = this.block.words;
    w.setUint32(HANDLES_AT, 1, true);
    w.setUint32(INFO_AT + AFD_POLL_INFO.fields.exclusive.offset, 0, true);
    w.setUint32(EVENTS_AT, this.userEvents | AFD_POLL_LOCAL_CLOSE, true);
    w.setInt32(INFO_AT + AFD_POLL_INFO.fields.status.offset, 0, true);
    w.setInt32(STATUS_AT, STATUS_PENDING, true);
    const status = this.afd.poll(this.block.address, this.block.address + INFO_AT);
    if (status !== STATUS_PENDING && status !== STATUS_SUCCESS) {
      // The poll did not start: the kernel does not hold the block.
      const error = ntdll.RtlNtStatusToDosError(status);
      if (error === ERROR_INVALID_HANDLE) {
        this.deleted = true;
        return;
      }
      throw osError(error, "NtDeviceIoControlFile(IOCTL_AFD_POLL)");
    }
    // STATUS_SUCCESS too queues a completion (the AFD handle does not skip the port on success).
    this.#status = PENDING;
    this.pendingEvents = this.userEvents;
  }

  #cancel(): void {
    if (this.block.words.getInt32(STATUS_AT, true) === STATUS_PENDING) this.afd.cancel(this.block.address);
    this.#status = CANCELLED;
    this.pendingEvents = 0;
  }

  /**
   * mio's `feed_event`: the poll's completion was dequeued (its NTSTATUS is
   * in the IO_STATUS_BLOCK). Returns the AFD events to report (0: none) and
   * removes them from those wanted (edge-triggered), or disables the
   * registration (oneshot). A socket closed locally is marked deleted.
   */
  complete(): number {
    const status = this.block.words.getInt32(STATUS_AT, true);
    this.#status = IDLE;
    this.pendingEvents = 0;
    if (this.deleted || status === STATUS_CANCELLED) return 0;
    let events: number;
    if (status < 0) {
      events = AFD_POLL_CONNECT_FAIL; // the poll itself failed in an unexpected way
    } else {
      const w = this.block.words;
      if (w.getUint32(HANDLES_AT, true) < 1) return 0;
      events = w.getUint32(EVENTS_AT, true);
      if (events & AFD_POLL_LOCAL_CLOSE) {
        this.deleted = true;
        return 0;
      }
    }
    events &= this.userEvents;
    if (this.mode === MODE_EDGE) this.userEvents &= ~events;
    else if ((this.mode & MODE_ONESHOT) !== 0 && events !== 0) this.disabled = true;
    return events;
  }

  /**
   * mio's `mark_delete`: no more events; cancels the poll in flight.
   * Returns whether the block can be freed now (no poll in flight).
   */
  markDeleted(): boolean {
    if (!this.deleted) {
      this.deleted = true;
      if (this.#status === PENDING) {
        try {
          this.#cancel();
        } catch {
          // The poll stays in flight; its completion frees the block.
        }
      }
    }
    return this.#status === IDLE;
  }
}
