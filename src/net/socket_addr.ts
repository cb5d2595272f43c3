/**
 * `SocketAddr`: IP socket addresses, parsed from `"127.0.0.1:8080"`,
 * `"[::1]:8080"` or `{ hostname, port }` (IP literals only, as in mio),
 * printed as Rust prints them, and `{ hostname, port, family }` in JSON.
 *
 * @module
 */
import { formatEndpoint, formatIp, type IpEndpoint } from "../../sys/contract.ts";
import { invalidInput } from "../io_error.ts";

/**
 * What a socket address may be given as. `{ port }` without a hostname
 * takes the default of the operation, as the runtimes' own sockets do:
 * `bind` uses `0.0.0.0` (as `Deno.listen({ port })`), `connect` and
 * `sendTo` use `127.0.0.1` (as `Deno.connect({ port })`).
 */
export type SocketAddrInput = string | { hostname?: string; port: number } | SocketAddr;

/**
 * The hostname `TcpListener.bind` and `UdpSocket.bind` use for `{ port }`:
 * every IPv4 interface, as `Deno.listen`, `Deno.listenDatagram` and Node's
 * `dgram` bind it. (Node's `net` listens on `::` where IPv6 is available;
 * pass `{ hostname: "::", port }` for that; `Bun.listen` requires a hostname.)
 */
export const ANY_HOSTNAME = "0.0.0.0";

/**
 * The hostname `TcpStream.connect`, `UdpSocket.connect` and
 * `UdpSocket.sendTo` use for `{ port }`: IPv4 loopback, as `Deno.connect`
 * and Node's `dgram` send to it (Node's `net.connect` says `localhost`;
 * names are not resolved here).
 */
export const LOCAL_HOSTNAME = "127.0.0.1";

/** An IPv4 or IPv6 socket address, as returned by `localAddr()`, `accept()`, … */
export class SocketAddr {
  /** The IP address: `"127.0.0.1"`, `"::1"` (no brackets). */
  readonly hostname: string;
  /** The port. */
  readonly port: number;
  /** `"ipv4"` or `"ipv6"`. */
  readonly family: "ipv4" | "ipv6";
  /** @internal The address as data for the OS. */
  readonly endpoint: IpEndpoint;

  /** @internal Made by parsing or by the OS; use `SocketAddr.parse()`. */
  constructor(endpoint: IpEndpoint) {
    this.endpoint = endpoint;
    this.port = endpoint.port;
    this.family = endpoint.v6 ? "ipv6" : "ipv4";
    this.hostname = formatIp(endpoint);
  }

  /**
   * Parses a socket address; `{ port }` without a hostname is on
   * `defaultHostname` (bind uses `"0.0.0.0"`, connect `"127.0.0.1"`).
   *
   * @throws `IoError` `InvalidInput` saying what was wrong, or that the
   * hostname is missing and no `defaultHostname` was given.
   */
  static parse(input: SocketAddrInput, defaultHostname?: string): SocketAddr {
    if (input instanceof SocketAddr) return input;
    return new SocketAddr(parseEndpoint(input, defaultHostname));
  }

  /** `127.0.0.1:8080`, `[::1]:8080`, or `[fe80::1%2]:8080` with a scope id. */
  toString(): string {
    return formatEndpoint(this.endpoint);
  }

  /**
   * What `JSON.stringify` writes: `{ hostname, port, family }` (which
   * `SocketAddr.parse` takes back; an IPv6 scope id is kept by the string
   * form only).
   */
  toJSON(): { hostname: string; port: number; family: "ipv4" | "ipv6" } {
    return { hostname: this.hostname, port: this.port, family: this.family };
  }
}

