/**
 * UDP socket operations on Winsock SOCKETs. Each socket has
 * `SIO_UDP_CONNRESET` turned off, so an ICMP port-unreachable answering a
 * datagram does not make the next receive fail with `WSAECONNRESET`. A
 * datagram longer than the buffer is truncated, as on Unix: Winsock fills
 * the buffer and says `WSAEMSGSIZE`, and the length returned is the
 * buffer's.
 *
 * @module
 */
import {
  formatEndpoint,
  type IpEndpoint,
  type SenderSlot,
  type UdpOps,
  type UdpOption,
  udpOptionTable,
  WOULD_BLOCK,
} from "../contract.ts";
import { closeOnThrow, newSocket } from "./net.ts";
import { osError } from "./errno_windows.ts";
import { decodeSockaddr, encodeSockaddr, SOCKADDR_STORAGE_SIZE, WINDOWS_SOCKADDR } from "./sockaddr.ts";
import {
  lastError,
  MAX_IO,
  ws2,
  WSAEAFNOSUPPORT,
  WSAEMSGSIZE,
  WSAESHUTDOWN,
  WSAEWOULDBLOCK,
} from "./winsock.ts";
import { WINSOCK as W } from "./winsock_constants.ts";

/** Each option's level, name, and C name for error messages. */
const OPTIONS = udpOptionTable(W);

/**
 * The result of a receive that returned `n` into a buffer of `len` bytes:
 * the count, `len` for a truncated datagram, 0 after `shutdown`, or
 * `WOULD_BLOCK`.
 */
function receiveResult(n: number, len: number, syscall: string): number {
  if (n >= 0) return n;
  const e = lastError();
  if (e === WSAEWOULDBLOCK) return WOULD_BLOCK;
  if (e === WSAEMSGSIZE) return len;
  if (e === WSAESHUTDOWN) return 0;
  throw osError(e, syscall);
}

