/**
 * Checks of caller input made before any syscall.
 *
 * @module
 */
import { byteLengthOf } from "../sys/byte_length.ts";
import type { ShutdownHow } from "../sys/contract.ts";

const SHUTDOWN_HOWS: readonly ShutdownHow[] = ["read", "write", "both"];

/** `%TypedArray%.prototype`: the intrinsic getter below is read from it once, at load. */
const TYPED_ARRAY_PROTOTYPE = Object.getPrototypeOf(Uint8Array.prototype) as object;

function intrinsicGetter(key: PropertyKey): (this: unknown) => unknown {
  const getter = Object.getOwnPropertyDescriptor(TYPED_ARRAY_PROTOTYPE, key)?.get;
  if (getter === undefined) throw new Error(`%TypedArray%.prototype has no ${String(key)} getter`);
  return getter;
}

/**
 * The kind of a real typed array (`"Uint8Array"` for a Buffer too);
 * `undefined` for anything else, a Proxy included. For error messages only:
 * calling it costs an allocation on JavaScriptCore (Bun).
 */
const typedArrayKind = intrinsicGetter(Symbol.toStringTag);

/**
 * The length of `buf` to give the OS: its engine length (`byteLengthOf`).
 * Throws `TypeError` unless `buf` is a usable `Uint8Array`: a real one (not
 * a Proxy or an object that only inherits from `Uint8Array.prototype`), not
 * detached or out of bounds of a shrunk resizable buffer, and whose
 * `byteLength` reads as the engine's length. Pass the OS this length, never
 * `buf.byteLength`: a redefined `byteLength` (even a getter that answers
 * differently on each read) then cannot make it touch memory outside the
 * view. One that differs from the truth here is refused all the same, as
 * the caller's idea of the buffer is wrong.
 */
export function checkBuffer(buf: unknown, what = "buffer"): number {
  // `isView` is false for a Proxy or a mere object; for a DataView posing as one, the getters below throw TypeError.
  if (!ArrayBuffer.isView(buf) || !(buf instanceof Uint8Array)) {
    throw new TypeError(`${what} must be a Uint8Array, got ${describeValue(buf)}`);
  }
  // The ordinary read first: it may run the caller's getter, which may detach or shrink the buffer.
  const claimed = (buf as Uint8Array).byteLength;
  const length = byteLengthOf(buf as Uint8Array);
  if (claimed !== length) {
    throw new TypeError(`${what} overrides byteLength; pass a plain Uint8Array`);
  }
  // A detached (or out-of-bounds) view reads as zero-length; tell it apart from a real empty one.
  if (length === 0) checkUsable(buf as Uint8Array, what);
  return length;
}

/** The total length of `bufs` (as `checkBuffer` counts); `TypeError` unless it is an array of usable `Uint8Array`s. */
export function checkBuffers(bufs: unknown): number {
  if (!Array.isArray(bufs)) {
    throw new TypeError(`buffers must be an array of Uint8Array, got ${describeValue(bufs)}`);
  }
  let total = 0;
  for (let i = 0; i < bufs.length; i++) total += checkBuffer(bufs[i], `buffers[${i}]`);
  return total;
}

/** Throws `RangeError` unless `n` is an integer in `[min, max]`. */
export function checkInteger(n: unknown, min: number, max: number, what: string): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
    throw new RangeError(`${what} must be an integer from ${min} to ${max}, got ${String(n)}`);
  }
  return n;
}

/** Throws `TypeError` unless `how` is `"read"`, `"write"` or `"both"` (`shutdown()`'s argument). */
export function checkShutdownHow(how: unknown): ShutdownHow {
  if (!SHUTDOWN_HOWS.includes(how as ShutdownHow)) {
    throw new TypeError(`shutdown takes "read", "write" or "both", got ${String(how)}`);
  }
  return how as ShutdownHow;
}

/** Throws `RangeError` unless `fd` could be a descriptor. */
export function checkFd(fd: unknown): number {
  return checkInteger(fd, 0, 0x7fffffff, "a file descriptor");
}

/** Throws `TypeError` for a zero-length view whose buffer was detached or shrunk below it. */
function checkUsable(view: Uint8Array, what: string): void {
  try {
    // `fill` validates its receiver: it throws TypeError for a detached or out-of-bounds view.
    Uint8Array.prototype.fill.call(view, 0, 0, 0);
  } catch {
    const b = view.buffer as ArrayBufferLike & { detached?: boolean; resizable?: boolean };
    const shrunk = b.detached !== true && b.resizable === true && b.byteLength > 0;
    throw new TypeError(`${what} is ${shrunk ? "out of bounds of its resized ArrayBuffer" : "detached"}`);
  }
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  const kind = typedArrayKind.call(v);
  if (typeof kind === "string") return kind;
  if (v instanceof Uint8Array) {
    return "an object posing as a Uint8Array (a Proxy, or made with Object.create)";
  }
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}
