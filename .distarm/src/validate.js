/**
 * Checks of caller input made before any syscall.
 *
 * @module
 */
/** `%TypedArray%.prototype`: the intrinsic getters below are read from it once, at load. */
const TYPED_ARRAY_PROTOTYPE = Object.getPrototypeOf(Uint8Array.prototype);
function intrinsicGetter(key) {
    const getter = Object.getOwnPropertyDescriptor(TYPED_ARRAY_PROTOTYPE, key)?.get;
    if (getter === undefined)
        throw new Error(`%TypedArray%.prototype has no ${String(key)} getter`);
    return getter;
}
/**
 * The kind of a real typed array (`"Uint8Array"` for a Buffer too);
 * `undefined` for anything else, a Proxy included. For error messages only:
 * calling it costs an allocation on JavaScriptCore (Bun).
 */
const typedArrayKind = intrinsicGetter(Symbol.toStringTag);
/**
 * Throws `TypeError` unless `buf` is a usable `Uint8Array`: a real one (not
 * a Proxy or an object that only inherits from `Uint8Array.prototype`), not
 * detached or out of bounds of a shrunk resizable buffer, and whose
 * `byteLength` is the engine's own. The OS is given the view's own memory
 * and `buf.byteLength` as its length, so a `byteLength` redefined on the
 * object or a subclass could make the kernel write outside the view.
 */
export function checkBuffer(buf, what = "buffer") {
    // `isView` is false for a Proxy or a mere object; the prototype walk below refuses a DataView.
    if (!ArrayBuffer.isView(buf) || !(buf instanceof Uint8Array)) {
        throw new TypeError(`${what} must be a Uint8Array, got ${describeValue(buf)}`);
    }
    const view = buf;
    if (!hasIntrinsicByteLength(view)) {
        throw new TypeError(`${what} overrides byteLength; pass a plain Uint8Array`);
    }
    // A detached (or out-of-bounds) view reads as zero-length; tell it apart from a real empty one.
    if (view.byteLength === 0)
        checkUsable(view, what);
}
/** Throws `TypeError` unless `bufs` is an array of usable `Uint8Array`s. */
export function checkBuffers(bufs) {
    if (!Array.isArray(bufs)) {
        throw new TypeError(`buffers must be an array of Uint8Array, got ${describeValue(bufs)}`);
    }
    for (let i = 0; i < bufs.length; i++)
        checkBuffer(bufs[i], `buffers[${i}]`);
}
/** Throws `RangeError` unless `n` is an integer in `[min, max]`. */
export function checkInteger(n, min, max, what) {
    if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
        throw new RangeError(`${what} must be an integer from ${min} to ${max}, got ${String(n)}`);
    }
    return n;
}
/** Throws `RangeError` unless `fd` could be a descriptor. */
export function checkFd(fd) {
    return checkInteger(fd, 0, 0x7fffffff, "a file descriptor");
}
/**
 * Whether reading `view.byteLength` runs the engine's typed-array getter:
 * `%TypedArray%.prototype` is on its prototype chain (not so for a
 * DataView), and neither the view nor a prototype before it defines its
 * own `byteLength`. The common prototypes (`Uint8Array`, and Node's
 * `Buffer` one level below) cost a lookup or two, and nothing is allocated.
 */
function hasIntrinsicByteLength(view) {
    if (Object.hasOwn(view, "byteLength"))
        return false;
    for (let p = Object.getPrototypeOf(view); p !== TYPED_ARRAY_PROTOTYPE; p = Object.getPrototypeOf(p)) {
        if (p === null || Object.hasOwn(p, "byteLength"))
            return false;
    }
    return true;
}
/** Throws `TypeError` for a zero-length view whose buffer was detached or shrunk below it. */
function checkUsable(view, what) {
    try {
        // `fill` validates its receiver: it throws TypeError for a detached or out-of-bounds view.
        Uint8Array.prototype.fill.call(view, 0, 0, 0);
    }
    catch {
        const b = view.buffer;
        const shrunk = b.detached !== true && b.resizable === true && b.byteLength > 0;
        throw new TypeError(`${what} is ${shrunk ? "out of bounds of its resized ArrayBuffer" : "detached"}`);
    }
}
function describeValue(v) {
    if (v === null)
        return "null";
    const kind = typedArrayKind.call(v);
    if (typeof kind === "string")
        return kind;
    if (v instanceof Uint8Array) {
        return "an object posing as a Uint8Array (a Proxy, or made with Object.create)";
    }
    if (typeof v === "object")
        return v.constructor?.name ?? "object";
    return typeof v;
}
