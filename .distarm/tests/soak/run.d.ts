import { type EchoServerStats } from "./echo_server.ts";
/** How big a soak is. */
export interface SoakOptions {
    /** TCP connections. */
    readonly tcp: number;
    /** Unix-domain stream connections. */
    readonly unix: number;
    /** Messages each connection sends and gets back. */
    readonly messages: number;
    /** The seed of the message sizes and contents. */
    readonly seed: number;
    /** The largest payload (the smallest is 1 byte; sizes are log-uniform). */
    readonly maxSize: number;
    /** The most bytes a connection has in flight. */
    readonly window: number;
    /** The run fails if it takes longer than this. */
    readonly timeLimitMs: number;
    /** Called about every 30 s with the messages checked so far and the seconds elapsed. */
    readonly onProgress?: (messages: number, seconds: number) => void;
}
/** What a soak did. */
export interface SoakFigures {
    /** The FFI that ran it. */
    readonly runtime: string;
    /** The selector. */
    readonly backend: string;
    /** TCP connections. */
    readonly tcp: number;
    /** Unix-domain connections. */
    readonly unix: number;
    /** Messages echoed and checked, in all. */
    readonly messages: number;
    /** Bytes echoed and checked (each way; headers included). */
    readonly bytes: number;
    /** Wall-clock seconds, connecting included. */
    readonly seconds: number;
    /** Peak resident memory of the process (`VmHWM`), in KiB. */
    readonly peakRssKiB: number;
    /** What the server saw. */
    readonly server: EchoServerStats;
}
/** Peak resident set size of this process, in KiB, from `/proc/self/status` (NaN where there is none: Windows). */
export declare function peakRssKiB(): number;
/** Runs the soak; throws `SoakFailure` on any byte lost, repeated, reordered or corrupted, or on the time limit. */
export declare function runSoak(options: SoakOptions): SoakFigures;
