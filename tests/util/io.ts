/**
 * Results and errors of I/O calls: WouldBlock (mio's `assert_would_block`),
 * `IoError` kinds and OS error numbers, checked reads and writes, bytes and
 * text, closing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { IoError, type TcpStream } from "../../mod.ts";
import { UNIX } from "../../sys/unix/unix_os.ts";
import { WINDOWS_ERRORS } from "../../sys/windows/errno_windows.ts";
import { waitUntil } from "./events.ts";
import { ON_WINDOWS } from "./platform.ts";

/** Asserts a non-blocking call reported WouldBlock, which mio-ts returns as `null`. */
export function assertWouldBlock(result: unknown): void {
  assert.equal(result, null, `expected WouldBlock (null), got ${String(result)}`);
}

/** Asserts `fn` throws an `IoError` of `kind`; returns it. */
export function assertIoError(fn: () => unknown, kind: string): IoError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof IoError, `expected IoError ${kind}, got ${String(caught)}`);
  assert.equal(caught.kind, kind, `expected kind ${kind}, got ${caught.kind}: ${caught.message}`);
  return caught;
}

/**
 * Asserts `fn` throws an `IoError` of `kind` raised before any syscall
 * (`errno` 0, `syscall` `""`, as the API promises); returns it.
 */
export function assertEarlyIoError(fn: () => unknown, kind: string): IoError {
  const e = assertIoError(fn, kind);
  assert.equal(e.errno, 0, `an error raised before any syscall has errno 0, got ${e.errno}`);
  assert.equal(
    e.syscall,
    "",
    `an error raised before any syscall has syscall "", got ${JSON.stringify(e.syscall)}`,
  );
  return e;
}

/**
 * Asserts `fn` throws an `IoError` from the OS (errno non-zero) that
 * `syscall` reported; returns it. For the cases where Linux and Windows
 * report different errors and a test only claims "the OS's error".
 */
export function assertOsError(fn: () => unknown, syscall: string): IoError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof IoError, `expected an IoError from ${syscall}, got ${String(caught)}`);
  assert.ok(caught.errno > 0, `expected an OS error number, got ${caught.errno}: ${caught.message}`);
  assert.equal(caught.syscall, syscall, caught.message);
  return caught;
}

/**
 * The error number this OS gives the error `code` names, as `IoError.errno`
 * carries it: Linux's errno, or on Windows the Winsock error (`WSAE...`)
 * with that code. Throws for a code the table of this OS does not have.
 */
export function errnoOf(code: string): number {
  const found = ON_WINDOWS
    ? Object.entries(WINDOWS_ERRORS).find(([, [name, c]]) => c === code && name.startsWith("WSA"))
    : Object.entries(UNIX.errno).find(([, [c]]) => c === code);
  if (found === undefined) throw new RangeError(`no error number for ${code} on ${process.platform}`);
  return Number(found[0]);
}

/** mio's `checked_write!`: asserts a write returned the full length of `data`. */
export function checkedWrite(n: number | null, data: Uint8Array): void {
  assert.notEqual(n, null, "unable to write to socket: WouldBlock");
  assert.equal(n, data.byteLength, "short write");
}

/** mio's `expect_read!`: asserts a read of `n` bytes into `buf` gave exactly `expected`. */
export function expectRead(n: number | null, buf: Uint8Array, expected: Uint8Array): void {
  assert.notEqual(n, null, "unable to read from socket: WouldBlock");
  assert.equal(n, expected.byteLength, "read length");
  // Compared as plain Uint8Arrays, so a Node Buffer matches too.
  assert.deepEqual(Uint8Array.from(buf.subarray(0, n as number)), Uint8Array.from(expected));
}

/**
 * Writes all of `data` to `stream`, waiting (in an idle Poll) whenever the
 * write would block (Rust's `write_all`).
 */
export function writeAll(stream: TcpStream, data: Uint8Array): void {
  let done = 0;
  while (done < data.byteLength) {
    const n = waitUntil(() => stream.write(data.subarray(done)));
    assert.ok(n > 0, "write returned 0");
    done += n;
  }
}

/** Reads (up to 64 KiB at a time) until WouldBlock or the end of stream; the bytes read. */
export function drain(source: { read(buf: Uint8Array): number | null }): number {
  const buf = new Uint8Array(65536);
  let total = 0;
  for (;;) {
    const n = source.read(buf);
    if (n === null || n === 0) return total;
    total += n;
  }
}

/** Bytes of `text`. */
export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** An ASCII string of `buf`. */
export function text(buf: Uint8Array): string {
  return new TextDecoder().decode(buf);
}

/** Closes each of `closeables` (nulls skipped), even if one throws; rethrows the first error. */
export function closeAll(...closeables: ({ close(): void } | null | undefined)[]): void {
  let first: unknown = null;
  for (const c of closeables) {
    try {
      c?.close();
    } catch (e) {
      first ??= e;
    }
  }
  if (first !== null) throw first;
}
