/**
 * Unix-domain sockets and the `sockaddr_un` codec.
 *
 * Encodes and decodes `struct sockaddr_un`, as Rust's std and mio do: a
 * pathname is NUL-terminated and counted with its NUL; an abstract name
 * (Linux) starts with a NUL and is counted without a terminator; an unnamed
 * address is just the family. Decoding goes by the length the kernel
 * returned.
 *
 * On the BSDs and Apple, `sockaddr_un` starts with a length byte (set to
 * the address length passed) and a 1-byte family, `sun_path` holds 104
 * bytes, and there are no abstract names (`Unsupported`, as mio has them
 * on Linux and Android only).
 *
 * Unix-domain socket operations, made as `sockets.ts` makes IP sockets on
 * this OS (`SOCK_NONBLOCK | SOCK_CLOEXEC` or `fcntl`, `accept4` or
 * `accept`, `SO_NOSIGPIPE` on Apple, else `MSG_NOSIGNAL` on every send).
 * Every address is encoded, and checked against `sun_path`, before the
 * first syscall.
 *
 * @module
 */
import type { Field, LinuxLayouts } from "../layout.ts";
import {
  type Accepted,
  type SenderSlot,
  type UnixEndpoint,
  type UnixSocketOps,
  type UnixSocketType,
  WOULD_BLOCK,
} from "../contract.ts";
import { invalidInput, IoError } from "../error.ts";
import { errno, INTERRUPTED, ioResult, libc, MAX_IO, prepareSocket, SOCKET_FLAGS } from "./libc.ts";
import { ACCEPT, acceptSocket, getFamily, openSocket } from "./sockets.ts";
import { C, osError, UNIX } from "./unix_os.ts";

const UNNAMED: UnixEndpoint = Object.freeze({ path: null, abstract: null });

/** Encoder/decoder of Unix socket addresses for one `sockaddr_un` layout. */
export class SockaddrUnCodec {
  /** `sizeof(struct sockaddr_un)`: room for any Unix address. */
  readonly size: number;
  readonly #family: Field;
  /** `sun_len`, on the BSDs and Apple. */
  readonly #len: Field | undefined;
  readonly #pathOffset: number;
  readonly #pathSize: number;

  /**
   * Uses the `sockaddr_un` layout given; `abstractNames` says whether the OS
   * has abstract names (Linux, Android).
   */
  constructor(layout: LinuxLayouts["sockaddr_un"], readonly abstractNames: boolean) {
    this.size = layout.size;
    this.#family = layout.fields.family;
    this.#len = Object.hasOwn(layout.fields, "len") ? layout.fields.len : undefined;
    this.#pathOffset = layout.fields.path.offset;
    this.#pathSize = layout.fields.path.size;
  }

  /** Throws `IoError` `InvalidInput` unless `addr` fits `sun_path` (with its NUL). */
  check(addr: UnixEndpoint): void {
    const max = this.#pathSize - 1;
    if (addr.abstract !== null && !this.abstractNames) {
      throw new IoError("Unsupported", "abstract Unix socket names exist only on Linux and Android", {
        code: "EOPNOTSUPP",
      });
    }
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
    const family = this.#family.offset;
    buf[family] = C.AF_UNIX & 0xff;
    if (this.#family.size === 2) buf[family + 1] = C.AF_UNIX >> 8;
    let len = this.#pathOffset;
    if (addr.path !== null) {
      buf.set(addr.path, this.#pathOffset);
      len = this.#pathOffset + addr.path.byteLength + 1;
    } else if (addr.abstract !== null) {
      buf.set(addr.abstract, this.#pathOffset + 1);
      len = this.#pathOffset + 1 + addr.abstract.byteLength;
    }
    if (this.#len !== undefined) buf[this.#len.offset] = len;
    return len;
  }

  /** The family the OS wrote into `buf`. */
  family(buf: Uint8Array): number {
    return getFamily(new DataView(buf.buffer, buf.byteOffset, buf.byteLength), this.#family);
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
    if (buf[start] === 0) {
      // A BSD kernel reports an unnamed socket with a zeroed sun_path; only Linux has abstract names.
      return this.abstractNames ? { path: null, abstract: buf.slice(start + 1, end) } : UNNAMED;
    }
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

/** Unix-domain socket operations, using the `sockaddr_un` codec given. */
export function unixDomainSocketOps(codec: SockaddrUnCodec): UnixSocketOps {
  const addrBuf = new Uint8Array(codec.size);
  const addrLen = new Uint32Array(1);
  const acceptBuf = new Uint8Array(codec.size);
  const acceptLen = new Uint32Array(1);
  const fromBuf = new Uint8Array(codec.size);
  const fromLen = new Uint32Array(1);
  const sendBuf = new Uint8Array(codec.size);
  const pairFds = new Int32Array(2);
  const sendFlags = UNIX.sendFlags;

  function newSocket(type: number): number {
    return openSocket(C.AF_UNIX, type);
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
      if (libc.socketpair(C.AF_UNIX, TYPES[type] | SOCKET_FLAGS, 0, pairFds) < 0) {
        throw osError(errno(), "socketpair");
      }
      const a = pairFds[0]!;
      const b = pairFds[1]!;
      try {
        prepareSocket(a);
      } catch (e) {
        libc.close(b);
        throw e;
      }
      prepareSocket(b); // closes b on failure
      return [a, b];
    },

    accept(fd: number): Accepted<UnixEndpoint> | null {
      const n = acceptSocket(fd, acceptBuf, acceptLen);
      if (n === WOULD_BLOCK) return null;
      try {
        return { fd: n, peer: decode(acceptBuf, acceptLen[0]!, ACCEPT) };
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
        n = ioResult(libc.sendto(fd, buf, count, sendFlags, sendBuf, alen), "sendto");
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
