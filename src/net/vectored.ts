/**
 * Vectored reads and writes as one read or write through a scratch buffer:
 * the same atomicity as `readv`/`writev` (one syscall), and no allocation
 * once the scratch buffer has grown to the largest size used. Lengths are
 * the engine's own (`byteLengthOf`): a `byteLength` getter that answers
 * differently after the check cannot make a copy read stale scratch bytes.
 *
 * @module
 */
import { byteLengthOf } from "../../sys/byte_length.ts";
import { WOULD_BLOCK } from "../../sys/net_ops.ts";
import { checkBuffers } from "../validate.ts";

/** The most bytes one vectored call moves (a short count is allowed, as for `writev`). */
const MAX_VECTORED = 1 << 20;

let scratch = new Uint8Array(16 * 1024);

function scratchOf(bufs: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (let i = 0; i < bufs.length; i++) total += byteLengthOf(bufs[i]);
  total = Math.min(total, MAX_VECTORED);
  if (scratch.byteLength < total) scratch = new Uint8Array(Math.max(total, scratch.byteLength * 2));
  return scratch.subarray(0, total);
}

/** The error for `bufs` (a Proxy, or an array with accessors) that held less once checked than when counted. */
function changedUnderfoot(): TypeError {
  return new TypeError("buffers changed during the call");
}

/** Reads once with `read` and scatters the bytes over `bufs` in order. */
export function readVectored(bufs: readonly Uint8Array[], read: (buf: Uint8Array) => number): number | null {
  checkBuffers(bufs);
  const n = read(scratchOf(bufs));
  if (n === WOULD_BLOCK) return null;
  let done = 0;
  for (let i = 0; i < bufs.length && done < n; i++) {
    const take = Math.min(byteLengthOf(bufs[i]), n - done);
    bufs[i].set(scratch.subarray(done, done + take));
    done += take;
  }
  if (done < n) throw changedUnderfoot();
  return n;
}

/** Gathers `bufs` in order and writes them once with `write`. */
export function writeVectored(
  bufs: readonly Uint8Array[],
  write: (buf: Uint8Array) => number,
): number | null {
  checkBuffers(bufs);
  const out = scratchOf(bufs);
  let done = 0;
  for (let i = 0; i < bufs.length && done < out.byteLength; i++) {
    const take = Math.min(byteLengthOf(bufs[i]), out.byteLength - done);
    out.set(bufs[i].subarray(0, take), done);
    done += take;
  }
  // Else the tail of the scratch buffer, bytes of an earlier call, would be sent.
  if (done < out.byteLength) throw changedUnderfoot();
  const n = write(out);
  return n === WOULD_BLOCK ? null : n;
}
