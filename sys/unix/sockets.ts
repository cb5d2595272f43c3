/**
 * IP sockets on Unix (TCP and UDP) and the `sockaddr_in`/`sockaddr_in6` codec.
 *
 * Encodes and decodes `sockaddr_in`/`sockaddr_in6` of this OS's layout
 * (Linux: a 2-byte family; the BSDs and Apple: a length byte, then a
 * 1-byte family; port and address in network order).
 *
 * Socket operations on Unix descriptors, as mio makes them on this OS
 * (`unix_os.ts`): `SOCK_NONBLOCK | SOCK_CLOEXEC` at creation and `accept4`
 * where the OS has them, else `fcntl` after `socket` and `accept` (Apple);
 * `SO_NOSIGPIPE` on Apple's sockets, `MSG_NOSIGNAL` on every send elsewhere.
 *
 * UDP socket operations on Unix descriptors, made the same way. Datagrams
 * longer than the buffer are truncated, as the OS does; the length returned
 * is the truncated one.
 *
 * @module
 */
import {
  type Accepted,
  formatEndpoint,
  type IpEndpoint,
  type SenderSlot,
  type ShutdownHow,
  type SocketOps,
  type TcpBindOptions,
  type UdpOps,
  type UdpOption,
  udpOptionTable,
  WOULD_BLOCK,
} from "../contract.ts";
import { errno, INTERRUPTED, ioResult, libc, MAX_IO, prepareSocket, SOCKET_FLAGS } from "./libc.ts";
import { C, osError, UNIX } from "./unix_os.ts";
import type { Field, SocketLayouts } from "../layout.ts";

/**
 * Writes the family (2 bytes on Linux; 1 byte after the length byte on the
 * BSDs, whose length byte gets `size`).
 */
function putFamily(view: DataView, family: Field, len: Field | undefined, value: number, size: number): void {
  if (family.size === 1) view.setUint8(family.offset, value);
  else view.setUint16(family.offset, value, true);
  if (len !== undefined) view.setUint8(len.offset, size);
}

/** Reads a family field of 1 or 2 bytes. */
export function getFamily(view: DataView, family: Field): number {
  return family.size === 1 ? view.getUint8(family.offset) : view.getUint16(family.offset, true);
}

/** Encoder/decoder of IP socket addresses for one set of layouts. */
export class SockaddrCodec {
  readonly #in4;
  readonly #in6;
  /** Room for any socket address (`sockaddr_storage`). */
  readonly storageSize: number;
  readonly #family: Field;

  /** Uses the `sockaddr_in`/`sockaddr_in6`/`sockaddr_storage` layouts given. */
  constructor(layouts: SocketLayouts) {
    this.#in4 = layouts.sockaddr_in;
    this.#in6 = layouts.sockaddr_in6;
    this.storageSize = layouts.sockaddr_storage.size;
    this.#family = layouts.sockaddr_storage.fields.family;
  }

