/**
 * Winsock constants (winsock2.h, ws2def.h, ws2ipdef.h, mswsock.h), the
 * same on x86_64 and aarch64 Windows. Plain data: importing this file
 * loads no library.
 *
 * @module
 */
/** The Winsock numbers mio-ts uses, by their C names. */
export const WINSOCK = {
    /** `MAKEWORD(2, 2)`: the Winsock version `WSAStartup` asks for. */
    WINSOCK_VERSION_2_2: 0x0202,
    AF_INET: 2,
    /** 23 on Windows (10 on Linux, 28 on FreeBSD, 30 on macOS). */
    AF_INET6: 23,
    SOCK_STREAM: 1,
    SOCK_DGRAM: 2,
    /** `WSASocketW` flags: overlapped I/O allowed (the AFD poll needs it), not inherited by children. */
    WSA_FLAG_OVERLAPPED: 0x01,
    WSA_FLAG_NO_HANDLE_INHERIT: 0x80,
    /** `~0` as an `isize`. */
    INVALID_SOCKET: -1,
    SOCKET_ERROR: -1,
    /** `ioctlsocket` command: set non-blocking mode (`_IOW('f', 126, u_long)`, a negative `long`). */
    FIONBIO: 0x8004667e | 0,
    /** `WSAIoctl` code: whether an ICMP port-unreachable makes the next `recv` fail (`_WSAIOW(IOC_VENDOR, 12)`). */
    SIO_UDP_CONNRESET: 0x9800000c,
    SOL_SOCKET: 0xffff,
    SO_REUSEADDR: 0x0004,
    SO_BROADCAST: 0x0020,
    SO_ERROR: 0x1007,
    IPPROTO_IP: 0,
    IPPROTO_TCP: 6,
    IPPROTO_IPV6: 41,
    TCP_NODELAY: 0x0001,
    IP_TTL: 4,
    IP_MULTICAST_TTL: 10,
    IP_MULTICAST_LOOP: 11,
    IP_ADD_MEMBERSHIP: 12,
    IP_DROP_MEMBERSHIP: 13,
    IPV6_MULTICAST_LOOP: 11,
    IPV6_ADD_MEMBERSHIP: 12,
    IPV6_DROP_MEMBERSHIP: 13,
    IPV6_V6ONLY: 27,
    MSG_PEEK: 0x2,
    SD_RECEIVE: 0,
    SD_SEND: 1,
    SD_BOTH: 2,
};
