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
import { Interest, IoError, Token, } from "../../mod.js";
/** The most bytes read per call, and the most one connection keeps waiting to be echoed. */
const CHUNK = 64 * 1024;
/** `accept` errors after which the server keeps running and retries later. */
const RETRIABLE_ACCEPT = new Set(["EMFILE", "ENFILE", "ENOBUFS", "ENOMEM"]);
/** The echo server; the caller owns the `Poll` and hands it the events whose tokens it `owns`. */
export class EchoServer {
    /** What happened so far. */
    stats = { accepted: 0, finished: 0, failed: {}, acceptErrors: {}, bytes: 0 };
    #poll;
    #listeners;
    #base;
    #connections = new Map();
    #blocked = new Set();
    #buf = new Uint8Array(CHUNK);
    #spare = [];
    #nextId = 0;
    /**
     * Registers `listeners` with `poll` with tokens `base`, `base + 1`, …;
     * connections get tokens from `base + listeners.length` up, never reused.
     */
    constructor(poll, listeners, base) {
        this.#poll = poll;
        this.#listeners = listeners;
        this.#base = base;
        listeners.forEach((l, i) => poll.registry().register(l, Token(base + i), Interest.READABLE));
        this.#nextId = base + listeners.length;
    }
    /** Open connections. */
    get connections() {
        return this.#connections.size;
    }
    /** Whether an accept failed for lack of descriptors and is waiting to be retried (poll with a short timeout). */
    get retryingAccept() {
        return this.#blocked.size > 0;
    }
    /** Whether `token` is one of this server's. */
    owns(token) {
        return token >= this.#base && token < this.#nextId;
    }
    /** Handles one event whose token the server owns. */
    handle(event) {
        const token = event.token();
        const index = token - this.#base;
        if (index < this.#listeners.length)
            this.#acceptAll(this.#listeners[index]);
        else {
            const conn = this.#connections.get(token);
            if (conn !== undefined)
                this.#serve(token, conn);
        }
    }
    /** Call after each poll: retries the accepts that failed for lack of descriptors. */
    tick() {
        for (const listener of [...this.#blocked])
            this.#acceptAll(listener);
    }
    #acceptAll(listener) {
        for (;;) {
            let accepted;
            try {
                accepted = listener.accept();
            }
            catch (e) {
                if (e instanceof IoError && RETRIABLE_ACCEPT.has(e.code)) {
                    this.stats.acceptErrors[e.code] = (this.stats.acceptErrors[e.code] ?? 0) + 1;
                    this.#blocked.add(listener);
                    return;
                }
                if (e instanceof IoError && e.kind === "ConnectionAborted")
                    continue;
                throw e;
            }
            if (accepted === null) {
                this.#blocked.delete(listener);
                return;
            }
            const token = this.#nextId++;
            const stream = accepted[0];
            this.#poll.registry().register(stream, Token(token), Interest.READABLE | Interest.WRITABLE);
            this.#connections.set(token, { stream, pending: null, start: 0, end: 0, eof: false });
            this.stats.accepted++;
        }
    }
    /** Writes the waiting echo; `false` if some is still waiting (the write would block). */
    #flush(conn) {
        while (conn.pending !== null) {
            const n = conn.stream.write(conn.pending.subarray(conn.start, conn.end));
            if (n === null)
                return false;
            conn.start += n;
            this.stats.bytes += n;
            if (conn.start === conn.end) {
                this.#spare.push(conn.pending);
                conn.pending = null;
            }
        }
        return true;
    }
    /** Echoes until a read says WouldBlock, a write would block, or the stream ends. */
    #serve(token, conn) {
        try {
            for (;;) {
                if (!this.#flush(conn))
                    return; // resumed by the writable event
                if (conn.eof)
                    return this.#close(token, conn, null);
                const n = conn.stream.read(this.#buf);
                if (n === null)
                    return; // drained: the next readable event brings more
                if (n === 0) {
                    conn.eof = true;
                    continue;
                }
                const written = conn.stream.write(this.#buf.subarray(0, n)) ?? 0;
                this.stats.bytes += written;
                if (written < n) {
                    const pending = this.#spare.pop() ?? new Uint8Array(CHUNK);
                    pending.set(this.#buf.subarray(written, n));
                    conn.pending = pending;
                    conn.start = 0;
                    conn.end = n - written;
                }
            }
        }
        catch (e) {
            if (!(e instanceof IoError))
                throw e;
            this.#close(token, conn, e);
        }
    }
    #close(token, conn, error) {
        conn.stream.close();
        if (conn.pending !== null)
            this.#spare.push(conn.pending);
        this.#connections.delete(token);
        if (error === null)
            this.stats.finished++;
        else
            this.stats.failed[error.kind] = (this.stats.failed[error.kind] ?? 0) + 1;
        // A descriptor was freed: an accept that failed for lack of one may succeed now.
        this.tick();
    }
    /** Closes every connection (the caller closes the listeners and the Poll). */
    close() {
        for (const conn of this.#connections.values())
            conn.stream.close();
        this.#connections.clear();
    }
}
