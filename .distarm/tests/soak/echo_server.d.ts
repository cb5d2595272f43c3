/**
 * An edge-triggered echo server on mio-ts: TCP and Unix-domain listeners
 * and their connections on one `Poll`, every connection registered once for
 * `READABLE | WRITABLE` and never reregistered. It follows mio's rules:
 * after an event, read until WouldBlock; a write that would block waits
 * for the writable event. A connection whose echo cannot be written stops
 * being read (at most one 64 KiB chunk waits per connection) and resumes
 * when it becomes writable. End of stream: the rest of the echo is written,
 * then the connection is closed. A reset or broken pipe closes it.
 *
 * `accept` failing with EMFILE (or ENFILE, ENOBUFS, ENOMEM) is returned to
 * the caller by mio-ts as by mio, as an `IoError`. The listener stays
 * registered, but its connections already queued bring no new event (the
 * readiness edge was consumed and accept never reported WouldBlock), so the
 * server retries accept itself: after it closes a connection (a descriptor
 * was freed) and on every `tick()` while `retryingAccept` (the caller
 * polls with a short timeout then). This is what tokio and hyper do
 * (retry after a pause), and what mio's docs imply.
 *
 * @module
 */
import { type Event, type Poll, type TcpListener, type UnixListener } from "../../mod.ts";
type Listener = TcpListener | UnixListener;
/** What the server saw, for reports and assertions. */
export interface EchoServerStats {
    /** Connections accepted. */
    accepted: number;
    /** Connections closed after the peer ended its stream and the echo was written. */
    finished: number;
    /** Connections closed on an error, by `IoError.kind` (`ConnectionReset`, `BrokenPipe`, …). */
    failed: Record<string, number>;
    /** `accept` errors the server survived, by `IoError.code` (`EMFILE`, …). */
    acceptErrors: Record<string, number>;
    /** Bytes echoed. */
    bytes: number;
}
/** The echo server; the caller owns the `Poll` and hands it the events whose tokens it `owns`. */
export declare class EchoServer {
    #private;
    /** What happened so far. */
    readonly stats: EchoServerStats;
    /**
     * Registers `listeners` with `poll` with tokens `base`, `base + 1`, …;
     * connections get tokens from `base + listeners.length` up, never reused.
     */
    constructor(poll: Poll, listeners: readonly Listener[], base: number);
    /** Open connections. */
    get connections(): number;
    /** Whether an accept failed for lack of descriptors and is waiting to be retried (poll with a short timeout). */
    get retryingAccept(): boolean;
    /** Whether `token` is one of this server's. */
    owns(token: number): boolean;
    /** Handles one event whose token the server owns. */
    handle(event: Event): void;
    /** Call after each poll: retries the accepts that failed for lack of descriptors. */
    tick(): void;
    /** Closes every connection (the caller closes the listeners and the Poll). */
    close(): void;
}
export {};
