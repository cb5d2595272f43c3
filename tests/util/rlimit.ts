/**
 * `RLIMIT_NOFILE` (the most descriptors a process may have open) read and
 * set through libc's `getrlimit`/`setrlimit`: the soak raises it, the
 * EMFILE test lowers it in a child process.
 *
 * @module
 */
import { ffi } from "../../sys/ffi/load.ts";
import { linuxLayouts } from "../../sys/layout.ts";
import { LINUX } from "../../sys/unix/tables_linux.ts";
import { errno, libc } from "../../sys/unix/libc.ts";

const RLIM_INFINITY = 0xffff_ffff_ffff_ffffn;
const layout = linuxLayouts(ffi.arch).rlimit;
const bytes = new Uint8Array(layout.size);
const view = new DataView(bytes.buffer);

/** A soft and a hard limit; `Infinity` for `RLIM_INFINITY`. */
export interface Limit {
  /** The limit enforced. */
  readonly soft: number;
  /** The ceiling the soft limit may be raised to without privilege. */
  readonly hard: number;
}

function read(field: "cur" | "max"): number {
  const v = view.getBigUint64(layout.fields[field].offset, true);
  return v === RLIM_INFINITY ? Infinity : Number(v);
}

function write(field: "cur" | "max", value: number): void {
  view.setBigUint64(layout.fields[field].offset, value === Infinity ? RLIM_INFINITY : BigInt(value), true);
}

/** This process's `RLIMIT_NOFILE`. */
export function nofileLimit(): Limit {
  if (libc.getrlimit(LINUX.RLIMIT_NOFILE, bytes) < 0) throw new Error(`getrlimit failed: errno ${errno()}`);
  return { soft: read("cur"), hard: read("max") };
}

/** Sets this process's `RLIMIT_NOFILE` (the hard limit stays unless given). */
export function setNofileLimit(soft: number, hard = nofileLimit().hard): void {
  write("cur", soft);
  write("max", hard);
  if (libc.setrlimit(LINUX.RLIMIT_NOFILE, bytes) < 0) throw new Error(`setrlimit failed: errno ${errno()}`);
}
