/**
 * Checks of caller input made before any syscall.
 *
 * @module
 */
/**
 * Throws `TypeError` unless `buf` is a usable `Uint8Array`: a real one (not
 * a Proxy or an object that only inherits from `Uint8Array.prototype`), not
 * detached or out of bounds of a shrunk resizable buffer, and whose
 * `byteLength` is the engine's own. The OS is given the view's own memory
 * and `buf.byteLength` as its length, so a `byteLength` redefined on the
 * object or a subclass could make the kernel write outside the view.
 */
export declare function checkBuffer(buf: unknown, what?: string): asserts buf is Uint8Array;
/** Throws `TypeError` unless `bufs` is an array of usable `Uint8Array`s. */
export declare function checkBuffers(bufs: unknown): asserts bufs is readonly Uint8Array[];
/** Throws `RangeError` unless `n` is an integer in `[min, max]`. */
export declare function checkInteger(n: unknown, min: number, max: number, what: string): number;
/** Throws `RangeError` unless `fd` could be a descriptor. */
export declare function checkFd(fd: unknown): number;
