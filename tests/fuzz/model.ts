/**
 * The reference model of the fuzzer: what a `Poll` MUST report and what it
 * MUST NOT, for connected stream sockets (TCP and Unix-domain pairs) and a
 * `Waker`, as mio 1.0 documents it. The harness (`harness.ts`) tells the
 * model every action it takes and every result it gets; the model keeps the
 * little state the rules need and throws `ModelViolation` when a rule is
 * broken.
 *
 * MUST NOT (checked on every event):
 * 1. No event carries a token that is not registered now: never used,
 *    deregistered, replaced by `reregister`, or belonging to a closed source
 *    or to a source whose descriptor number was reused. (`Registry::deregister`:
 *    "it is guaranteed that the token previously registered to this handle
 *    will not be returned by a future poll".) Tokens are never reused, so a
 *    stale registration cannot hide behind a new one.
 * 2. Interest is respected: `isReadable()` only for a `READABLE`
 *    registration, `isWritable()` only for a `WRITABLE` one.
 *    (`Registry::register`: "Poll will only return readiness events for
 *    operations specified by this argument"; mio's test
 *    `reregister_different_interest_without_poll`.) Error and closed hints
 *    may come with any interest; on IOCP so may readable and writable, with
 *    write-closed (mio reports an aborted connection so).
 * 3. No false closed hints: `isReadClosed()` only after the peer shut down
 *    its write half or closed; `isWriteClosed()` only after the peer closed
 *    or this end shut down its write half. (`Event::is_read_closed` and
 *    `is_write_closed`: "it is guaranteed that false-positives will not
 *    occur".) And, a Linux fact for these loopback sockets rather than a mio
 *    promise: `isError()` only after the peer closed (a reset is the only
 *    socket error they can have).
 * 4. A waker event only after a `wake()` not yet reported (wakes coalesce).
 * 5. One event per registration per poll, except on kqueue, whose read and
 *    write filters report separately.
 * Spurious events are allowed (`Poll` docs, "Spurious events"): an event
 * that answers no obligation below is counted, not failed.
 *
 * MUST (obligations, checked by `unmet()` after the harness has polled
 * long enough): mio promises a new event only once the operation returned
 * WouldBlock (`Poll` docs, "Draining readiness"), or the source was
 * (re)registered (mio's test `reregister_interest_token_usage`). So a
 * direction is *armed* by `register`/`reregister` with its interest and by
 * a WouldBlock from its operation, and disarmed by an event that reports
 * it. An armed direction with readiness owed must get an event with the
 * current token:
 * - readable (or read-closed, or error) when data written by the peer is
 *   unread, or the peer shut down its write half or closed;
 * - writable (or write-closed, or error) when this end is surely
 *   writable: the peer has read everything this end wrote (its send queue
 *   is empty), or the peer closed. A write that did not say WouldBlock does
 *   not make a socket writable to poll: Linux reports a Unix socket
 *   writable only while at most a quarter of its send buffer is queued, and
 *   TCP only while its free space is at least half of what is queued;
 * - the waker's event after `wake()`.
 *
 * Data: every byte the peer wrote must be read, in order, before the end of
 * the stream, except after the peer closed (TCP drops what a reset
 * overtakes). On a Unix pair written bytes are readable at once, so a
 * WouldBlock with bytes unread is a loss; on TCP they may still be in flight.
 *
 * @module
 */

/** A rule broken: the message says which, on what, and what was seen. */
export class ModelViolation extends Error {
  /** `message` explains the violation. */
  constructor(message: string) {
    super(message);
    this.name = "ModelViolation";
  }
}

/** What the model needs of an event (mio's `Event` getters). */
export interface EventView {
  /** The registration's token. */
  token(): number;
  /** Readable readiness. */
  isReadable(): boolean;
  /** Writable readiness. */
  isWritable(): boolean;
  /** Error readiness. */
  isError(): boolean;
  /** The read half is closed. */
  isReadClosed(): boolean;
  /** The write half is closed. */
  isWriteClosed(): boolean;
}

/** The kind of a pair: TCP over loopback, or a Unix-domain socket pair. */
export type PairKind = "tcp" | "unix";

/** One end of a connected pair, as the model sees it. */
export class End {
  /** The other end. */
  peer: End = this;
  /** The current token and interest, or `null` when not registered. */
  token: number | null = null;
  /** Whether the registration asks for readable events. */
  readable = false;
  /** Whether the registration asks for writable events. */
  writable = false;
  /** A readable event is owed once readiness is there. */
  armedRead = false;
  /** A writable event is owed once writable. */
  armedWrite = false;
  /** Bytes the peer wrote that this end has not read. */
  unread = 0;
  /** This end shut down its write half. */
  shutWrite = false;
  /** This end read the end of the stream, or a reset. */
  ended = false;
  /** This end was closed. */
  closed = false;

