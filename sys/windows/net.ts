/**
 * TCP socket operations on Winsock SOCKETs: created overlapped and not
 * inheritable (`WSASocketW`), made non-blocking with `FIONBIO` (accepted
 * sockets inherit it), polled by the IOCP selector through AFD. Windows
 * raises no SIGPIPE. Listeners set neither `SO_REUSEADDR` (on Windows it
 * allows taking over a port in use) nor `SO_EXCLUSIVEADDRUSE`, as mio and
 * Rust std do.
 *
 * @module
 */
import { IoError } from "../error.ts";
import {
  type Accepted,
  formatEndpoint,
  type IpEndpoint,
  type ShutdownHow,
  type SocketOps,
  type TcpBindOptions,
  WOULD_BLOCK,
} from "../contract.ts";
import { osError } from "./errno_windows.ts";
import { decodeSockaddr, encodeSockaddr, SOCKADDR_STORAGE_SIZE } from "./sockaddr.ts";
import {
  HANDLE_FLAG_INHERIT,
  lastError,
  MAX_IO,
  socketHandleApi,
  ws2,
  WSAEAFNOSUPPORT,
  WSAESHUTDOWN,
  WSAEWOULDBLOCK,
} from "./winsock.ts";
import { WINSOCK as W } from "./winsock_constants.ts";

/** The listen backlog of mio and Rust std. */
const BACKLOG = 128;

const SHUTDOWN: Record<ShutdownHow, number> = { read: W.SD_RECEIVE, write: W.SD_SEND, both: W.SD_BOTH };

/** Scratch for `ioctlsocket(FIONBIO)`: a `u_long` holding 1. */
const nonblockingOn = new Uint32Array([1]);

/**
 * A new non-blocking SOCKET of `type` for `addr`'s family, as mio's
 * `new_ip_socket`: overlapped, not inherited by child processes.
 */
export function newSocket(addr: IpEndpoint, type: number): number {
  const flags = W.WSA_FLAG_OVERLAPPED | W.WSA_FLAG_NO_HANDLE_INHERIT;
  const s = ws2.WSASocketW(addr.v6 ? W.AF_INET6 : W.AF_INET, type, 0, 0, 0, flags);
  if (s === W.INVALID_SOCKET) throw osError(lastError(), "WSASocketW");
  if (ws2.ioctlsocket(s, W.FIONBIO, nonblockingOn) !== 0) {
    const e = lastError();
    ws2.closesocket(s);
    throw osError(e, "ioctlsocket", "FIONBIO");
  }
  return s;
}

/** Runs `step` on a fresh socket; closes it if `step` throws. */
export function closeOnThrow(s: number, step: () => void): number {
  try {
    step();
    return s;
  } catch (e) {
    ws2.closesocket(s);
    throw e;
  }
}

/** The result of `recv` (`n`): a count, 0 at end of stream or after `shutdown("read")`, or `WOULD_BLOCK`. */
function recvResult(n: number): number {
  if (n >= 0) return n;
  const e = lastError();
  if (e === WSAEWOULDBLOCK) return WOULD_BLOCK;
  if (e === WSAESHUTDOWN) return 0; // as Rust std: reading a shut-down direction is end of stream
  throw osError(e, "recv");
}

