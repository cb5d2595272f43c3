/**
 * Pipe operations on Unix descriptors: `pipe2(O_NONBLOCK | O_CLOEXEC)` (or
 * `pipe` and `fcntl` where there is no `pipe2`: `openPipe`), `read(2)` and
 * `write(2)`. A write to a pipe whose readers are gone fails
 * with `EPIPE` (`BrokenPipe`) and also raises SIGPIPE, which Deno, Bun and
 * Node ignore (there is no `MSG_NOSIGNAL` for pipes).
 *
 * @module
 */
import { errno, fcntlInt, INTERRUPTED, ioResult, libc, MAX_IO, openPipe } from "./libc.ts";
import { C, osError } from "./unix_os.ts";
import type { NamedPipeOps, PipeOps } from "../contract.ts";
import { IoError } from "../error.ts";

/** Pipe operations. */
export function unixPipeOps(): PipeOps {
  const fds = new Int32Array(2);

  return {
    pipe(): [number, number] {
      openPipe(fds);
      return [fds[0]!, fds[1]!];
    },

    read(fd: number, buf: Uint8Array, len: number): number {
      const count = Math.min(len, MAX_IO);
      let n;
      do n = ioResult(libc.read(fd, buf, count), "read"); while (n === INTERRUPTED);
      return n;
    },

    write(fd: number, buf: Uint8Array, len: number): number {
      const count = Math.min(len, MAX_IO);
      let n;
      do n = ioResult(libc.write(fd, buf, count), "write"); while (n === INTERRUPTED);
      return n;
    },

    setNonblocking(fd: number, on: boolean): void {
      const fl = fcntlInt(fd, C.F_GETFL, 0);
      if (fl < 0) throw osError(errno(), "fcntl", "F_GETFL");
      const next = on ? fl | C.O_NONBLOCK : fl & ~C.O_NONBLOCK;
      if (next !== fl && fcntlInt(fd, C.F_SETFL, next) < 0) throw osError(errno(), "fcntl", "F_SETFL");
    },

    close(fd: number): void {
      libc.close(fd);
    },
  };
}

/** The error of every named-pipe operation where there are none. */
function noNamedPipes(): never {
  throw new IoError("Unsupported", "named pipes (NamedPipe) exist only on Windows", { code: "EOPNOTSUPP" });
}

/** Named-pipe operations on Unix, which has no Windows named pipes: each throws `Unsupported`. */
export const unsupportedNamedPipeOps: NamedPipeOps = {
  create: noNamedPipes,
  open: noNamedPipes,
  fromHandle: noNamedPipes,
};
