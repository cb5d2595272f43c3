/**
 * Socket operations on Unix descriptors (Linux flags: `SOCK_NONBLOCK |
 * SOCK_CLOEXEC` at creation, `accept4`, `MSG_NOSIGNAL` on every send).
 *
 * @module
 */
import { errno, libc, MAX_IO } from "./libc.ts";
import { LINUX as C } from "./constants_linux.ts";
import { osError } from "./errno_linux.ts";
import { INTERRUPTED, ioResult } from "./io_result.ts";
import { describeEndpoint, type SockaddrCodec } from "./sockaddr.ts";
import {
  type Accepted,
  type IpEndpoint,
  type ShutdownHow,
  type SocketOps,
  type TcpBindOptions,
  WOULD_BLOCK,
} from "../contract.ts";

/** mio's listen backlog. */
const BACKLOG = 1024;

const SHUTDOWN: Record<ShutdownHow, number> = {
  read: C.SHUT_RD,
  write: C.SHUT_WR,
  both: C.SHUT_RDWR,
};

/** Socket operations for Linux. */
export function unixSocketOps(codec: SockaddrCodec): SocketOps {
  const addrBuf = new Uint8Array(codec.storageSize);
  const addrLen = new Uint32Array(1);
  const acceptBuf = new Uint8Array(codec.storageSize);
  const acceptLen = new Uint32Array(1);
  const intOpt = new Int32Array(1);
  const intOptLen = new Uint32Array(1);
  const intOptBytes = new Uint8Array(intOpt.buffer);
  const flags = C.SOCK_NONBLOCK | C.SOCK_CLOEXEC;

  function newSocket(addr: IpEndpoint, type: number): number {
    const fd = libc.socket(addr.v6 ? C.AF_INET6 : C.AF_INET, type | flags, 0);
    if (fd < 0) throw osError(errno(), "socket");
    return fd;
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
    return intOpt[0];
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
        if (libc.bind(fd, addrBuf, len) < 0) throw osError(errno(), "bind", describeEndpoint(addr));
        if (libc.listen(fd, BACKLOG) < 0) throw osError(errno(), "listen", describeEndpoint(addr));
      });
    },

    tcpConnect(addr: IpEndpoint): number {
      const fd = newSocket(addr, C.SOCK_STREAM);
      return closeOnThrow(fd, () => {
        const len = codec.encode(addr, addrBuf);
        while (libc.connect(fd, addrBuf, len) < 0) {
          const e = errno();
          if (e === C.EINPROGRESS) return;
          if (e !== C.EINTR) throw osError(e, "connect", describeEndpoint(addr));
        }
      });
    },

    accept(fd: number): Accepted<IpEndpoint> | null {
      let n;
      do {
        acceptLen[0] = acceptBuf.length;
        n = ioResult(libc.accept4(fd, acceptBuf, acceptLen, flags), "accept4");
      } while (n === INTERRUPTED);
      if (n === WOULD_BLOCK) return null;
      const peer = codec.decode(acceptBuf);
      if (peer === null) {
        libc.close(n);
        throw osError(C.EAFNOSUPPORT, "accept4");
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
      do n = ioResult(libc.send(fd, buf, count, C.MSG_NOSIGNAL), "send"); while (n === INTERRUPTED);
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
