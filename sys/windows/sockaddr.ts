/**
 * Winsock socket addresses: the `SOCKADDR_IN`/`SOCKADDR_IN6` layouts as
 * data, and their encoder/decoder. Windows has no `sin_len` (a two-byte
 * family, as Linux), but `AF_INET6` is 23. Plain data and code: importing
 * this file loads no library.
 *
 * @module
 */
import type { LinuxLayouts } from "../layout.ts";
import type { IpEndpoint } from "../contract.ts";
import { WINSOCK as W } from "./winsock_constants.ts";

const f = (c: string, offset: number, size: number) => ({ c, offset, size });

/**
 * The socket-address structs of Windows (x86_64 and aarch64 alike), with
 * the fields of Linux's.
 */
export const WINDOWS_SOCKADDR: Pick<
  LinuxLayouts,
  "sockaddr_in" | "sockaddr_in6" | "sockaddr_storage" | "ip_mreq" | "ipv6_mreq"
> = {
  sockaddr_in: {
    c: "SOCKADDR_IN",
    size: 16,
    fields: { family: f("sin_family", 0, 2), port: f("sin_port", 2, 2), addr: f("sin_addr", 4, 4) },
  },
  sockaddr_in6: {
    c: "SOCKADDR_IN6",
    size: 28,
    fields: {
      family: f("sin6_family", 0, 2),
      port: f("sin6_port", 2, 2),
      flowinfo: f("sin6_flowinfo", 4, 4),
      addr: f("sin6_addr", 8, 16),
      scopeId: f("sin6_scope_id", 24, 4),
    },
  },
  sockaddr_storage: { c: "SOCKADDR_STORAGE", size: 128, fields: { family: f("ss_family", 0, 2) } },
  ip_mreq: {
    c: "IP_MREQ",
    size: 8,
    fields: { multiaddr: f("imr_multiaddr", 0, 4), iface: f("imr_interface", 4, 4) },
  },
  ipv6_mreq: {
    c: "IPV6_MREQ",
    size: 20,
    fields: { multiaddr: f("ipv6mr_multiaddr", 0, 16), ifindex: f("ipv6mr_interface", 16, 4) },
  },
};

const IN4 = WINDOWS_SOCKADDR.sockaddr_in;
const IN6 = WINDOWS_SOCKADDR.sockaddr_in6;

/** Room for any socket address (`SOCKADDR_STORAGE`). */
export const SOCKADDR_STORAGE_SIZE: number = WINDOWS_SOCKADDR.sockaddr_storage.size;

/** Writes `addr` into `buf` (at least `SOCKADDR_STORAGE_SIZE` bytes); returns its length. */
export function encodeSockaddr(addr: IpEndpoint, buf: Uint8Array): number {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  buf.fill(0);
  if (!addr.v6) {
    view.setUint16(IN4.fields.family.offset, W.AF_INET, true);
    view.setUint16(IN4.fields.port.offset, addr.port, false);
    buf.set(addr.octets, IN4.fields.addr.offset);
    return IN4.size;
  }
  const f6 = IN6.fields;
  view.setUint16(f6.family.offset, W.AF_INET6, true);
  view.setUint16(f6.port.offset, addr.port, false);
  view.setUint32(f6.flowinfo.offset, addr.flowinfo, false);
  buf.set(addr.octets, f6.addr.offset);
  view.setUint32(f6.scopeId.offset, addr.scopeId, true);
  return IN6.size;
}

/** Reads the IP address Winsock wrote into `buf`; `null` for other families. */
export function decodeSockaddr(buf: Uint8Array): IpEndpoint | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const family = view.getUint16(0, true);
  if (family === W.AF_INET) {
    const at = IN4.fields.addr.offset;
    return {
      v6: false,
      octets: buf.slice(at, at + 4),
      port: view.getUint16(IN4.fields.port.offset, false),
      flowinfo: 0,
      scopeId: 0,
    };
  }
  if (family === W.AF_INET6) {
    const f6 = IN6.fields;
    return {
      v6: true,
      octets: buf.slice(f6.addr.offset, f6.addr.offset + 16),
      port: view.getUint16(f6.port.offset, false),
      flowinfo: view.getUint32(f6.flowinfo.offset, false),
      scopeId: view.getUint32(f6.scopeId.offset, true),
    };
  }
  return null;
}
