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
export declare class ModelViolation extends Error {
    /** `message` explains the violation. */
    constructor(message: string);
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
export declare class End {
    readonly name: string;
    readonly kind: PairKind;
    /** The other end. */
    peer: End;
    /** The current token and interest, or `null` when not registered. */
    token: number | null;
    /** Whether the registration asks for readable events. */
    readable: boolean;
    /** Whether the registration asks for writable events. */
    writable: boolean;
    /** A readable event is owed once readiness is there. */
    armedRead: boolean;
    /** A writable event is owed once writable. */
    armedWrite: boolean;
    /** Bytes the peer wrote that this end has not read. */
    unread: number;
    /** This end shut down its write half. */
    shutWrite: boolean;
    /** This end read the end of the stream, or a reset. */
    ended: boolean;
    /** This end was closed. */
    closed: boolean;
    /** End `name` (for messages) of a pair of `kind`. */
    constructor(name: string, kind: PairKind);
    /** Whether the peer was closed. */
    get peerGone(): boolean;
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
export declare class Model {
    #private;
    readonly duplicatesAllowed: boolean;
    readonly abortIsReadWrite: boolean;
    /** What was checked so far. */
    readonly stats: ModelStats;
    /**
     * `duplicatesAllowed`: whether one registration may yield two events in
     * one poll (kqueue). `abortIsReadWrite`: whether an aborted or failed
     * connection is reported readable and writable whatever the interest
     * (IOCP: mio's READABLE_FLAGS and WRITABLE_FLAGS both hold AFD_POLL_ABORT
     * and AFD_POLL_CONNECT_FAIL, which also make the event write-closed).
     */
    constructor(duplicatesAllowed: boolean, abortIsReadWrite?: boolean);
    /** A new connected pair: `[a, b]`. */
    pair(kind: PairKind, nameA: string, nameB: string): [End, End];
    /** `end` was registered with `token`. */
    registered(end: End, token: number, readable: boolean, writable: boolean): void;
    /** `end` was reregistered: the old token is gone; both directions of the new interest are armed. */
    reregistered(end: End, token: number, readable: boolean, writable: boolean): void;
    /** `end` was deregistered (explicitly, or by `intoFd()`). */
    deregistered(end: End): void;
    /** `end` was closed (which deregisters it). */
    closed(end: End): void;
    /** `end` wrote `n` bytes. */
    wrote(end: End, n: number): void;
    /** A write (or flood) on `end` said WouldBlock. */
    writeWouldBlock(end: End): void;
    /** A write on `end` threw `kind`: only a closed peer (or this end's own shutdown) explains it. */
    writeFailed(end: End, kind: string): void;
    /** A write on `end` succeeded after its own `shutdown("write")`. */
    wroteAfterShutdown(end: End): never;
    /** `end` read `n` bytes (`peek`: without consuming them). */
    read(end: End, n: number, peek: boolean): void;
    /** A read (or peek) on `end` said WouldBlock. */
    readWouldBlock(end: End): void;
    /** A read on `end` returned 0, the end of the stream. */
    readEnd(end: End): void;
    /** A read on `end` threw `kind`. */
    readFailed(end: End, kind: string): void;
    /** `end` shut down its write half. */
    shutdownWrite(end: End): void;
    /** A `Waker` now reports `token` (`null`: it was closed; a pending wake is no longer owed). */
    waker(token: number | null): void;
    /** `wake()` was called. */
    woke(): void;
    /** Checks the events of one poll against the MUST NOT rules and marks the obligations they answer. */
    observe(events: Iterable<EventView>): void;
    /** The obligations not answered yet. */
    unmet(): Obligation[];
}
/** An event as text for messages. */
export declare function describe(event: EventView): string;
