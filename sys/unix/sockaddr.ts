/**
 * Encodes and decodes `sockaddr_in`/`sockaddr_in6` (Linux layout: a 2-byte
 * family; port and address in network order).
 *
 * @module
 */
import type { LinuxLayouts } from "../layout.ts";
import type { IpEndpoint } from "../contract.ts";
import { LINUX as C } from "./constants_linux.ts";

/** Encoder/decoder of IP socket addresses for one set of layouts. */
export class SockaddrCodec {
  readonly #in4;
  readonly #in6;
  /** Room for any socket address (`sockaddr_storage`). */
  readonly storageSize: number;
  readonly #familyOffset: number;

  /** Uses the `sockaddr_in`/`sockaddr_in6`/`sockaddr_storage` layouts given. */
  constructor(layouts: LinuxLayouts) {
    this.#in4 = layouts.sockaddr_in;
    this.#in6 = layouts.sockaddr_in6;
    this.storageSize = layouts.sockaddr_storage.size;
    this.#familyOffset = layouts.sockaddr_storage.fields.family.offset;
  }

  /** Writes `addr` into `buf` (at least `storageSize` bytes); returns its length. */
  encode(addr: IpEndpoint, buf: Uint8Array): number {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    buf.fill(0);
    if (!addr.v6) {
      const f = this.#in4.fields;
      view.setUint16(f.family.offset, C.AF_INET, true);
      view.setUint16(f.port.offset, addr.port, false);
      buf.set(addr.octets, f.addr.offset);
      return this.#in4.size;
    }
    const f = this.#in6.fields;
    view.setUint16(f.family.offset, C.AF_INET6, true);
    view.setUint16(f.port.offset, addr.port, false);
    view.setUint32(f.flowinfo.offset, addr.flowinfo, false);
    buf.set(addr.octets, f.addr.offset);
    view.setUint32(f.scopeId.offset, addr.scopeId, true);
    return this.#in6.size;
  }

  /** Reads the IP address the OS wrote into `buf`; `null` for other families. */
  decode(buf: Uint8Array): IpEndpoint | null {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const family = view.getUint16(this.#familyOffset, true);
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

/** Formats an endpoint for error messages (`1.2.3.4:5` / `[::1]:5`). */
export function describeEndpoint(addr: IpEndpoint): string {
  const o = addr.octets;
  if (!addr.v6) return `${o[0]}.${o[1]}.${o[2]}.${o[3]}:${addr.port}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((o[i] << 8) | o[i + 1]).toString(16));
  return `[${groups.join(":")}]:${addr.port}`;
}