  /** End `name` (for messages) of a pair of `kind`. */
  constructor(readonly name: string, readonly kind: PairKind) {}

  /** Whether the peer was closed. */
  get peerGone(): boolean {
    return this.peer.closed;
  }
}

/** What `unmet()` reports: an event owed and not seen. */
export interface Obligation {
  /** The end, or `"waker"`. */
  readonly what: string;
  /** The token the event must carry. */
  readonly token: number;
  /** `"readable"`, `"writable"` or `"wake"`. */
  readonly kind: string;
  /** Why it is owed. */
  readonly why: string;
}

/** Counts of what the model checked. */
export interface ModelStats {
  /** Events seen. */
  events: number;
  /** Obligations an event answered. */
  answered: number;
  /** Events that answered no obligation (allowed: mio permits spurious events). */
  spurious: number;
}

/** The model of one `Poll`, its registrations, its `Waker` and the pairs it watches. */
export class Model {
  /** What was checked so far. */
  readonly stats: ModelStats = { events: 0, answered: 0, spurious: 0 };
  readonly #byToken = new Map<number, End | "waker">();
  #wakerToken: number | null = null;
  #wakePending = false;

  /**
   * `duplicatesAllowed`: whether one registration may yield two events in
   * one poll (kqueue). `abortIsReadWrite`: whether an aborted or failed
   * connection is reported readable and writable whatever the interest
   * (IOCP: mio's READABLE_FLAGS and WRITABLE_FLAGS both hold AFD_POLL_ABORT
   * and AFD_POLL_CONNECT_FAIL, which also make the event write-closed).
   */
  constructor(readonly duplicatesAllowed: boolean, readonly abortIsReadWrite = false) {}

  /** A new connected pair: `[a, b]`. */
  pair(kind: PairKind, nameA: string, nameB: string): [End, End] {
    const a = new End(nameA, kind), b = new End(nameB, kind);
    a.peer = b;
    b.peer = a;
    return [a, b];
  }

  /** `end` was registered with `token`. */
  registered(end: End, token: number, readable: boolean, writable: boolean): void {
    this.#byToken.set(token, end);
    this.#set(end, token, readable, writable);
  }

  /** `end` was reregistered: the old token is gone; both directions of the new interest are armed. */
  reregistered(end: End, token: number, readable: boolean, writable: boolean): void {
    this.#byToken.delete(end.token!);
    this.#byToken.set(token, end);
    this.#set(end, token, readable, writable);
  }