  /** Writes `addr` into `buf` (at least `storageSize` bytes); returns its length. */
  encode(addr: IpEndpoint, buf: Uint8Array): number {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    buf.fill(0);
    if (!addr.v6) {
      const f = this.#in4.fields;
      putFamily(view, f.family, f.len, C.AF_INET, this.#in4.size);
      view.setUint16(f.port.offset, addr.port, false);
      buf.set(addr.octets, f.addr.offset);
      return this.#in4.size;
    }
    const f = this.#in6.fields;
    putFamily(view, f.family, f.len, C.AF_INET6, this.#in6.size);
    view.setUint16(f.port.offset, addr.port, false);
    view.setUint32(f.flowinfo.offset, addr.flowinfo, false);
    buf.set(addr.octets, f.addr.offset);
    view.setUint32(f.scopeId.offset, addr.scopeId, true);
    return this.#in6.size;
  }

  /** Reads the IP address the OS wrote into `buf`; `null` for other families. */
  decode(buf: Uint8Array): IpEndpoint | null {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const family = getFamily(view, this.#family);
    if (family === C.AF_INET) {
      const f = this.#in4.fields;
      return {
        v6: false,
        octets: buf.slice(f.addr.offset, f.addr.offset + 4),
        port: view.getUint16(f.port.offset, false),
        flowinfo: 0,
        scopeId: 0,
      };
    }
    if (family === C.AF_INET6) {
      const f = this.#in6.fields;
      return {
        v6: true,
        octets: buf.slice(f.addr.offset, f.addr.offset + 16),
        port: view.getUint16(f.port.offset, false),
        flowinfo: view.getUint32(f.flowinfo.offset, false),
        scopeId: view.getUint32(f.scopeId.offset, true),
      };
    }
    return null;
  }
}

/**
 * A new socket of `domain` and `type`, non-blocking and close-on-exec,
 * prepared as mio prepares one on this OS (`prepareSocket`).
 *
 * @throws {IoError} from `socket`, `fcntl` or `setsockopt`.
 */
export function openSocket(domain: number, type: number): number {
  const fd = libc.socket(domain, type | SOCKET_FLAGS, 0);
  if (fd < 0) throw osError(errno(), "socket");
  prepareSocket(fd);
  return fd;
}

/** The accepting call's name, for errors: `accept4`, or `accept` where the OS has none. */
export const ACCEPT = UNIX.atomicFlags ? "accept4" : "accept";

/**
 * Accepts a connection on `fd` into `addr`/`addrLen` (its peer): with
 * `accept4(SOCK_NONBLOCK | SOCK_CLOEXEC)`, or `accept` then
 * `prepareSocket` where the OS has no `accept4` (Apple, where the accepted
 * socket inherits `O_NONBLOCK` and `SO_NOSIGPIPE` but the flags are set
 * anyway, as mio sets `FD_CLOEXEC`). Returns the descriptor or
 * `WOULD_BLOCK`.
 *
 * @throws {IoError} from the calls.
 */
export function acceptSocket(fd: number, addr: Uint8Array, addrLen: Uint32Array): number {
  let n;
  do {
    addrLen[0] = addr.length;
    n = UNIX.atomicFlags
      ? ioResult(libc.accept4(fd, addr, addrLen, SOCKET_FLAGS), "accept4")
      : ioResult(libc.accept(fd, addr, addrLen), "accept");
  } while (n === INTERRUPTED);
  if (n !== WOULD_BLOCK && !UNIX.atomicFlags) prepareSocket(n);
  return n;
}

/** mio's listen backlog. */
const BACKLOG = 1024;

const SHUTDOWN: Record<ShutdownHow, number> = {
  read: C.SHUT_RD,
  write: C.SHUT_WR,
  both: C.SHUT_RDWR,
};

/** TCP operations, and the stream calls every socket uses (IP addresses through `codec`). */
export function ipSocketOps(codec: SockaddrCodec): SocketOps {
  const addrBuf = new Uint8Array(codec.storageSize);
  const addrLen = new Uint32Array(1);
  const acceptBuf = new Uint8Array(codec.storageSize);
  const acceptLen = new Uint32Array(1);
  const intOpt = new Int32Array(1);
  const intOptLen = new Uint32Array(1);
  const intOptBytes = new Uint8Array(intOpt.buffer);
  const sendFlags = UNIX.sendFlags;

  function newSocket(addr: IpEndpoint, type: number): number {
    return openSocket(addr.v6 ? C.AF_INET6 : C.AF_INET, type);
  }

  function setInt(fd: number, level: number, name: number, value: number, what: string): void {
    intOpt[0] = value;
    if (libc.setsockopt(fd, level, name, intOptBytes, 4) < 0) throw osError(errno(), "setsockopt", what);
  }

  function getInt(fd: number, level: number, name: number, what: string): number {
    intOptLen[0] = 4;
    if (libc.getsockopt(fd, level, name, intOptBytes, intOptLen) < 0) {
      throw osError(errno(), "getsockopt", what);
    }
    return intOpt[0]!;
  }

  /** Runs `step` on a fresh descriptor; closes it if a later step throws. */
  function closeOnThrow(fd: number, step: () => void): number {
    try {
      step();
      return fd;
    } catch (e) {
      libc.close(fd);
      throw e;
    }
  }

  function name(fd: number, call: "getsockname" | "getpeername"): IpEndpoint {
    addrLen[0] = addrBuf.length;
    if (libc[call](fd, addrBuf, addrLen) < 0) throw osError(errno(), call);
    const addr = codec.decode(addrBuf);
    if (addr === null) throw osError(C.EAFNOSUPPORT, call);
    return addr;
  }

  return {
    tcpListen(addr: IpEndpoint, options: TcpBindOptions): number {
      const fd = newSocket(addr, C.SOCK_STREAM);
      return closeOnThrow(fd, () => {
        setInt(fd, C.SOL_SOCKET, C.SO_REUSEADDR, 1, "SO_REUSEADDR");
        if (options.reusePort) setInt(fd, C.SOL_SOCKET, C.SO_REUSEPORT, 1, "SO_REUSEPORT");
        const len = codec.encode(addr, addrBuf);
        if (libc.bind(fd, addrBuf, len) < 0) throw osError(errno(), "bind", formatEndpoint(addr));
        if (libc.listen(fd, BACKLOG) < 0) throw osError(errno(), "listen", formatEndpoint(addr));
      });
    },

    tcpConnect(addr: IpEndpoint): number {
      const fd = newSocket(addr, C.SOCK_STREAM);
      return closeOnThrow(fd, () => {
        const len = codec.encode(addr, addrBuf);
        while (libc.connect(fd, addrBuf, len) < 0) {
          const e = errno();
          if (e === C.EINPROGRESS) return;
          if (e !== C.EINTR) throw osError(e, "connect", formatEndpoint(addr));
        }
      });
    },

    accept(fd: number): Accepted<IpEndpoint> | null {
      const n = acceptSocket(fd, acceptBuf, acceptLen);
      if (n === WOULD_BLOCK) return null;
      const peer = codec.decode(acceptBuf);
      if (peer === null) {
        libc.close(n);
        throw osError(C.EAFNOSUPPORT, ACCEPT);
      }
      return { fd: n, peer };
    },

    localAddr: (fd) => name(fd, "getsockname"),
    peerAddr: (fd) => name(fd, "getpeername"),

    read(fd: number, buf: Uint8Array, len: number): number {
      const count = Math.min(len, MAX_IO);
      let n;
      do n = ioResult(libc.read(fd, buf, count), "read"); while (n === INTERRUPTED);
      return n;
    },

    peek(fd: number, buf: Uint8Array, len: number): number {
      const count = Math.min(len, MAX_IO);
      let n;
      do n = ioResult(libc.recv(fd, buf, count, C.MSG_PEEK), "recv"); while (n === INTERRUPTED);
      return n;
    },

    write(fd: number, buf: Uint8Array, len: number): number {
      const count = Math.min(len, MAX_IO);
      let n;
      do n = ioResult(libc.send(fd, buf, count, sendFlags), "send"); while (n === INTERRUPTED);
      return n;
    },

    shutdown(fd: number, how: ShutdownHow): void {
      if (libc.shutdown(fd, SHUTDOWN[how]) < 0) throw osError(errno(), "shutdown");
    },

    takeErrno: (fd) => getInt(fd, C.SOL_SOCKET, C.SO_ERROR, "SO_ERROR"),
    setNodelay: (fd, on) => setInt(fd, C.IPPROTO_TCP, C.TCP_NODELAY, on ? 1 : 0, "TCP_NODELAY"),
    nodelay: (fd) => getInt(fd, C.IPPROTO_TCP, C.TCP_NODELAY, "TCP_NODELAY") !== 0,
    setTtl: (fd, ttl) => setInt(fd, C.IPPROTO_IP, C.IP_TTL, ttl, "IP_TTL"),
    ttl: (fd) => getInt(fd, C.IPPROTO_IP, C.IP_TTL, "IP_TTL"),

    close(fd: number): void {
      libc.close(fd);
    },
  };
}

/** Each option's level, name, and C name for error messages. */
const OPTIONS = udpOptionTable(C);

/** UDP operations, with the struct layouts and address codec of this OS and architecture. */
export function ipUdpOps(layouts: SocketLayouts, codec: SockaddrCodec): UdpOps {
  const sendFlags = UNIX.sendFlags;
  // Scratch storage, allocated once: the hot calls pass these straight to the OS.
  const addrBuf = new Uint8Array(codec.storageSize);
  const fromBuf = new Uint8Array(codec.storageSize);
  const fromLen = new Uint32Array(1);
  const toBuf = new Uint8Array(codec.storageSize);
  let toAddr: IpEndpoint | null = null; // the endpoint `toBuf` holds, encoded
  let toLen = 0;
  const intOpt = new Int32Array(1);
  const intOptLen = new Uint32Array(1);
  const intOptBytes = new Uint8Array(intOpt.buffer);
  const mreq4 = new Uint8Array(layouts.ip_mreq.size);
  const mreq6 = new Uint8Array(layouts.ipv6_mreq.size);
  const mreq6View = new DataView(mreq6.buffer);

  /** The length of `addr` encoded in `toBuf`, encoding it only when it changed. */
  function decodeSender(bytes: Uint8Array): IpEndpoint {
    const addr = codec.decode(bytes);
    if (addr === null) throw osError(C.EAFNOSUPPORT, "recvfrom");
    return addr;
  }

  function target(addr: IpEndpoint): number {
    if (addr !== toAddr) {
      toLen = codec.encode(addr, toBuf);
      toAddr = addr;
    }
    return toLen;
  }

  function setsockopt(fd: number, level: number, name: number, value: Uint8Array, what: string): void {
    if (libc.setsockopt(fd, level, name, value, value.byteLength) < 0) {
      throw osError(errno(), "setsockopt", what);
    }
  }

  return {
    bind(addr: IpEndpoint): number {
      const fd = openSocket(addr.v6 ? C.AF_INET6 : C.AF_INET, C.SOCK_DGRAM);
      const len = codec.encode(addr, addrBuf);
      if (libc.bind(fd, addrBuf, len) < 0) {
        const e = errno();
        libc.close(fd);
        throw osError(e, "bind", formatEndpoint(addr));
      }
      return fd;
    },

    connect(fd: number, addr: IpEndpoint): void {
      const len = codec.encode(addr, addrBuf);
      while (libc.connect(fd, addrBuf, len) < 0) {
        const e = errno();
        if (e !== C.EINTR) throw osError(e, "connect", formatEndpoint(addr));
      }
    },

    sendTo(fd: number, buf: Uint8Array, len: number, addr: IpEndpoint): number {
      const addrLen = target(addr);
      const count = Math.min(len, MAX_IO);
      let n;
      do {
        n = ioResult(libc.sendto(fd, buf, count, sendFlags, toBuf, addrLen), "sendto");
      } while (n === INTERRUPTED);
      return n;
    },

    recvFrom<T>(
      fd: number,
      buf: Uint8Array,
      len: number,
      peek: boolean,
      sender: SenderSlot<IpEndpoint, T>,
    ): number {
      const count = Math.min(len, MAX_IO);
      const flags = peek ? C.MSG_PEEK : 0;
      let n;
      do {
        fromLen[0] = fromBuf.byteLength;
        n = ioResult(libc.recvfrom(fd, buf, count, flags, fromBuf, fromLen), "recvfrom");
      } while (n === INTERRUPTED);
      if (n !== WOULD_BLOCK) sender.update(fromBuf, fromLen[0], decodeSender);
      return n;
    },

    send(fd: number, buf: Uint8Array, len: number): number {
      const count = Math.min(len, MAX_IO);
      let n;
      do n = ioResult(libc.send(fd, buf, count, sendFlags), "send"); while (n === INTERRUPTED);
      return n;
    },

    recv(fd: number, buf: Uint8Array, len: number, peek: boolean): number {
      const count = Math.min(len, MAX_IO);
      const flags = peek ? C.MSG_PEEK : 0;
      let n;
      do n = ioResult(libc.recv(fd, buf, count, flags), "recv"); while (n === INTERRUPTED);
      return n;
    },

    setOption(fd: number, option: UdpOption, value: number): void {
      const [level, name, what] = OPTIONS[option];
      intOpt[0] = value;
      setsockopt(fd, level, name, intOptBytes, what);
    },

    option(fd: number, option: UdpOption): number {
      const [level, name, what] = OPTIONS[option];
      intOptLen[0] = 4;
      if (libc.getsockopt(fd, level, name, intOptBytes, intOptLen) < 0) {
        throw osError(errno(), "getsockopt", what);
      }
      return intOpt[0]!;
    },

    membershipV4(fd: number, join: boolean, group: Uint8Array, iface: Uint8Array): void {
      const f = layouts.ip_mreq.fields;
      mreq4.set(group, f.multiaddr.offset);
      mreq4.set(iface, f.iface.offset);
      const name = join ? C.IP_ADD_MEMBERSHIP : C.IP_DROP_MEMBERSHIP;
      setsockopt(fd, C.IPPROTO_IP, name, mreq4, join ? "IP_ADD_MEMBERSHIP" : "IP_DROP_MEMBERSHIP");
    },

    membershipV6(fd: number, join: boolean, group: Uint8Array, ifIndex: number): void {
      const f = layouts.ipv6_mreq.fields;
      mreq6.set(group, f.multiaddr.offset);
      mreq6View.setUint32(f.ifindex.offset, ifIndex, true);
      const name = join ? C.IPV6_ADD_MEMBERSHIP : C.IPV6_DROP_MEMBERSHIP;
      setsockopt(fd, C.IPPROTO_IPV6, name, mreq6, join ? "IPV6_ADD_MEMBERSHIP" : "IPV6_DROP_MEMBERSHIP");
    },
  };
}
