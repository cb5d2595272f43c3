/**
 * Vectored reads and writes as one read or write through a scratch buffer:
 * the same atomicity as `readv`/`writev` (one syscall). The OS is given the
 * scratch buffer and a count no longer than it; each view's length is the
 * engine's own (`byteLengthOf`), so a `byteLength` getter that answers
 * differently after the check cannot make a copy read stale scratch bytes.
 *
 * @module
 */
import { byteLengthOf } from "../../sys/byte_length.ts";
import { WOULD_BLOCK } from "../../sys/contract.ts";
import type { IoSource } from "../io_source.ts";
import { checkBuffers } from "../validate.ts";

/** The most bytes one vectored call moves (a short count is allowed, as for `writev`). */
const MAX_VECTORED = 1 << 20;

let scratch = new Uint8Array(16 * 1024);

/** How many bytes one call moves for views of `total` bytes in all; grows the scratch buffer to hold them. */
function scratchFor(total: number): number {
  const count = Math.min(total, MAX_VECTORED);
  if (scratch.byteLength < count) scratch = new Uint8Array(Math.max(count, scratch.byteLength * 2));
  return count;
}

/** The error for `bufs` (a Proxy, or an array with accessors) that held fewer bytes when copied than when checked. */
function changedUnderfoot(): TypeError {
  return new TypeError("buffers changed during the call");
}

/** What a vectored call reads or writes through once: `platform.net` or `platform.pipe`. */
export interface ByteOps {
  /** Reads into the first `len` bytes of `buf`: a count, or `WOULD_BLOCK`. */
  read(fd: number, buf: Uint8Array, len: number): number;
  /** Writes the first `len` bytes of `buf`: a count, or `WOULD_BLOCK`. */
  write(fd: number, buf: Uint8Array, len: number): number;
}

/**
 * Reads once from `io`'s descriptor with `ops.read` and scatters the bytes
 * over `bufs` in order: the count, or `null` (WouldBlock, re-armed).
 */
export function readVectored(io: IoSource, ops: ByteOps, bufs: readonly Uint8Array[]): number | null {
  const fd = io.fd;
  const n = ops.read(fd, scratch, scratchFor(checkBuffers(bufs)));
  if (n === WOULD_BLOCK) return io.wouldBlock();
  let done = 0;
  for (let i = 0; i < bufs.length && done < n; i++) {
    const take = Math.min(byteLengthOf(bufs[i]!), n - done);
    bufs[i]!.set(scratch.subarray(done, done + take));
    done += take;
  }
  if (done < n) throw changedUnderfoot();
  return n;
}

/**
 * Gathers `bufs` in order and writes them once to `io`'s descriptor with
 * `ops.write`: the count, or `null` (WouldBlock, re-armed).
 */
export function writeVectored(io: IoSource, ops: ByteOps, bufs: readonly Uint8Array[]): number | null {
  const fd = io.fd;
  const count = scratchFor(checkBuffers(bufs));
  let done = 0;
  for (let i = 0; i < bufs.length && done < count; i++) {
    const take = Math.min(byteLengthOf(bufs[i]!), count - done);
    scratch.set(bufs[i]!.subarray(0, take), done);
    done += take;
  }
  // Else the rest of the scratch buffer, bytes of an earlier call, would be sent.
  if (done < count) throw changedUnderfoot();
  const n = ops.write(fd, scratch, count);
  return n === WOULD_BLOCK ? io.wouldBlock() : n;
}