/** UDP operations for Windows. */
export function windowsUdpOps(): UdpOps {
  // Scratch storage, allocated once: the hot calls pass these straight to Winsock.
  const addrBuf = new Uint8Array(SOCKADDR_STORAGE_SIZE);
  const fromBuf = new Uint8Array(SOCKADDR_STORAGE_SIZE);
  const fromLen = new Int32Array(1);
  const toBuf = new Uint8Array(SOCKADDR_STORAGE_SIZE);
  let toAddr: IpEndpoint | null = null; // the endpoint `toBuf` holds, encoded
  let toLen = 0;
  const intOpt = new Int32Array(1);
  const intOptLen = new Int32Array(1);
  const intOptBytes = new Uint8Array(intOpt.buffer);
  const connResetOff = new Uint32Array([0]); // BOOL FALSE
  const ioctlOut = new Uint8Array(8);
  const ioctlReturned = new Uint32Array(1);
  const mreq4 = new Uint8Array(WINDOWS_SOCKADDR.ip_mreq.size);
  const mreq6 = new Uint8Array(WINDOWS_SOCKADDR.ipv6_mreq.size);
  const mreq6View = new DataView(mreq6.buffer);

  function decodeSender(bytes: Uint8Array): IpEndpoint {
    const addr = decodeSockaddr(bytes);
    if (addr === null) throw osError(WSAEAFNOSUPPORT, "recvfrom");
    return addr;
  }

  /** The length of `addr` encoded in `toBuf`, encoding it only when it changed. */
  function target(addr: IpEndpoint): number {
    if (addr !== toAddr) {
      toLen = encodeSockaddr(addr, toBuf);
      toAddr = addr;
    }
    return toLen;
  }

  function setsockopt(s: number, level: number, name: number, value: Uint8Array, what: string): void {
    if (ws2.setsockopt(s, level, name, value, value.byteLength) !== 0) {
      throw osError(lastError(), "setsockopt", what);
    }
  }

  function sendResult(n: number, syscall: string): number {
    if (n >= 0) return n;
    const e = lastError();
    if (e === WSAEWOULDBLOCK) return WOULD_BLOCK;
    throw osError(e, syscall);
  }

  return {
    bind(addr: IpEndpoint): number {
      const s = newSocket(addr, W.SOCK_DGRAM);
      return closeOnThrow(s, () => {
        const r = ws2.WSAIoctl(s, W.SIO_UDP_CONNRESET, connResetOff, 4, ioctlOut, 0, ioctlReturned, 0, 0);
        if (r !== 0) throw osError(lastError(), "WSAIoctl", "SIO_UDP_CONNRESET");
        const len = encodeSockaddr(addr, addrBuf);
        if (ws2.bind(s, addrBuf, len) !== 0) throw osError(lastError(), "bind", formatEndpoint(addr));
      });
    },

    connect(s: number, addr: IpEndpoint): void {
      const len = encodeSockaddr(addr, addrBuf);
      if (ws2.connect(s, addrBuf, len) !== 0) throw osError(lastError(), "connect", formatEndpoint(addr));
    },

    sendTo(s: number, buf: Uint8Array, len: number, addr: IpEndpoint): number {
      const addrLen = target(addr);
      return sendResult(ws2.sendto(s, buf, Math.min(len, MAX_IO), 0, toBuf, addrLen), "sendto");
    },

    recvFrom<T>(
      s: number,
      buf: Uint8Array,
      len: number,
      peek: boolean,
      sender: SenderSlot<IpEndpoint, T>,
    ): number {
      const count = Math.min(len, MAX_IO);
      fromLen[0] = fromBuf.byteLength;
      const n = receiveResult(
        ws2.recvfrom(s, buf, count, peek ? W.MSG_PEEK : 0, fromBuf, fromLen),
        count,
        "recvfrom",
      );
      if (n !== WOULD_BLOCK) sender.update(fromBuf, fromLen[0], decodeSender);
      return n;
    },

    send: (s, buf, len) => sendResult(ws2.send(s, buf, Math.min(len, MAX_IO), 0), "send"),

    recv(s: number, buf: Uint8Array, len: number, peek: boolean): number {
      const count = Math.min(len, MAX_IO);
      return receiveResult(ws2.recv(s, buf, count, peek ? W.MSG_PEEK : 0), count, "recv");
    },

    setOption(s: number, option: UdpOption, value: number): void {
      const [level, name, what] = OPTIONS[option];
      intOpt[0] = value;
      setsockopt(s, level, name, intOptBytes, what);
    },

    option(s: number, option: UdpOption): number {
      const [level, name, what] = OPTIONS[option];
      intOpt[0] = 0; // some options write fewer than 4 bytes
      intOptLen[0] = 4;
      if (ws2.getsockopt(s, level, name, intOptBytes, intOptLen) !== 0) {
        throw osError(lastError(), "getsockopt", what);
      }
      return intOpt[0];
    },

    membershipV4(s: number, join: boolean, group: Uint8Array, iface: Uint8Array): void {
      const fm = WINDOWS_SOCKADDR.ip_mreq.fields;
      mreq4.set(group, fm.multiaddr.offset);
      mreq4.set(iface, fm.iface.offset);
      const name = join ? W.IP_ADD_MEMBERSHIP : W.IP_DROP_MEMBERSHIP;
      setsockopt(s, W.IPPROTO_IP, name, mreq4, join ? "IP_ADD_MEMBERSHIP" : "IP_DROP_MEMBERSHIP");
    },

    membershipV6(s: number, join: boolean, group: Uint8Array, ifIndex: number): void {
      const fm = WINDOWS_SOCKADDR.ipv6_mreq.fields;
      mreq6.set(group, fm.multiaddr.offset);
      mreq6View.setUint32(fm.ifindex.offset, ifIndex, true);
      const name = join ? W.IPV6_ADD_MEMBERSHIP : W.IPV6_DROP_MEMBERSHIP;
      setsockopt(s, W.IPPROTO_IPV6, name, mreq6, join ? "IPV6_ADD_MEMBERSHIP" : "IPV6_DROP_MEMBERSHIP");
    },
  };
}
