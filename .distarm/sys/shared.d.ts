/**
 * The values that carry a `Waker` or a `Registry` to another Worker. Each
 * selector fills in what its OS needs (descriptors, a `SharedArrayBuffer`
 * with the closed flag); to a user they are opaque, plain and
 * structured-cloneable: hand them over with `postMessage` or `workerData`.
 *
 * @module
 */
/** What `Waker.share()` returns; `Waker.fromShared` takes it in another Worker. */
export interface SharedWaker {
    /** Always `"mio-ts/waker"`. */
    readonly type: "mio-ts/waker";
}
/** What `Registry.share()` returns; `Registry.fromShared` takes it in another Worker. */
export interface SharedRegistry {
    /** Always `"mio-ts/registry"`. */
    readonly type: "mio-ts/registry";
}
/** Whether `value` is a non-null object whose `type` is `type`. */
export declare function hasType(value: unknown, type: string): value is Record<string, unknown>;
/** Whether `value` is an integer that can be a descriptor (0 to 2^31 - 1). */
export declare function isDescriptor(value: unknown): value is number;
