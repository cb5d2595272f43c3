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
import { type Event, type Poll } from "../../mod.ts";
import { type MessagePool } from "./messages.ts";
/** A broken promise of the soak: a byte lost, repeated, reordered or corrupted, or a stream cut short. */
export declare class SoakFailure extends Error {
    /** `what` happened on connection `name`. */
    constructor(name: string, what: string);
}
/** Where the clients connect and how much they send. */
export interface ClientOptions {
    /** The TCP listener's address. */
    readonly tcpAddr: string;
    /** TCP connections to open. */
    readonly tcp: number;
    /** The Unix listener's path. */
    readonly unixPath: string;
    /** Unix-domain connections to open. */
    readonly unix: number;
    /** Messages each connection exchanges. */
    readonly messages: number;
    /** The seed of every connection's message sequence. */
    readonly seed: number;
    /** The largest payload, in bytes. */
    readonly maxSize: number;
    /** The most bytes a connection has written and not yet seen echoed. */
    readonly window: number;
    /** The first token; connection `i` has `base + i`. */
    readonly base: number;
}
/** The clients, on a `Poll` the caller owns; it hands them the events whose tokens they `owns`. */
export declare class EchoClients {
    #private;
    /** Messages echoed and checked. */
    verified: number;
    /** Bytes echoed and checked (headers included). */
    bytes: number;
    /** Opens every connection and registers it for `READABLE | WRITABLE`. */
    constructor(poll: Poll, pool: MessagePool, options: ClientOptions);
    /** Whether every connection has checked all its messages and seen the end of its stream. */
    get done(): boolean;
    /** Whether `token` is one of the clients'. */
    owns(token: number): boolean;
    /** Handles one event whose token the clients own: reads and checks echoes, writes more. */
    handle(event: Event): void;
    /** Closes every connection. */
    close(): void;
}
