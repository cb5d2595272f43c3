/**
 * The soak's clients: TCP and Unix-domain connections on a mio-ts `Poll`,
 * edge-triggered like the server, each sending its sequence of checksummed
 * messages (at most `window` bytes not yet echoed back) and checking every
 * echoed byte: each message's header must be the one the sender's seeded
 * sequence says comes next (so a lost, repeated or reordered message is
 * caught at its header), and its payload's checksum must match. After the
 * last echo a client shuts down its write half; the server then closes,
 * and any byte between the last message and the end of the stream fails
 * the run.
 *
 * @module
 */
import { Interest, IoError, TcpStream, Token, UnixStream } from "../../mod.js";
import { HEADER, MAGIC, MessageSequence, RunningChecksum } from "./messages.js";
/** A broken promise of the soak: a byte lost, repeated, reordered or corrupted, or a stream cut short. */
export class SoakFailure extends Error {
    /** `what` happened on connection `name`. */
    constructor(name, what) {
        super(`${name}: ${what}`);
        this.name = "SoakFailure";
    }
}
/** The clients, on a `Poll` the caller owns; it hands them the events whose tokens they `owns`. */
export class EchoClients {
    /** Messages echoed and checked. */
    verified = 0;
    /** Bytes echoed and checked (headers included). */
    bytes = 0;
    #clients = [];
    #options;
    #pool;
    #staging;
    #stagingView;
    #buf = new Uint8Array(256 * 1024);
    #finished = 0;
    /** Opens every connection and registers it for `READABLE | WRITABLE`. */
    constructor(poll, pool, options) {
        this.#options = options;
        this.#pool = pool;
        this.#staging = new Uint8Array(HEADER + options.maxSize);
        this.#stagingView = new DataView(this.#staging.buffer);
        const total = options.tcp + options.unix;
        try {
            for (let i = 0; i < total; i++) {
                const tcp = i < options.tcp;
                const stream = tcp ? TcpStream.connect(options.tcpAddr) : UnixStream.connect(options.unixPath);
                const header = new Uint8Array(HEADER);
                this.#clients.push({
                    name: tcp ? `tcp#${i}` : `unix#${i - options.tcp}`,
                    stream,
                    tx: new MessageSequence(pool, options.seed, i, options.maxSize),
                    txPos: 0,
                    sent: 0,
                    rx: new MessageSequence(pool, options.seed, i, options.maxSize),
                    rxPos: 0,
                    verified: 0,
                    header,
                    headerView: new DataView(header.buffer),
                    sum: new RunningChecksum(),
                    inflight: 0,
                    shutDown: false,
                    finished: false,
                });
                poll.registry().register(stream, Token(options.base + i), Interest.READABLE | Interest.WRITABLE);
            }
        }
        catch (e) {
            this.close();
            throw e;
        }
    }
    /** Whether every connection has checked all its messages and seen the end of its stream. */
    get done() {
        return this.#finished === this.#clients.length;
    }
    /** Whether `token` is one of the clients'. */
    owns(token) {
        const i = token - this.#options.base;
        return i >= 0 && i < this.#clients.length;
    }
    /** Handles one event whose token the clients own: reads and checks echoes, writes more. */
    handle(event) {
        const c = this.#clients[event.token() - this.#options.base];
        if (c.finished)
            return;
        if (event.isError()) {
            const err = c.stream.takeError();
            if (err !== null)
                throw new SoakFailure(c.name, `socket error: ${err.message}`);
        }
        try {
            this.#receive(c);
            if (!c.finished)
                this.#send(c);
        }
        catch (e) {
            if (e instanceof IoError)
                throw new SoakFailure(c.name, `${e.kind}: ${e.message}`);
            throw e;
        }
    }
    #send(c) {
        const { messages, window } = this.#options;
        const pool = this.#pool.bytes;
        while (c.sent < messages) {
            if (c.txPos === 0 && c.inflight >= window)
                return; // wait for echoes
            if (c.tx.seq !== c.sent)
                c.tx.next();
            const total = HEADER + c.tx.length;
            let out;
            if (c.txPos < HEADER) {
                c.tx.writeHeader(this.#stagingView, 0);
                this.#staging.set(pool.subarray(c.tx.offset, c.tx.offset + c.tx.length), HEADER);
                out = this.#staging.subarray(c.txPos, total);
            }
            else {
                out = pool.subarray(c.tx.offset + c.txPos - HEADER, c.tx.offset + c.tx.length);
            }
            const n = c.stream.write(out);
            if (n === null)
                return; // the writable event resumes
            c.txPos += n;
            c.inflight += n;
            if (c.txPos === total) {
                c.sent++;
                c.txPos = 0;
            }
        }
        this.#shutDownIfDone(c);
    }
    /** Once every message was sent and its echo checked: shuts down the write half, so the server ends too. */
    #shutDownIfDone(c) {
        const { messages } = this.#options;
        if (c.verified === messages && c.sent === messages && !c.shutDown) {
            c.stream.shutdown("write");
            c.shutDown = true;
        }
    }
    #receive(c) {
        for (;;) {
            const n = c.stream.read(this.#buf);
            if (n === null)
                return;
            if (n === 0)
                return this.#ended(c);
            c.inflight -= n;
            this.#check(c, n);
            this.#shutDownIfDone(c);
        }
    }
    #ended(c) {
        if (c.verified !== this.#options.messages) {
            throw new SoakFailure(c.name, `stream ended after ${c.verified} of ${this.#options.messages} messages`);
        }
        if (!c.shutDown)
            throw new SoakFailure(c.name, "the server ended the stream before the client did");
        c.finished = true;
        c.stream.close();
        this.#finished++;
    }
    /** Checks the `n` bytes just read: headers against the replayed sequence, payloads by checksum. */
    #check(c, n) {
        const buf = this.#buf;
        for (let i = 0; i < n;) {
            if (c.verified === this.#options.messages) {
                throw new SoakFailure(c.name, `${n - i} bytes after the last message`);
            }
            if (c.rx.seq !== c.verified)
                c.rx.next();
            if (c.rxPos < HEADER) {
                const take = Math.min(HEADER - c.rxPos, n - i);
                c.header.set(buf.subarray(i, i + take), c.rxPos);
                c.rxPos += take;
                i += take;
                if (c.rxPos === HEADER)
                    this.#checkHeader(c);
                continue;
            }
            const end = HEADER + c.rx.length;
            const take = Math.min(end - c.rxPos, n - i);
            c.sum.update(buf, i, i + take);
            c.rxPos += take;
            i += take;
            if (c.rxPos === end) {
                if (c.sum.value() !== c.rx.checksum) {
                    throw new SoakFailure(c.name, `message ${c.verified}: payload checksum ${c.sum.value()} != ${c.rx.checksum} (bytes corrupted or reordered)`);
                }
                c.verified++;
                c.rxPos = 0;
                this.verified++;
                this.bytes += end;
            }
        }
    }
    #checkHeader(c) {
        const h = c.headerView;
        const magic = h.getUint32(0, true), seq = h.getUint32(4, true);
        const length = h.getUint32(8, true), checksum = h.getUint32(12, true);
        if (magic !== MAGIC) {
            throw new SoakFailure(c.name, `message ${c.verified}: bad magic 0x${magic.toString(16)} (bytes lost or misaligned)`);
        }
        if (seq !== c.rx.seq) {
            const what = seq < c.rx.seq ? "duplicated" : "lost or reordered";
            throw new SoakFailure(c.name, `expected message ${c.rx.seq}, got ${seq} (${what})`);
        }
        if (length !== c.rx.length || checksum !== c.rx.checksum) {
            throw new SoakFailure(c.name, `message ${seq}: header says ${length} bytes/${checksum}, expected ${c.rx.length}/${c.rx.checksum}`);
        }
        c.sum.reset();
    }
    /** Closes every connection. */
    close() {
        for (const c of this.#clients)
            c.stream.close();
    }
}