function parseEndpoint(input: unknown, defaultHostname: string | undefined): IpEndpoint {
  if (typeof input === "string") return parseString(input);
  if (input !== null && typeof input === "object") {
    const given = input as { hostname?: unknown; port?: unknown };
    const hostname = given.hostname === undefined ? defaultHostname : given.hostname;
    const port = given.port;
    if (hostname === undefined) {
      throw invalidInput(
        `invalid socket address: hostname is missing (bind defaults it to ${ANY_HOSTNAME}, ` +
          `connect and sendTo to ${LOCAL_HOSTNAME})`,
      );
    }
    if (typeof hostname !== "string") throw invalidInput(`invalid socket address: hostname must be a string`);
    if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
      throw invalidInput(
        `invalid socket address: port must be an integer from 0 to 65535, got ${String(port)}`,
      );
    }
    const host = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
    const v4 = parseV4(host);
    if (v4 !== null) return { v6: false, octets: v4, port, flowinfo: 0, scopeId: 0 };
    const { octets, scopeId } = parseV6WithScope(host, hostname);
    return { v6: true, octets, port, flowinfo: 0, scopeId };
  }
  throw invalidInput(`invalid socket address: expected a string or { hostname, port }, got ${typeof input}`);
}

function parseString(text: string): IpEndpoint {
  const bad = (why: string) => invalidInput(`invalid socket address ${JSON.stringify(text)}: ${why}`);
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close < 0) throw bad("missing ']' after the IPv6 address");
    if (text[close + 1] !== ":") throw bad("expected ':port' after ']'");
    const port = parsePort(text.slice(close + 2), bad);
    const { octets, scopeId } = parseV6WithScope(text.slice(1, close), text);
    return { v6: true, octets, port, flowinfo: 0, scopeId };
  }
  const colon = text.lastIndexOf(":");
  if (colon < 0) throw bad("expected 'ip:port'");
  if (text.indexOf(":") !== colon) throw bad("an IPv6 address must be written in brackets, as [::1]:8080");
  const port = parsePort(text.slice(colon + 1), bad);
  const octets = parseV4(text.slice(0, colon));
  if (octets === null) {
    throw bad(`${JSON.stringify(text.slice(0, colon))} is not an IPv4 address (names are not resolved)`);
  }
  return { v6: false, octets, port, flowinfo: 0, scopeId: 0 };
}

function parsePort(text: string, bad: (why: string) => Error): number {
  if (!/^\d{1,5}$/.test(text)) throw bad(`port ${JSON.stringify(text)} is not a number`);
  const port = Number(text);
  if (port > 65535) throw bad(`port ${port} is out of range (0 to 65535)`);
  return port;
}

/** Dotted-quad IPv4, as Rust parses it (no leading zeros); `null` if not one. */
function parseV4(text: string): Uint8Array | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const octets = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === "0")) return null;
    const n = Number(p);
    if (n > 255) return null;
    octets[i] = n;
  }
  return octets;
}

function parseV6WithScope(text: string, whole: string): { octets: Uint8Array; scopeId: number } {
  const percent = text.indexOf("%");
  let scopeId = 0;
  if (percent >= 0) {
    const scope = text.slice(percent + 1);
    if (!/^\d{1,10}$/.test(scope) || Number(scope) > 0xffffffff) {
      throw invalidInput(`invalid socket address ${JSON.stringify(whole)}: scope id must be a number`);
    }
    scopeId = Number(scope);
    text = text.slice(0, percent);
  }
  const octets = parseV6(text);
  if (octets === null) {
    throw invalidInput(
      `invalid socket address ${JSON.stringify(whole)}: ${JSON.stringify(text)} is not an IP address`,
    );
  }
  return { octets, scopeId };
}

/** An IPv6 address with `::` and an optional dotted IPv4 tail; `null` if not one. */
function parseV6(text: string): Uint8Array | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const compressed = halves.length === 2;
  const head = parseGroups(halves[0]!, !compressed);
  const tail = compressed ? parseGroups(halves[1]!, true) : [];
  if (head === null || tail === null) return null;
  if (compressed ? head.length + tail.length > 7 : head.length !== 8) return null;
  const groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  const octets = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    octets[2 * i] = groups[i]! >> 8;
    octets[2 * i + 1] = groups[i]! & 0xff;
  }
  return octets;
}

/** Colon-separated 16-bit hex groups, the last of which may be dotted IPv4. */
function parseGroups(text: string, v4Tail: boolean): number[] | null {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const g = parts[i]!;
    if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
      groups.push(parseInt(g, 16));
      continue;
    }
    const v4 = v4Tail && i === parts.length - 1 ? parseV4(g) : null;
    if (v4 === null) return null;
    groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
  }
  return groups;
}
