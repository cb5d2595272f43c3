// Winsock socket addresses (unit; runs on every OS: sys/windows/sockaddr.ts
// and the Winsock constants are plain data and code): the layouts pinned to
// the documented sizes and offsets, and encode/decode round trips byte for
// byte.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Struct } from "../sys/layout.ts";
import { formatEndpoint, type IpEndpoint } from "../sys/contract.ts";
import {
  decodeSockaddr,
  encodeSockaddr,
  SOCKADDR_STORAGE_SIZE,
  WINDOWS_SOCKADDR,
} from "../sys/windows/sockaddr.ts";
import { WINSOCK } from "../sys/windows/winsock_constants.ts";

/** [struct, size, field → [offset, size]] as ws2def.h/ws2ipdef.h declare them (no sin_len). */
const DOCUMENTED: [Struct, number, Record<string, [number, number]>][] = [
  [WINDOWS_SOCKADDR.sockaddr_in, 16, { family: [0, 2], port: [2, 2], addr: [4, 4] }],
  [
    WINDOWS_SOCKADDR.sockaddr_in6,
    28,
    { family: [0, 2], port: [2, 2], flowinfo: [4, 4], addr: [8, 16], scopeId: [24, 4] },
  ],
  [WINDOWS_SOCKADDR.sockaddr_storage, 128, { family: [0, 2] }],
  [WINDOWS_SOCKADDR.ip_mreq, 8, { multiaddr: [0, 4], iface: [4, 4] }],
  [WINDOWS_SOCKADDR.ipv6_mreq, 20, { multiaddr: [0, 16], ifindex: [16, 4] }],
];

test("Winsock address layouts match the documented sizes and offsets", () => {
  for (const [struct, size, fields] of DOCUMENTED) {
    assert.equal(struct.size, size, struct.c);
    assert.deepEqual(Object.keys(struct.fields).sort(), Object.keys(fields).sort(), struct.c);
    for (const [name, [offset, fieldSize]] of Object.entries(fields)) {
      assert.equal(struct.fields[name].offset, offset, `${struct.c}.${struct.fields[name].c}`);
      assert.equal(struct.fields[name].size, fieldSize, `${struct.c}.${struct.fields[name].c}`);
      assert.ok(offset + fieldSize <= size, `${struct.c}.${name} fits`);
    }
  }
  assert.equal(SOCKADDR_STORAGE_SIZE, 128);
});

test("Winsock constants: AF_INET6 is 23, and the ioctl codes are the documented ones", () => {
  assert.equal(WINSOCK.AF_INET, 2);
  assert.equal(WINSOCK.AF_INET6, 23);
  assert.equal(WINSOCK.FIONBIO >>> 0, 0x8004667e); // _IOW('f', 126, u_long)
  assert.equal(WINSOCK.SIO_UDP_CONNRESET, 0x9800000c); // _WSAIOW(IOC_VENDOR, 12)
  assert.equal(WINSOCK.SOL_SOCKET, 0xffff);
  assert.equal(WINSOCK.SO_ERROR, 0x1007);
  assert.equal(WINSOCK.IPV6_V6ONLY, 27);
});

test("an IPv4 address encodes as SOCKADDR_IN: family 2 little-endian, port and address in network order", () => {
  const buf = new Uint8Array(SOCKADDR_STORAGE_SIZE).fill(0xee);
  const addr: IpEndpoint = {
    v6: false,
    octets: new Uint8Array([127, 0, 0, 1]),
    port: 0x1f90,
    flowinfo: 0,
    scopeId: 0,
  };
  assert.equal(encodeSockaddr(addr, buf), 16);
  assert.deepEqual([...buf.subarray(0, 16)], [2, 0, 0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.ok(buf.subarray(16).every((b) => b === 0), "the rest is zeroed");
  const back = decodeSockaddr(buf)!;
  assert.equal(back.v6, false);
  assert.deepEqual([...back.octets], [127, 0, 0, 1]);
  assert.equal(back.port, 8080);
  assert.equal(formatEndpoint(back), "127.0.0.1:8080");
});

test("an IPv6 address encodes as SOCKADDR_IN6: family 23, flowinfo in network order, scope id little-endian", () => {
  const buf = new Uint8Array(SOCKADDR_STORAGE_SIZE);
  const octets = new Uint8Array(16);
  octets[15] = 1;
  const addr: IpEndpoint = { v6: true, octets, port: 443, flowinfo: 0x01020304, scopeId: 7 };
  assert.equal(encodeSockaddr(addr, buf), 28);
  assert.deepEqual([...buf.subarray(0, 8)], [23, 0, 0x01, 0xbb, 1, 2, 3, 4]);
  assert.deepEqual([...buf.subarray(8, 24)], [...octets]);
  assert.deepEqual([...buf.subarray(24, 28)], [7, 0, 0, 0]);
  const back = decodeSockaddr(buf)!;
  assert.deepEqual(back, { v6: true, octets, port: 443, flowinfo: 0x01020304, scopeId: 7 });
  assert.equal(formatEndpoint(back), "[::1%7]:443");
});

test("Linux's AF_INET6 (10) or another family decodes as no IP address", () => {
  const buf = new Uint8Array(SOCKADDR_STORAGE_SIZE);
  buf[0] = 10;
  assert.equal(decodeSockaddr(buf), null);
  buf[0] = 1; // AF_UNIX
  assert.equal(decodeSockaddr(buf), null);
});
