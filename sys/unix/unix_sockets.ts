/**
 * Unix-domain sockets and the `sockaddr_un` codec.
 *
 * Encodes and decodes `struct sockaddr_un`, as Rust's std and mio do: a
 * pathname is NUL-terminated and counted with its NUL; an abstract name
 * (Linux) starts with a NUL and is counted without a terminator; an unnamed
 * address is just the family. Decoding goes by the length the kernel
 * returned.
 *
 * Unix-domain socket operations (Linux flags: `SOCK_NONBLOCK |
 * SOCK_CLOEXEC` at creation, `accept4`, `MSG_NOSIGNAL` on every send).
 * Every address is encoded, and checked against `sun_path`, before the
 * first syscall.
 *
 * @module
 */
import type { Struct } from "../layout.ts";
import {
  type Accepted,
  type SenderSlot,
  type UnixEndpoint,
  type UnixSocketOps,
  type UnixSocketType,
  WOULD_BLOCK,
} from "../contract.ts";
import { invalidInput } from "../error.ts";
import { errno, INTERRUPTED, ioResult, libc, MAX_IO } from "./libc.ts";
import { LINUX as C, osError } from "./tables_linux.ts";

const UNNAMED: UnixEndpoint = Object.freeze({ path: null, abstract: null });

/** Encoder/decoder of Unix socket addresses for one `sockaddr_un` layout. */
export class SockaddrUnCodec {
  /** `sizeof(struct sockaddr_un)`: room for any Unix address. */
  readonly size: number;
  readonly #familyOffset: number;
  readonly #pathOffset: number;
  readonly #pathSize: number;

  /** Uses the `sockaddr_un` layout given. */
  constructor(layout: Struct) {
    this.size = layout.size;
    this.#familyOffset = layout.fields.family.offset;
    this.#pathOffset = layout.fields.path.offset;
    this.#pathSize = layout.fields.path.size;
  }

  /** Throws `IoError` `InvalidInput` unless `addr` fits `sun_path` (with its NUL). */
  check(addr: UnixEndpoint): void {
    const max = this.#pathSize - 1;
    if (addr.path !== null && addr.path.byteLength > max) {
      throw invalidInput(
        `path must be shorter than SUN_LEN: ${addr.path.byteLength} bytes, at most ${max} fit in sun_path`,
      );
    }
    if (addr.abstract !== null && addr.abstract.byteLength > max) {
      throw invalidInput(
        `abstract socket name must be shorter than SUN_LEN: ${addr.abstract.byteLength} bytes, ` +
          `at most ${max} fit in sun_path after the leading NUL`,
      );
    }
  }