  #set(end: End, token: number, readable: boolean, writable: boolean): void {
    end.token = token;
    end.readable = readable;
    end.writable = writable;
    end.armedRead = readable;
    end.armedWrite = writable;
  }

  /** `end` was deregistered (explicitly, or by `intoFd()`). */
  deregistered(end: End): void {
    if (end.token !== null) this.#byToken.delete(end.token);
    end.token = null;
    end.readable =
      end.writable =
      end.armedRead =
      end.armedWrite =
        false;
  }

  /** `end` was closed (which deregisters it). */
  closed(end: End): void {
    this.deregistered(end);
    end.closed = true;
  }

  /** `end` wrote `n` bytes. */
  wrote(end: End, n: number): void {
    if (!end.peer.closed) end.peer.unread += n;
  }

  /** A write (or flood) on `end` said WouldBlock. */
  writeWouldBlock(end: End): void {
    end.armedWrite = true;
  }

  /** A write on `end` threw `kind`: only a closed peer (or this end's own shutdown) explains it. */
  writeFailed(end: End, kind: string): void {
    const explained = (kind === "BrokenPipe" && end.shutWrite) ||
      ((kind === "BrokenPipe" || kind === "ConnectionReset") && end.peerGone);
    if (!explained) throw new ModelViolation(`${end.name}: write threw ${kind} with the peer open`);
  }

  /** A write on `end` succeeded after its own `shutdown("write")`. */
  wroteAfterShutdown(end: End): never {
    throw new ModelViolation(`${end.name}: write succeeded after shutdown("write")`);
  }

  /** `end` read `n` bytes (`peek`: without consuming them). */
  read(end: End, n: number, peek: boolean): void {
    if (n > end.unread && !end.peerGone) {
      throw new ModelViolation(`${end.name}: read ${n} bytes, only ${end.unread} were written`);
    }
    if (peek) return;
    end.unread = Math.max(0, end.unread - n);
  }

  /** A read (or peek) on `end` said WouldBlock. */
  readWouldBlock(end: End): void {
    end.armedRead = true;
    if (end.unread > 0 && end.kind === "unix" && !end.peerGone) {
      throw new ModelViolation(
        `${end.name}: WouldBlock with ${end.unread} bytes written and unread (bytes lost)`,
      );
    }
  }

  /** A read on `end` returned 0, the end of the stream. */
  readEnd(end: End): void {
    if (!end.peer.shutWrite && !end.peerGone) {
      throw new ModelViolation(`${end.name}: end of stream while the peer can still write`);
    }
    if (end.unread > 0 && !end.peerGone) {
      throw new ModelViolation(`${end.name}: end of stream with ${end.unread} bytes unread (bytes lost)`);
    }
    end.ended = true;
    end.unread = 0;
  }

  /** A read on `end` threw `kind`. */
  readFailed(end: End, kind: string): void {
    if (kind !== "ConnectionReset" || !end.peerGone) {
      throw new ModelViolation(`${end.name}: read threw ${kind}${end.peerGone ? "" : " with the peer open"}`);
    }
    end.ended = true;
    end.unread = 0;
  }

  /** `end` shut down its write half. */
  shutdownWrite(end: End): void {
    end.shutWrite = true;
  }

  /** A `Waker` now reports `token` (`null`: it was closed; a pending wake is no longer owed). */
  waker(token: number | null): void {
    if (this.#wakerToken !== null) this.#byToken.delete(this.#wakerToken);
    this.#wakerToken = token;
    this.#wakePending = false;
    if (token !== null) this.#byToken.set(token, "waker");
  }

  /** `wake()` was called. */
  woke(): void {
    this.#wakePending = true;
  }

  /** Checks the events of one poll against the MUST NOT rules and marks the obligations they answer. */
  observe(events: Iterable<EventView>): void {
    const seen = new Set<number>();
    for (const event of events) {
      this.stats.events++;
      const token = event.token();
      const owner = this.#byToken.get(token);
      const desc = () => describe(event);
      if (owner === undefined) {
        throw new ModelViolation(`event for token ${token}, which is not registered: ${desc()}`);
      }
      if (seen.has(token) && !this.duplicatesAllowed) {
        throw new ModelViolation(`two events for token ${token} in one poll: ${desc()}`);
      }
      seen.add(token);
      if (owner === "waker") {
        if (!this.#wakePending) {
          throw new ModelViolation(`waker event (token ${token}) without a wake(): ${desc()}`);
        }
        this.#wakePending = false;
        this.stats.answered++;
        continue;
      }
      this.#check(owner, event, desc);
      let answered = false;
      if (owner.armedRead && (event.isReadable() || event.isReadClosed() || event.isError())) {
        owner.armedRead = false;
        answered = true;
      }
      if (owner.armedWrite && (event.isWritable() || event.isWriteClosed() || event.isError())) {
        owner.armedWrite = false;
        answered = true;
      }
      if (answered) this.stats.answered++;
      else this.stats.spurious++;
    }
  }

  #check(end: End, event: EventView, desc: () => string): void {
    const fail = (rule: string) => {
      throw new ModelViolation(`${end.name} (token ${end.token}): ${rule}: ${desc()}`);
    };
    const abort = this.abortIsReadWrite && event.isWriteClosed();
    if (event.isReadable() && !end.readable && !abort) {
      fail("readable event for a registration without READABLE");
    }
    if (event.isWritable() && !end.writable && !abort) {
      fail("writable event for a registration without WRITABLE");
    }
    if (event.isReadClosed() && !end.peer.shutWrite && !end.peerGone) {
      fail("read-closed while the peer can write");
    }
    if (event.isWriteClosed() && !end.shutWrite && !end.peerGone) fail("write-closed while both can write");
    if (event.isError() && !end.peerGone) fail("error while the peer is open");
  }

  /** The obligations not answered yet. */
  unmet(): Obligation[] {
    const owed: Obligation[] = [];
    if (this.#wakePending && this.#wakerToken !== null) {
      owed.push({ what: "waker", token: this.#wakerToken, kind: "wake", why: "wake() was called" });
    }
    for (const owner of this.#byToken.values()) {
      if (owner === "waker") continue;
      const e = owner;
      if (e.readable && e.armedRead) {
        const why = e.unread > 0
          ? `${e.unread} bytes unread`
          : e.peerGone
          ? "the peer closed"
          : e.peer.shutWrite
          ? "the peer shut down its write half"
          : null;
        if (why !== null) owed.push({ what: e.name, token: e.token!, kind: "readable", why });
      }
      if (e.writable && e.armedWrite && (e.peer.unread === 0 || e.peerGone)) {
        const why = e.peerGone ? "the peer closed" : "writable: the peer has read all this end wrote";
        owed.push({ what: e.name, token: e.token!, kind: "writable", why });
      }
    }
    return owed;
  }
}

/** An event as text for messages. */
export function describe(event: EventView): string {
  const flags = [
    event.isReadable() && "readable",
    event.isWritable() && "writable",
    event.isError() && "error",
    event.isReadClosed() && "read-closed",
    event.isWriteClosed() && "write-closed",
  ].filter(Boolean);
  return `{ token ${event.token()}: ${flags.join(", ") || "no readiness"} }`;
}