/** TCP socket operations for Windows. */
export function windowsSocketOps(): SocketOps {
  const addrBuf = new Uint8Array(SOCKADDR_STORAGE_SIZE);
  const addrLen = new Int32Array(1);
  const acceptBuf = new Uint8Array(SOCKADDR_STORAGE_SIZE);
  const acceptLen = new Int32Array(1);
  const intOpt = new Int32Array(1);
  const intOptLen = new Int32Array(1);
  const intOptBytes = new Uint8Array(intOpt.buffer);

  function setInt(s: number, level: number, name: number, value: number, what: string): void {
    intOpt[0] = value;
    if (ws2.setsockopt(s, level, name, intOptBytes, 4) !== 0) throw osError(lastError(), "setsockopt", what);
  }

  function getInt(s: number, level: number, name: number, what: string): number {
    intOpt[0] = 0; // some options (TCP_NODELAY) may write a single byte
    intOptLen[0] = 4;
    if (ws2.getsockopt(s, level, name, intOptBytes, intOptLen) !== 0) {
      throw osError(lastError(), "getsockopt", what);
    }
    return intOpt[0];
  }

  function name(s: number, call: "getsockname" | "getpeername"): IpEndpoint {
    addrLen[0] = addrBuf.length;
    if (ws2[call](s, addrBuf, addrLen) !== 0) throw osError(lastError(), call);
    const addr = decodeSockaddr(addrBuf);
    if (addr === null) throw osError(WSAEAFNOSUPPORT, call);
    return addr;
  }

  return {
    tcpListen(addr: IpEndpoint, options: TcpBindOptions): number {
      if (options.reusePort) {
        throw new IoError("Unsupported", "reusePort: Windows has no SO_REUSEPORT", { code: "EOPNOTSUPP" });
      }
      const s = newSocket(addr, W.SOCK_STREAM);
      return closeOnThrow(s, () => {
        const len = encodeSockaddr(addr, addrBuf);
        if (ws2.bind(s, addrBuf, len) !== 0) throw osError(lastError(), "bind", formatEndpoint(addr));
        if (ws2.listen(s, BACKLOG) !== 0) throw osError(lastError(), "listen", formatEndpoint(addr));
      });
    },

    tcpConnect(addr: IpEndpoint): number {
      const s = newSocket(addr, W.SOCK_STREAM);
      return closeOnThrow(s, () => {
        const len = encodeSockaddr(addr, addrBuf);
        if (ws2.connect(s, addrBuf, len) === 0) return;
        const e = lastError();
        // WSAEWOULDBLOCK: the connect goes on in the background (Unix says EINPROGRESS).
        if (e !== WSAEWOULDBLOCK) throw osError(e, "connect", formatEndpoint(addr));
      });
    },

    accept(s: number): Accepted<IpEndpoint> | null {
      acceptLen[0] = acceptBuf.length;
      const accepted = ws2.accept(s, acceptBuf, acceptLen);
      if (accepted !== W.INVALID_SOCKET) {
        // Non-blocking mode is inherited from the listener; non-inheritability is not (Wine, older Windows).
        if (socketHandleApi.SetHandleInformation(accepted, HANDLE_FLAG_INHERIT, 0) === 0) {
          const e = lastError();
          ws2.closesocket(accepted);
          throw osError(e, "SetHandleInformation");
        }
        const peer = decodeSockaddr(acceptBuf);
        if (peer === null) {
          ws2.closesocket(accepted);
          throw osError(WSAEAFNOSUPPORT, "accept");
        }
        return { fd: accepted, peer };
      }
      const e = lastError();
      if (e === WSAEWOULDBLOCK) return null;
      throw osError(e, "accept");
    },

    localAddr: (s) => name(s, "getsockname"),
    peerAddr: (s) => name(s, "getpeername"),

    read: (s, buf, len) => recvResult(ws2.recv(s, buf, Math.min(len, MAX_IO), 0)),
    peek: (s, buf, len) => recvResult(ws2.recv(s, buf, Math.min(len, MAX_IO), W.MSG_PEEK)),

    write(s: number, buf: Uint8Array, len: number): number {
      const n = ws2.send(s, buf, Math.min(len, MAX_IO), 0);
      if (n >= 0) return n;
      const e = lastError();
      if (e === WSAEWOULDBLOCK) return WOULD_BLOCK;
      throw osError(e, "send");
    },

    shutdown(s: number, how: ShutdownHow): void {
      if (ws2.shutdown(s, SHUTDOWN[how]) !== 0) throw osError(lastError(), "shutdown");
    },

    takeErrno: (s) => getInt(s, W.SOL_SOCKET, W.SO_ERROR, "SO_ERROR"),
    setNodelay: (s, on) => setInt(s, W.IPPROTO_TCP, W.TCP_NODELAY, on ? 1 : 0, "TCP_NODELAY"),
    nodelay: (s) => getInt(s, W.IPPROTO_TCP, W.TCP_NODELAY, "TCP_NODELAY") !== 0,
    setTtl: (s, ttl) => setInt(s, W.IPPROTO_IP, W.IP_TTL, ttl, "IP_TTL"),
    ttl: (s) => getInt(s, W.IPPROTO_IP, W.IP_TTL, "IP_TTL"),

    close(s: number): void {
      ws2.closesocket(s);
    },
  };
}
