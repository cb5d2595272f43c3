/**
 * `UdpSocket`: a non-blocking UDP socket (mio's `net::UdpSocket`).
 *
 * @module
 */
import { platform } from "../../sys/current.ts";
import { type IpEndpoint, SenderSlot, type UdpOption, WOULD_BLOCK } from "../../sys/contract.ts";
import { invalidInput } from "../io_error.ts";
import { SocketSource } from "../socket_source.ts";
import { checkBuffer, checkFd, checkInteger } from "../validate.ts";
import { ANY_HOSTNAME, LOCAL_HOSTNAME, SocketAddr, type SocketAddrInput } from "./socket_addr.ts";
import { notOwned } from "../io_source.ts";

/** The octets of IP address `text` of `family`, or `InvalidInput` (`TypeError` if not a string). */
function ipOctets(text: unknown, family: "ipv4" | "ipv6", what: string): Uint8Array {
  if (typeof text !== "string") throw new TypeError(`${what} must be a string, got ${typeof text}`);
  let addr: SocketAddr | null = null;
  try {
    addr = SocketAddr.parse({ hostname: text, port: 0 });
  } catch {
    // Reported below, with what was expected.
  }
  if (addr === null || addr.family !== family || addr.endpoint.scopeId !== 0) {
    const expected = family === "ipv4"
      ? "an IPv4 address such as 224.0.0.1"
      : "an IPv6 address such as ff02::1";
    throw invalidInput(`${what} must be ${expected}, got ${JSON.stringify(text)}`);
  }
  return addr.endpoint.octets;
}

function checkBoolean(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") throw new TypeError(`${what} must be a boolean, got ${typeof value}`);
  return value;
}

/**
 * A UDP socket. Every operation is non-blocking: it returns `null` when it
 * would block; wait for the next event and call it again. A datagram longer
 * than the buffer given is truncated, as the OS does: the rest is lost.
 *
 * @example An echo server
 * ```ts
 * import { Events, Interest, Poll, Token } from "mio-ts";
 * import { UdpSocket } from "mio-ts/net";
 *
 * const poll = new Poll();
 * const events = new Events(16);
 * const socket = UdpSocket.bind("127.0.0.1:0");
 * poll.registry().register(socket, Token(0), Interest.READABLE);
 * const buf = new Uint8Array(65536);
 *
 * poll.poll(events, 1000);
 * // After a readable event: echo each datagram until recvFrom says WouldBlock.
 * let got;
 * while ((got = socket.recvFrom(buf)) !== null) {
 *   const [n, from] = got;
 *   socket.sendTo(buf.subarray(0, n), from);
 * }
 * socket.close();
 * poll.close();
 * ```
 */
export class UdpSocket extends SocketSource {
  /** The sender of the last datagram received: the same `SocketAddr` while the sender is the same. */
  readonly #sender = new SenderSlot<IpEndpoint, SocketAddr>((endpoint) => new SocketAddr(endpoint));

  private constructor(fd: number) {
    super(fd, "UdpSocket");
  }

  /**
   * Creates a UDP socket bound to `addr` (port 0: any free port; `{ port }`
   * without a hostname binds 0.0.0.0, as `Deno.listenDatagram` and Node's `dgram`).
   *
   * @throws `IoError` `InvalidInput` for a bad address (before any syscall),
   * `AddrInUse`, `AddrNotAvailable`, `PermissionDenied`, …
   */
  static override bind(addr: SocketAddrInput): UdpSocket {
    const endpoint = SocketAddr.parse(addr, ANY_HOSTNAME).endpoint;
    return new UdpSocket(platform.udp.bind(endpoint));
  }

  /**
   * Takes ownership of a UDP socket's descriptor (it should be non-blocking).
   *
   * @throws `IoError` `AlreadyExists` if a source of this realm owns `fd`
   * already (before any system call); a source in another Worker that owns
   * it is not seen.
   */
  static fromFd(fd: number): UdpSocket {
    return new UdpSocket(notOwned(checkFd(fd)));
  }

  /**
   * Sends `buf` as one datagram to `target`: the count sent, or `null` if
   * it would block. `{ port }` without a hostname sends to 127.0.0.1, as Node's `dgram`.
   *
   * @throws `IoError` `InvalidInput` for a bad address (before any syscall).
   */
  sendTo(buf: Uint8Array, target: SocketAddrInput): number | null {
    const endpoint = SocketAddr.parse(target, LOCAL_HOSTNAME).endpoint;
    const len = checkBuffer(buf); // after parsing: reading `target` may run caller code that changes `buf`
    const n = platform.udp.sendTo(this.io.fd, buf, len, endpoint);
    return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
  }

  /**
   * Receives one datagram into `buf`: its length (truncated to `buf`'s) and
   * its sender, or `null` when none is waiting.
   */
  recvFrom(buf: Uint8Array): [number, SocketAddr] | null {
    return this.#recvFrom(buf, false);
  }

  /** As `recvFrom`, but leaves the datagram queued. */
  peekFrom(buf: Uint8Array): [number, SocketAddr] | null {
    return this.#recvFrom(buf, true);
  }

