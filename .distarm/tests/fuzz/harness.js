/**
 * The fuzzer's harness: a seeded random sequence of actions on real
 * sockets (TCP pairs over loopback and, except on Windows, `UnixStream.pair()`s) and one
 * `Poll` with its `Waker` — open, register, reregister (token and interest
 * changes), deregister, close, descriptor reuse (close, then open sockets
 * that get the same number, registered or not), `intoFd`/`fromFd`, write,
 * flood until WouldBlock, read, drain, peek, shutdown, wake, and poll with
 * `Events` of several capacities — each reported to the model
 * (`model.ts`), which checks every event and, at each settle, that every
 * owed event came. Bytes carry a position-dependent pattern, so every byte
 * read is checked too. The same seed gives the same action sequence (what
 * the OS does in between, such as when TCP data lands, may differ).
 *
 * @module
 */
import { Events, Interest, IoError, Poll, TcpListener, TcpStream, Token, UnixStream, Waker, } from "../../mod.js";
import { Prng } from "../util/prng.js";
import { Model, ModelViolation } from "./model.js";
import process from "node:process";
const ON_WINDOWS = process.platform === "win32";
/** A failed run: the seed and step to reproduce it, and the actions that led there. */
export class FuzzFailure extends Error {
    /** Wraps `cause` with the seed, the step and the last actions. */
    constructor(seed, step, trace, cause) {
        super(`fuzz failed: seed ${seed} (FUZZ_SEED=${seed}), step ${step}: ${cause instanceof Error ? cause.message : String(cause)}\nlast actions:\n  ${trace.join("\n  ")}`);
        this.name = "FuzzFailure";
    }
}
/** The most ends open at once. */
const MAX_ENDS = 12;
/** The largest read or write. */
const MAX_IO = 64 * 1024;
/** Polls of 20 ms a settle may take before an owed event counts as missing (about 3 s). */
const SETTLE_ROUNDS = 150;
/** Actions and their weights. */
const ACTIONS = [
    ["open", 4],
    ["register", 10],
    ["reregister", 8],
    ["deregister", 4],
    ["close", 3],
    ["reuse", 2],
    ["rewrap", 2],
    ["write", 14],
    ["flood", 1],
    ["read", 10],
    ["drain", 6],
    ["peek", 3],
    ["shutdown", 1],
    ["wake", 5],
    ["rewaker", 1],
    ["poll", 20],
    ["settle", 2],
    ["misuse", 2],
];
const TOTAL_WEIGHT = ACTIONS.reduce((sum, [, w]) => sum + w, 0);
/** `pattern[(position + salt) & 255 + i]` is the byte at `position + i` of a stream with `salt`. */
const PATTERN = Uint8Array.from({ length: MAX_IO + 256 }, (_, i) => (i * 131 + 7) & 0xff);
/** Runs `steps` seeded steps; throws `FuzzFailure` (with the seed) on the first broken rule. */
export function runFuzz(seed, steps, kqueue = Poll.backend === "kqueue") {
    return new Harness(seed, kqueue).run(steps);
}
class Harness {
    seed;
    #prng;
    #model;
    #poll = new Poll();
    #events = [1, 2, 3, 8, 64].map((n) => new Events(n));
    #listener = TcpListener.bind("127.0.0.1:0");
    /** Where the listener waits for connections, apart from the Poll under test. */
    #acceptPoll = new Poll();
    #acceptEvents = new Events(1);
    #sockets = [];
    /** Closed objects, to check that using them throws `BadResource`. */
    #graveyard = [];
    #buf = new Uint8Array(MAX_IO);
    #trace = [];
    #waker = null;
    #nextToken = 1;
    #nextName = 0;
    stats = {
        steps: 0,
        actions: {},
        events: 0,
        answered: 0,
        spurious: 0,
        fdReused: 0,
        settles: 0,
        bytes: 0,
    };
    constructor(seed, kqueue) {
        this.seed = seed;
        this.#prng = new Prng(seed);
        this.#model = new Model(kqueue, Poll.backend === "iocp");
        this.#acceptPoll.registry().register(this.#listener, Token(0), Interest.READABLE);
    }
    run(steps) {
        try {
            this.#newWaker();
            for (let step = 1; step <= steps; step++) {
                this.stats.steps = step;
                this.#act(this.#choose());
            }
            this.#settle();
            return this.stats;
        }
        catch (e) {
            throw new FuzzFailure(this.seed, this.stats.steps, this.#trace, e);
        }
        finally {
            Object.assign(this.stats, this.#model.stats);
            for (const s of this.#sockets)
                s.stream.close();
            this.#waker?.close();
            this.#listener.close();
            this.#acceptPoll.close();
            this.#poll.close();
        }
    }
    #log(line) {
        this.#trace.push(`${this.stats.steps}: ${line}`);
        if (this.#trace.length > 40)
            this.#trace.shift();
    }
    #choose() {
        let r = this.#prng.int(TOTAL_WEIGHT);
        for (const [name, weight] of ACTIONS) {
            if ((r -= weight) < 0)
                return name;
        }
        return "poll";
    }
    #act(name) {
        const s = this.#sockets.length > 0 ? this.#prng.pick(this.#sockets) : null;
        if (s === null && !["wake", "rewaker", "poll", "settle"].includes(name))
            name = "open";
        if (name === "open" && this.#sockets.length >= MAX_ENDS)
            name = "close";
        this.stats.actions[name] = (this.stats.actions[name] ?? 0) + 1;
        switch (name) {
            case "open":
                return void this.#open();
            case "register":
                return this.#register(s);
            case "reregister":
                return this.#reregister(s);
            case "deregister":
                return this.#deregister(s);
            case "close":
                return void this.#close(s);
            case "reuse":
                return this.#reuse(s);
            case "rewrap":
                return this.#rewrap(s);
            case "write":
                return void this.#write(s, this.#size());
            case "flood":
                return this.#flood(s);
            case "read":
                return void this.#read(s, this.#size(), false);
            case "drain":
                return this.#drain(s);
            case "peek":
                return void this.#read(s, this.#size(), true);
            case "shutdown":
                return this.#shutdown(s);
            case "wake":
                return this.#wake();
            case "rewaker":
                return this.#newWaker();
            case "poll":
                return this.#pollOnce();
            case "settle":
                return this.#settle();
            case "misuse":
                return this.#misuse(s);
        }
    }
    /** A log-uniform size from 1 byte to 64 KiB. */
    #size() {
        return Math.max(1, Math.floor(2 ** (this.#prng.float() * 16)));
    }
    #interest() {
        return this.#prng.pick([
            [Interest.READABLE, true, false],
            [Interest.WRITABLE, false, true],
            [Interest.READABLE | Interest.WRITABLE, true, true],
        ]);
    }
    // --- sockets ---------------------------------------------------------------------
    #open() {
        // Windows has no Unix-domain sockets (as in mio): TCP pairs only there, from the same draws.
        const kind = this.#prng.chance(0.5) || ON_WINDOWS ? "tcp" : "unix";
        let a, b;
        if (kind === "unix")
            [a, b] = UnixStream.pair();
        else {
            a = TcpStream.connect(this.#listener.localAddr());
            b = this.#accept();
        }
        const n = this.#nextName++;
        const [endA, endB] = this.#model.pair(kind, `${kind}${n}a (fd ${a.fd})`, `${kind}${n}b (fd ${b.fd})`);
        const sa = {
            end: endA,
            stream: a,
            written: 0,
            readPos: 0,
            salt: this.#prng.int(256),
            peer: null,
        };
        const sb = { end: endB, stream: b, written: 0, readPos: 0, salt: this.#prng.int(256), peer: sa };
        sa.peer = sb;
        this.#sockets.push(sa, sb);
        this.#log(`open ${endA.name} + ${endB.name}`);
        return [sa, sb];
    }
    /** The accepted side of a connect to the fuzzer's listener (registered with a Poll of its own). */
    #accept() {
        for (let i = 0; i < 100; i++) {
            const accepted = this.#listener.accept();
            if (accepted !== null)
                return accepted[0];
            this.#acceptPoll.poll(this.#acceptEvents, 50);
        }
        throw new Error("connect to the fuzzer's listener not accepted in 5 s");
    }
    #register(s) {
        const [interest, r, w] = this.#interest();
        if (s.end.token !== null) {
            // Registering twice: mio-ts refuses it (AlreadyExists) and the registration stays as it was.
            this.#expectError(() => this.#poll.registry().register(s.stream, Token(this.#nextToken), interest), "AlreadyExists");
            return;
        }
        const token = this.#nextToken++;
        this.#poll.registry().register(s.stream, Token(token), interest);
        this.#model.registered(s.end, token, r, w);
        this.#log(`register ${s.end.name} token ${token} ${r ? "R" : ""}${w ? "W" : ""}`);
    }
    #reregister(s) {
        const [interest, r, w] = this.#interest();
        if (s.end.token === null) {
            this.#expectError(() => this.#poll.registry().reregister(s.stream, Token(this.#nextToken), interest), "NotFound");
            return;
        }
        const token = this.#prng.chance(0.3) ? s.end.token : this.#nextToken++;
        this.#poll.registry().reregister(s.stream, Token(token), interest);
        this.#model.reregistered(s.end, token, r, w);
        this.#log(`reregister ${s.end.name} token ${token} ${r ? "R" : ""}${w ? "W" : ""}`);
    }
    #deregister(s) {
        if (s.end.token === null) {
            this.#expectError(() => this.#poll.registry().deregister(s.stream), "NotFound");
            return;
        }
        this.#poll.registry().deregister(s.stream);
        this.#model.deregistered(s.end);
        this.#log(`deregister ${s.end.name}`);
    }
    #close(s) {
        const fd = s.stream.fd;
        s.stream.close();
        this.#graveyard.push(s.stream);
        if (this.#graveyard.length > 16)
            this.#graveyard.shift();
        this.#model.closed(s.end);
        this.#sockets.splice(this.#sockets.indexOf(s), 1);
        this.#log(`close ${s.end.name}`);
        return fd;
    }
    /** Closes `s` and opens a pair at once: the lowest free number, `s`'s, is usually reused. */
    #reuse(s) {
        const fd = this.#close(s);
        const pair = this.#open();
        const reused = pair.find((p) => p.stream.fd === fd);
        if (reused !== undefined) {
            this.stats.fdReused++;
            this.#log(`fd ${fd} reused by ${reused.end.name}`);
            if (this.#prng.chance(0.5))
                this.#register(reused);
        }
    }
    /** `intoFd()` then `fromFd()`: the same socket, number and peer in a new object, unregistered. */
    #rewrap(s) {
        const old = s.stream;
        const fd = old.intoFd();
        s.stream = s.end.kind === "tcp" ? TcpStream.fromFd(fd) : UnixStream.fromFd(fd);
        this.#graveyard.push(old);
        this.#model.deregistered(s.end);
        this.#log(`rewrap ${s.end.name} (intoFd/fromFd)`);
    }
    #shutdown(s) {
        if (s.end.shutWrite)
            return;
        try {
            s.stream.shutdown("write");
        }
        catch (e) {
            // A TCP socket already reset is no longer connected.
            if (!(e instanceof IoError && e.kind === "NotConnected" && s.end.peerGone))
                throw e;
        }
        this.#model.shutdownWrite(s.end);
        this.#log(`shutdown write ${s.end.name}`);
    }
    // --- bytes -------------------------------------------------------------------------
    /** One write of `size` pattern bytes; `false` if it would block or failed. */
    #write(s, size) {
        const start = (s.written + s.salt) & 255;
        let n;
        try {
            n = s.stream.write(PATTERN.subarray(start, start + size));
        }
        catch (e) {
            if (!(e instanceof IoError))
                throw e;
            this.#model.writeFailed(s.end, e.kind);
            this.#log(`write ${size} to ${s.end.name}: ${e.kind}`);
            return false;
        }
        if (n === null) {
            this.#model.writeWouldBlock(s.end);
            this.#log(`write ${size} to ${s.end.name}: WouldBlock`);
            return false;
        }
        if (s.end.shutWrite)
            this.#model.wroteAfterShutdown(s.end);
        s.written += n;
        this.stats.bytes += n;
        this.#model.wrote(s.end, n);
        this.#log(`write ${size} to ${s.end.name}: ${n}`);
        return true;
    }
    /** Writes until WouldBlock (or an error): the send buffer fills. */
    #flood(s) {
        for (let i = 0; i < 4096 && this.#write(s, MAX_IO); i++)
            ;
    }
    /** One read (or peek) of up to `size`; checks the bytes. `true` if it returned bytes. */
    #read(s, size, peek) {
        const what = peek ? "peek" : "read";
        let n;
        try {
            n = peek ? s.stream.peek(this.#buf.subarray(0, size)) : s.stream.read(this.#buf.subarray(0, size));
        }
        catch (e) {
            if (!(e instanceof IoError))
                throw e;
            this.#model.readFailed(s.end, e.kind);
            this.#log(`${what} ${size} from ${s.end.name}: ${e.kind}`);
            return false;
        }
        if (n === null) {
            this.#model.readWouldBlock(s.end);
            this.#log(`${what} ${size} from ${s.end.name}: WouldBlock`);
            return false;
        }
        if (n === 0) {
            this.#model.readEnd(s.end);
            this.#log(`${what} ${size} from ${s.end.name}: end of stream`);
            return false;
        }
        this.#model.read(s.end, n, peek);
        this.#checkBytes(s, n);
        if (!peek)
            s.readPos += n;
        this.#log(`${what} ${size} from ${s.end.name}: ${n}`);
        return true;
    }
    /** Checks that the `n` bytes just read are the next ones the peer wrote. */
    #checkBytes(s, n) {
        const start = (s.readPos + s.peer.salt) & 255;
        for (let i = 0; i < n; i++) {
            if (this.#buf[i] !== PATTERN[start + i]) {
                throw new ModelViolation(`${s.end.name}: byte ${s.readPos + i} of the stream is ${this.#buf[i]}, expected ${PATTERN[start + i]} (bytes lost, repeated or reordered)`);
            }
        }
    }
    #drain(s) {
        for (let i = 0; i < 4096 && this.#read(s, MAX_IO, false); i++)
            ;
    }
    // --- the waker and polling ---------------------------------------------------------------
    #newWaker() {
        this.#waker?.close();
        this.#waker = null;
        this.#model.waker(null);
        const token = this.#nextToken++;
        this.#waker = new Waker(this.#poll.registry(), Token(token));
        this.#model.waker(token);
        this.#log(`new waker token ${token}`);
    }
    #wake() {
        this.#waker.wake();
        this.#model.woke();
        this.#log("wake");
    }
    #pollOnce() {
        const events = this.#prng.pick(this.#events);
        this.#poll.poll(events, 0);
        this.#log(`poll(capacity ${events.capacity}): ${events.length} events`);
        this.#model.observe(events);
    }
    /** Polls until every owed event has come; fails if one has not after about 3 s. */
    #settle() {
        this.stats.settles++;
        const events = this.#events[this.#events.length - 1];
        for (let round = 0; round < SETTLE_ROUNDS; round++) {
            if (this.#model.unmet().length === 0)
                return;
            this.#poll.poll(events, 20);
            this.#model.observe(events);
        }
        const missing = this.#model.unmet().map((o) => `${o.kind} event for ${o.what} (token ${o.token}): ${o.why}`);
        if (missing.length > 0)
            throw new ModelViolation(`events owed and not seen:\n  ${missing.join("\n  ")}`);
    }
    // --- misuse --------------------------------------------------------------------------
    /** Calls on closed objects throw `BadResource`; register/deregister misuse throws as documented. */
    #misuse(s) {
        const dead = this.#graveyard.length > 0 ? this.#prng.pick(this.#graveyard) : null;
        if (dead !== null) {
            this.#expectError(() => dead.read(this.#buf), "BadResource");
            this.#expectError(() => dead.fd, "BadResource");
            this.#expectError(() => this.#poll.registry().register(dead, Token(this.#nextToken), Interest.READABLE), "BadResource");
        }
        if (s !== null && s.end.token === null)
            this.#deregister(s); // NotFound
        this.#log("misuse");
    }
    #expectError(fn, kind) {
        try {
            fn();
        }
        catch (e) {
            if (e instanceof IoError && e.kind === kind)
                return;
            throw new ModelViolation(`expected IoError ${kind}, got ${String(e)}`);
        }
        throw new ModelViolation(`expected IoError ${kind}, nothing was thrown`);
    }
}
