/**
 * Vectored reads and writes as one read or write through a scratch buffer:
 * the same atomicity as `readv`/`writev` (one syscall), and no allocation
 * once the scratch buffer has grown to the largest size used.
 *
 * @module
 */
import { WOULD_BLOCK } from "../../sys/net_ops.js";
import { checkBuffers } from "../validate.js";
/** The most bytes one vectored call moves (a short count is allowed, as for `writev`). */
const MAX_VECTORED = 1 << 20;
let scratch = new Uint8Array(16 * 1024);
function scratchOf(bufs) {
    let total = 0;
    for (const b of bufs)
        total += b.byteLength;
    total = Math.min(total, MAX_VECTORED);
    if (scratch.byteLength < total)
        scratch = new Uint8Array(Math.max(total, scratch.byteLength * 2));
    return scratch.subarray(0, total);
}
/** Reads once with `read` and scatters the bytes over `bufs` in order. */
export function readVectored(bufs, read) {
    checkBuffers(bufs);
    const n = read(scratchOf(bufs));
    if (n === WOULD_BLOCK)
        return null;
    for (let i = 0, done = 0; done < n; i++) {
        const take = Math.min(bufs[i].byteLength, n - done);
        bufs[i].set(scratch.subarray(done, done + take));
        done += take;
    }
    return n;
}
/** Gathers `bufs` in order and writes them once with `write`. */
export function writeVectored(bufs, write) {
    checkBuffers(bufs);
    const out = scratchOf(bufs);
    for (let i = 0, done = 0; done < out.byteLength; i++) {
        const take = Math.min(bufs[i].byteLength, out.byteLength - done);
        out.set(bufs[i].subarray(0, take), done);
        done += take;
    }
    const n = write(out);
    return n === WOULD_BLOCK ? null : n;
}
