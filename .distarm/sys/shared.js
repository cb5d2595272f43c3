/**
 * The values that carry a `Waker` or a `Registry` to another Worker. Each
 * selector fills in what its OS needs (descriptors, a `SharedArrayBuffer`
 * with the closed flag); to a user they are opaque, plain and
 * structured-cloneable: hand them over with `postMessage` or `workerData`.
 *
 * @module
 */
/** Whether `value` is a non-null object whose `type` is `type`. */
export function hasType(value, type) {
    return typeof value === "object" && value !== null && value.type === type;
}
/** Whether `value` is an integer that can be a descriptor (0 to 2^31 - 1). */
export function isDescriptor(value) {
    return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0x7fffffff;
}