  #recvFrom(buf: Uint8Array, peek: boolean): [number, SocketAddr] | null {
    const len = checkBuffer(buf);
    const n = platform.udp.recvFrom(this.io.fd, buf, len, peek, this.#sender);
    if (n === WOULD_BLOCK) return this.io.wouldBlock();
    return [n, this.#sender.addr!];
  }

  /**
   * Sets the default destination of `send`, and the only source `recv`
   * accepts; may be called again to change it. `{ port }` without a hostname
   * is 127.0.0.1.
   *
   * @throws `IoError` `InvalidInput` for a bad address (before any syscall).
   */
  connect(addr: SocketAddrInput): void {
    const endpoint = SocketAddr.parse(addr, LOCAL_HOSTNAME).endpoint;
    platform.udp.connect(this.io.fd, endpoint);
  }

  /** Sends `buf` as one datagram to the connected address, or returns `null` if it would block. */
  send(buf: Uint8Array): number | null {
    const len = checkBuffer(buf);
    const n = platform.udp.send(this.io.fd, buf, len);
    return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
  }

  /** Receives one datagram into `buf` (truncated to its length), or returns `null` when none is waiting. */
  recv(buf: Uint8Array): number | null {
    return this.#recv(buf, false);
  }

  /** As `recv`, but leaves the datagram queued. */
  peek(buf: Uint8Array): number | null {
    return this.#recv(buf, true);
  }

  #recv(buf: Uint8Array, peek: boolean): number | null {
    const len = checkBuffer(buf);
    const n = platform.udp.recv(this.io.fd, buf, len, peek);
    return n === WOULD_BLOCK ? this.io.wouldBlock() : n;
  }

  #setFlag(option: UdpOption, on: unknown, what: string): void {
    platform.udp.setOption(this.io.fd, option, checkBoolean(on, what) ? 1 : 0);
  }

  /** Sets `SO_BROADCAST`: whether datagrams may be sent to a broadcast address. */
  setBroadcast(on: boolean): void {
    this.#setFlag("broadcast", on, "broadcast");
  }

  /** Reads `SO_BROADCAST`. */
  broadcast(): boolean {
    return platform.udp.option(this.io.fd, "broadcast") !== 0;
  }

  /** Sets `IP_MULTICAST_LOOP`: whether this host receives the IPv4 multicast it sends. */
  setMulticastLoopV4(on: boolean): void {
    this.#setFlag("multicastLoopV4", on, "multicastLoopV4");
  }

  /** Reads `IP_MULTICAST_LOOP`. */
  multicastLoopV4(): boolean {
    return platform.udp.option(this.io.fd, "multicastLoopV4") !== 0;
  }

  /** Sets `IP_MULTICAST_TTL`: how many hops IPv4 multicast from this socket may travel (default 1). */
  setMulticastTtlV4(ttl: number): void {
    platform.udp.setOption(this.io.fd, "multicastTtlV4", checkInteger(ttl, 0, 0xffffffff, "ttl"));
  }

  /** Reads `IP_MULTICAST_TTL`. */
  multicastTtlV4(): number {
    return platform.udp.option(this.io.fd, "multicastTtlV4");
  }

  /** Sets `IPV6_MULTICAST_LOOP`: whether this host receives the IPv6 multicast it sends. */
  setMulticastLoopV6(on: boolean): void {
    this.#setFlag("multicastLoopV6", on, "multicastLoopV6");
  }

  /** Reads `IPV6_MULTICAST_LOOP`. */
  multicastLoopV6(): boolean {
    return platform.udp.option(this.io.fd, "multicastLoopV6") !== 0;
  }

  /**
   * Joins IPv4 multicast `group` (`"224.0.0.1"`) on the interface whose
   * address is `iface` (`"0.0.0.0"`: the OS chooses).
   *
   * @throws `IoError` `InvalidInput` if either is not an IPv4 address (before any syscall).
   */
  joinMulticastV4(group: string, iface: string): void {
    this.#membershipV4(true, group, iface);
  }

  /** Leaves an IPv4 multicast group joined with `joinMulticastV4`. */
  leaveMulticastV4(group: string, iface: string): void {
    this.#membershipV4(false, group, iface);
  }

  #membershipV4(join: boolean, group: string, iface: string): void {
    const g = ipOctets(group, "ipv4", "group");
    const i = ipOctets(iface, "ipv4", "iface");
    platform.udp.membershipV4(this.io.fd, join, g, i);
  }

  /**
   * Joins IPv6 multicast `group` (`"ff02::1"`) on the interface with index
   * `ifIndex` (0: the OS chooses).
   *
   * @throws `IoError` `InvalidInput` if `group` is not an IPv6 address,
   * `RangeError` for a bad index (before any syscall).
   */
  joinMulticastV6(group: string, ifIndex: number): void {
    this.#membershipV6(true, group, ifIndex);
  }

  /** Leaves an IPv6 multicast group joined with `joinMulticastV6`. */
  leaveMulticastV6(group: string, ifIndex: number): void {
    this.#membershipV6(false, group, ifIndex);
  }

  #membershipV6(join: boolean, group: string, ifIndex: number): void {
    const g = ipOctets(group, "ipv6", "group");
    const index = checkInteger(ifIndex, 0, 0xffffffff, "ifIndex");
    platform.udp.membershipV6(this.io.fd, join, g, index);
  }

  /** Sets `IP_TTL`: the time-to-live of unicast datagrams sent. */
  setTtl(ttl: number): void {
    platform.net.setTtl(this.io.fd, checkInteger(ttl, 0, 0xffffffff, "ttl"));
  }

  /** Reads `IP_TTL`. */
  ttl(): number {
    return platform.net.ttl(this.io.fd);
  }

  /** Reads `IPV6_V6ONLY` (IPv6 sockets only; an IPv4 socket throws `ENOPROTOOPT`). */
  onlyV6(): boolean {
    return platform.udp.option(this.io.fd, "onlyV6") !== 0;
  }

  /** The address the socket is bound to. */
  localAddr(): SocketAddr {
    return new SocketAddr(platform.net.localAddr(this.io.fd));
  }

  /** The connected address; `NotConnected` if `connect` was not called. */
  peerAddr(): SocketAddr {
    return new SocketAddr(platform.net.peerAddr(this.io.fd));
  }
}
