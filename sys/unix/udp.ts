/**
 * UDP socket operations on Unix descriptors (Linux: `SOCK_NONBLOCK |
 * SOCK_CLOEXEC` at creation, `MSG_NOSIGNAL` on every send). Datagrams
 * longer than the buffer are truncated, as the OS does; the length returned
 * is the truncated one.
 *
 * @module
 */
import { errno, libc, MAX_IO } from "./libc.ts";
import { LINUX as C } from "./constants_linux.ts";
import { osError } from "./errno_linux.ts";
import { INTERRUPTED, ioResult } from "./io_result.ts";
import { describeEndpoint, type SockaddrCodec } from "./sockaddr.ts";
import type { LinuxLayouts } from "../layout.ts";
import { type IpEndpoint, type SenderSlot, type UdpOps, type UdpOption, WOULD_BLOCK } from "../contract.ts";

/** Each option's level, name, and C name for error messages. */
const OPTIONS: Readonly<Record<UdpOption, readonly [number, number, string]>> = {
  broadcast: [C.SOL_SOCKET, C.SO_BROADCAST, "SO_BROADCAST"],
  multicastLoopV4: [C.IPPROTO_IP, C.IP_MULTICAST_LOOP, "IP_MULTICAST_LOOP"],
  multicastLoopV6: [C.IPPROTO_IPV6, C.IPV6_MULTICAST_LOOP, "IPV6_MULTICAST_LOOP"],
  multicastTtlV4: [C.IPPROTO_IP, C.IP_MULTICAST_TTL, "IP_MULTICAST_TTL"],
  onlyV6: [C.IPPROTO_IPV6, C.IPV6_V6ONLY, "IPV6_V6ONLY"],
};

/** UDP operations for Linux, with the struct layouts and address codec of this architecture. */
export function unixUdpOps(layouts: LinuxLayouts, codec: SockaddrCodec): UdpOps {
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
      const fd = libc.socket(
        addr.v6 ? C.AF_INET6 : C.AF_INET,
        C.SOCK_DGRAM | C.SOCK_NONBLOCK | C.SOCK_CLOEXEC,
        0,
      );
      if (fd < 0) throw osError(errno(), "socket");
      const len = codec.encode(addr, addrBuf);
      if (libc.bind(fd, addrBuf, len) < 0) {
        const e = errno();
        libc.close(fd);
        throw osError(e, "bind", describeEndpoint(addr));
      }
      return fd;
    },

    connect(fd: number, addr: IpEndpoint): void {
      const len = codec.encode(addr, addrBuf);
      while (libc.connect(fd, addrBuf, len) < 0) {
        const e = errno();
        if (e !== C.EINTR) throw osError(e, "connect", describeEndpoint(addr));
      }
    },

    sendTo(fd: number, buf: Uint8Array, len: number, addr: IpEndpoint): number {
      const addrLen = target(addr);
      const count = Math.min(len, MAX_IO);
      let n;
      do {
        n = ioResult(libc.sendto(fd, buf, count, C.MSG_NOSIGNAL, toBuf, addrLen), "sendto");
      } while (n === INTERRUPTED);
      return n;
    },

    recvFrom<T>(fd: number, buf: Uint8Array, len: number, peek: boolean, sender: SenderSlot<IpEndpoint, T>): number {
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
      do n = ioResult(libc.send(fd, buf, count, C.MSG_NOSIGNAL), "send"); while (n === INTERRUPTED);
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
      return intOpt[0];
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
