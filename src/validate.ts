/**
 * Checks of caller input made before any syscall.
 *
 * @module
 */

/** Throws `TypeError` unless `buf` is a usable (not detached) `Uint8Array`. */
export function checkBuffer(buf: unknown, what = "buffer"): asserts buf is Uint8Array {
  if (!(buf instanceof Uint8Array)) {
    throw new TypeError(`${what} must be a Uint8Array, got ${describeValue(buf)}`);
  }
  // A detached buffer reads as zero-length; tell it apart from a real empty one.
  if (buf.byteLength === 0 && isDetached(buf.buffer)) {
    throw new TypeError(`${what} is detached`);
  }
}

/** Throws `TypeError` unless `bufs` is an array of usable `Uint8Array`s. */
export function checkBuffers(bufs: unknown): asserts bufs is readonly Uint8Array[] {
  if (!Array.isArray(bufs)) {
    throw new TypeError(`buffers must be an array of Uint8Array, got ${describeValue(bufs)}`);
  }
  for (let i = 0; i < bufs.length; i++) checkBuffer(bufs[i], `buffers[${i}]`);
}

/** Throws `RangeError` unless `n` is an integer in `[min, max]`. */
export function checkInteger(n: unknown, min: number, max: number, what: string): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
    throw new RangeError(`${what} must be an integer from ${min} to ${max}, got ${String(n)}`);
  }
  return n;
}

/** Throws `RangeError` unless `fd` could be a descriptor. */
export function checkFd(fd: unknown): number {
  return checkInteger(fd, 0, 0x7fffffff, "a file descriptor");
}

function isDetached(buffer: ArrayBufferLike): boolean {
  const b = buffer as ArrayBufferLike & { detached?: boolean };
  if (typeof b.detached === "boolean") return b.detached;
  try {
    new Uint8Array(buffer); // throws TypeError on a detached buffer
    return false;
  } catch {
    return true;
  }
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}
