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
import type { UdpOps } from "../net_ops.ts";
/** UDP operations for Windows. */
export declare function windowsUdpOps(): UdpOps;