  /** Writes `addr` into `buf` (at least `size` bytes); returns the address length to pass. */
  encode(addr: UnixEndpoint, buf: Uint8Array): number {
    this.check(addr);
    buf.fill(0, 0, this.size);
    buf[this.#familyOffset] = C.AF_UNIX & 0xff;
    buf[this.#familyOffset + 1] = C.AF_UNIX >> 8;
    if (addr.path !== null) {
      buf.set(addr.path, this.#pathOffset);
      return this.#pathOffset + addr.path.byteLength + 1;
    }
    if (addr.abstract !== null) {
      buf.set(addr.abstract, this.#pathOffset + 1);
      return this.#pathOffset + 1 + addr.abstract.byteLength;
    }
    return this.#pathOffset;
  }

  /** The family the OS wrote into `buf`. */
  family(buf: Uint8Array): number {
    return buf[this.#familyOffset] | (buf[this.#familyOffset + 1] << 8);
  }

  /**
   * Reads the address of `len` bytes the OS wrote into `buf`: unnamed when
   * no path bytes, abstract when `sun_path` starts with NUL, else a pathname
   * up to its first NUL.
   */
  decode(buf: Uint8Array, len: number): UnixEndpoint {
    const end = Math.min(len, this.size);
    if (end <= this.#pathOffset) return UNNAMED;
    const start = this.#pathOffset;
    if (buf[start] === 0) return { path: null, abstract: buf.slice(start + 1, end) };
    const nul = buf.subarray(start, end).indexOf(0);
    return { path: buf.slice(start, nul < 0 ? end : start + nul), abstract: null };
  }
}

/** mio's listen backlog for Unix listeners on Linux: -1, which the kernel reads as `somaxconn`. */
const BACKLOG = -1;

const TYPES: Record<UnixSocketType, number> = { stream: C.SOCK_STREAM, datagram: C.SOCK_DGRAM };

const decoder = new TextDecoder();

/** Formats an address for error messages: the path, `@name` for an abstract name, or `(unnamed)`. */
function describe(addr: UnixEndpoint): string {
  if (addr.path !== null) return decoder.decode(addr.path);
  if (addr.abstract !== null) return `@${decoder.decode(addr.abstract)}`;
  return "(unnamed)";
}

/** Unix-domain socket operations for Linux, using the `sockaddr_un` codec given. */
export function unixDomainSocketOps(codec: SockaddrUnCodec): UnixSocketOps {
  const addrBuf = new Uint8Array(codec.size);
  const addrLen = new Uint32Array(1);
  const acceptBuf = new Uint8Array(codec.size);
  const acceptLen = new Uint32Array(1);
  const fromBuf = new Uint8Array(codec.size);
  const fromLen = new Uint32Array(1);
  const sendBuf = new Uint8Array(codec.size);
  const pairFds = new Int32Array(2);
  const flags = C.SOCK_NONBLOCK | C.SOCK_CLOEXEC;

  function newSocket(type: number): number {
    const fd = libc.socket(C.AF_UNIX, type | flags, 0);
    if (fd < 0) throw osError(errno(), "socket");
    return fd;
  }

  /** Runs `step` on a fresh descriptor; closes it if `step` throws. */
  function closeOnThrow(fd: number, step: () => void): number {
    try {
      step();
      return fd;
    } catch (e) {
      libc.close(fd);
      throw e;
    }
  }

  /** Decodes what a call wrote into `buf`/`len`, refusing other families. */
  function decode(buf: Uint8Array, len: number, call: string): UnixEndpoint {
    if (len >= 2 && codec.family(buf) !== C.AF_UNIX) throw osError(C.EAFNOSUPPORT, call);
    return codec.decode(buf, len);
  }
  function decodeSender(bytes: Uint8Array, len: number): UnixEndpoint {
    return decode(bytes, len, "recvfrom");
  }

  function name(fd: number, call: "getsockname" | "getpeername"): UnixEndpoint {
    addrLen[0] = addrBuf.length;
    if (libc[call](fd, addrBuf, addrLen) < 0) throw osError(errno(), call);
    return decode(addrBuf, addrLen[0], call);
  }

  /** `connect(2)` to the address already encoded in `addrBuf`; EINPROGRESS counts as started. */
  function connectEncoded(fd: number, len: number, addr: UnixEndpoint): void {
    while (libc.connect(fd, addrBuf, len) < 0) {
      const e = errno();
      if (e === C.EINPROGRESS) return;
      if (e !== C.EINTR) throw osError(e, "connect", describe(addr));
    }
  }

  return {
    check: (addr) => codec.check(addr),

    listen(addr: UnixEndpoint): number {
      const len = codec.encode(addr, addrBuf);
      const fd = newSocket(C.SOCK_STREAM);
      return closeOnThrow(fd, () => {
        if (libc.bind(fd, addrBuf, len) < 0) throw osError(errno(), "bind", describe(addr));
        if (libc.listen(fd, BACKLOG) < 0) throw osError(errno(), "listen", describe(addr));
      });
    },

    connect(addr: UnixEndpoint): number {
      const len = codec.encode(addr, addrBuf);
      const fd = newSocket(C.SOCK_STREAM);
      return closeOnThrow(fd, () => connectEncoded(fd, len, addr));
    },

    datagram(addr: UnixEndpoint | null): number {
      const len = addr === null ? 0 : codec.encode(addr, addrBuf);
      const fd = newSocket(C.SOCK_DGRAM);
      if (addr === null) return fd;
      return closeOnThrow(fd, () => {
        if (libc.bind(fd, addrBuf, len) < 0) throw osError(errno(), "bind", describe(addr));
      });
    },

    pair(type: UnixSocketType): [number, number] {
      if (libc.socketpair(C.AF_UNIX, TYPES[type] | flags, 0, pairFds) < 0) {
        throw osError(errno(), "socketpair");
      }
      return [pairFds[0], pairFds[1]];
    },

    accept(fd: number): Accepted<UnixEndpoint> | null {
      let n;
      do {
        acceptLen[0] = acceptBuf.length;
        n = ioResult(libc.accept4(fd, acceptBuf, acceptLen, flags), "accept4");
      } while (n === INTERRUPTED);
      if (n === WOULD_BLOCK) return null;
      try {
        return { fd: n, peer: decode(acceptBuf, acceptLen[0], "accept4") };
      } catch (e) {
        libc.close(n);
        throw e;
      }
    },

    connectDatagram(fd: number, addr: UnixEndpoint): void {
      connectEncoded(fd, codec.encode(addr, addrBuf), addr);
    },

    sendTo(fd: number, buf: Uint8Array, len: number, addr: UnixEndpoint): number {
      const alen = codec.encode(addr, sendBuf);
      const count = Math.min(len, MAX_IO);
      let n;
      do {
        n = ioResult(libc.sendto(fd, buf, count, C.MSG_NOSIGNAL, sendBuf, alen), "sendto");
      } while (n === INTERRUPTED);
      return n;
    },

    recvFrom<T>(fd: number, buf: Uint8Array, len: number, sender: SenderSlot<UnixEndpoint, T>): number {
      const count = Math.min(len, MAX_IO);
      let n;
      do {
        fromLen[0] = fromBuf.length;
        n = ioResult(libc.recvfrom(fd, buf, count, 0, fromBuf, fromLen), "recvfrom");
      } while (n === INTERRUPTED);
      if (n !== WOULD_BLOCK) sender.update(fromBuf, fromLen[0], decodeSender);
      return n;
    },
    localAddr: (fd) => name(fd, "getsockname"),
    peerAddr: (fd) => name(fd, "getpeername"),
  };
}
