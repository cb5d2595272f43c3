import { SocketSource } from "../socket_source.ts";
import { SocketAddr, type SocketAddrInput } from "./socket_addr.ts";
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
export declare class UdpSocket extends SocketSource {
    #private;
    private constructor();
    /**
     * Creates a UDP socket bound to `addr` (port 0: any free port).
     *
     * @throws `IoError` `InvalidInput` for a bad address (before any syscall),
     * `AddrInUse`, `AddrNotAvailable`, `PermissionDenied`, …
     */
    static bind(addr: SocketAddrInput): UdpSocket;
    /** Takes ownership of a UDP socket's descriptor (it should be non-blocking). */
    static fromFd(fd: number): UdpSocket;
    /**
     * Sends `buf` as one datagram to `target`: the count sent, or `null` if
     * it would block.
     *
     * @throws `IoError` `InvalidInput` for a bad address (before any syscall).
     */
    sendTo(buf: Uint8Array, target: SocketAddrInput): number | null;
    /**
     * Receives one datagram into `buf`: its length (truncated to `buf`'s) and
     * its sender, or `null` when none is waiting.
     */
    recvFrom(buf: Uint8Array): [number, SocketAddr] | null;
    /** As `recvFrom`, but leaves the datagram queued. */
    peekFrom(buf: Uint8Array): [number, SocketAddr] | null;
    /**
     * Sets the default destination of `send`, and the only source `recv`
     * accepts; may be called again to change it.
     *
     * @throws `IoError` `InvalidInput` for a bad address (before any syscall).
     */
    connect(addr: SocketAddrInput): void;
    /** Sends `buf` as one datagram to the connected address, or returns `null` if it would block. */
    send(buf: Uint8Array): number | null;
    /** Receives one datagram into `buf` (truncated to its length), or returns `null` when none is waiting. */
    recv(buf: Uint8Array): number | null;
    /** As `recv`, but leaves the datagram queued. */
    peek(buf: Uint8Array): number | null;
    /** Sets `SO_BROADCAST`: whether datagrams may be sent to a broadcast address. */
    setBroadcast(on: boolean): void;
    /** Reads `SO_BROADCAST`. */
    broadcast(): boolean;
    /** Sets `IP_MULTICAST_LOOP`: whether this host receives the IPv4 multicast it sends. */
    setMulticastLoopV4(on: boolean): void;
    /** Reads `IP_MULTICAST_LOOP`. */
    multicastLoopV4(): boolean;
    /** Sets `IP_MULTICAST_TTL`: how many hops IPv4 multicast from this socket may travel (default 1). */
    setMulticastTtlV4(ttl: number): void;
    /** Reads `IP_MULTICAST_TTL`. */
    multicastTtlV4(): number;
    /** Sets `IPV6_MULTICAST_LOOP`: whether this host receives the IPv6 multicast it sends. */
    setMulticastLoopV6(on: boolean): void;
    /** Reads `IPV6_MULTICAST_LOOP`. */
    multicastLoopV6(): boolean;
    /**
     * Joins IPv4 multicast `group` (`"224.0.0.1"`) on the interface whose
     * address is `iface` (`"0.0.0.0"`: the OS chooses).
     *
     * @throws `IoError` `InvalidInput` if either is not an IPv4 address (before any syscall).
     */
    joinMulticastV4(group: string, iface: string): void;
    /** Leaves an IPv4 multicast group joined with `joinMulticastV4`. */
    leaveMulticastV4(group: string, iface: string): void;
    /**
     * Joins IPv6 multicast `group` (`"ff02::1"`) on the interface with index
     * `ifIndex` (0: the OS chooses).
     *
     * @throws `IoError` `InvalidInput` if `group` is not an IPv6 address,
     * `RangeError` for a bad index (before any syscall).
     */
    joinMulticastV6(group: string, ifIndex: number): void;
    /** Leaves an IPv6 multicast group joined with `joinMulticastV6`. */
    leaveMulticastV6(group: string, ifIndex: number): void;
    /** Sets `IP_TTL`: the time-to-live of unicast datagrams sent. */
    setTtl(ttl: number): void;
    /** Reads `IP_TTL`. */
    ttl(): number;
    /** Reads `IPV6_V6ONLY` (IPv6 sockets only; an IPv4 socket throws `ENOPROTOOPT`). */
    onlyV6(): boolean;
    /** The address the socket is bound to. */
    localAddr(): SocketAddr;
    /** The connected address; `NotConnected` if `connect` was not called. */
    peerAddr(): SocketAddr;
}
