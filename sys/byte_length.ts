/**
 * The one way a buffer's length is read before it goes to the OS: the
 * engine's own `%TypedArray%.prototype.byteLength` getter, taken once at
 * load. A `byteLength` redefined on a view, on a subclass or on a
 * prototype (a getter may even answer differently on each read) is never
 * run, so the OS is never told a length longer than the view's memory.
 *
 * @module
 */

const intrinsicByteLength = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype) as object,
  "byteLength",
)?.get;
if (intrinsicByteLength === undefined) throw new Error("%TypedArray%.prototype has no byteLength getter");
const getByteLength: (this: unknown) => number = intrinsicByteLength;

/**
 * The length in bytes of typed array `view`, as the engine knows it: `0`
 * for a detached view or one out of bounds of a shrunk resizable buffer.
 * Throws `TypeError` for anything but a real typed array (a Proxy, a
 * DataView, an object that only inherits from a typed array prototype).
 * Allocates nothing.
 */
export function byteLengthOf(view: Uint8Array): number {
  return getByteLength.call(view);
}
