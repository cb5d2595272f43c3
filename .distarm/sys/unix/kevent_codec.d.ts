/**
 * Reads and writes `struct kevent` records of one OS's layout: `filter` and
 * `flags` are 2 bytes wide on most kqueue systems and 4 on NetBSD; `ident`,
 * `data` and `udata` are 8. Records are little-endian (every architecture
 * mio-ts runs on) and read as 32-bit words, so the hot path allocates
 * nothing.
 *
 * @module
 */
import type { Struct } from "../layout.ts";
/** A `struct kevent` reader and writer for one layout. */
export declare class KeventCodec {
    #private;
    /** For records laid out as `layout` (a `struct kevent`, size a multiple of 8). */
    constructor(layout: Struct);
    /** The value `filter` has in a record's `filter` field, as `rawFilterAt` reads it. */
    rawFilter(filter: number): number;
    /**
     * Fills record `i` of `view`: `ident`, `filter`, `flags`, `fflags`, a zero
     * `data` and `udata` (a token below 2^53), every other byte zero.
     */
    set(view: DataView, i: number, ident: number, filter: number, flags: number, fflags: number, udata: number): void;
    /** Record `i`'s `filter` field, unsigned (compare with `rawFilter`). */
    rawFilterAt(words: Uint32Array, i: number): number;
    /** Record `i`'s `flags`. */
    flagsAt(words: Uint32Array, i: number): number;
    /** The low 32 bits of record `i`'s `ident` (a descriptor, or an `EVFILT_USER` event's number). */
    identAt(words: Uint32Array, i: number): number;
    /** Record `i`'s `fflags`. */
    fflagsAt(words: Uint32Array, i: number): number;
    /** The low 32 bits of record `i`'s `data`, signed: an errno where `flags` has `EV_ERROR`. */
    dataAt(words: Uint32Array, i: number): number;
    /** Record `i`'s `udata`: the token. */
    udataAt(words: Uint32Array, i: number): number;
}
