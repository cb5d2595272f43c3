/**
 * Winsock constants (winsock2.h, ws2def.h, ws2ipdef.h, mswsock.h), the
 * same on x86_64 and aarch64 Windows. Plain data: importing this file
 * loads no library.
 *
 * @module
 */
/** The Winsock numbers mio-ts uses, by their C names. */
export declare const WINSOCK: {
    /** `MAKEWORD(2, 2)`: the Winsock version `WSAStartup` asks for. */
    readonly WINSOCK_VERSION_2_2: 514;
    readonly AF_INET: 2;
    /** 23 on Windows (10 on Linux, 28 on FreeBSD, 30 on macOS). */
    readonly AF_INET6: 23;
    readonly SOCK_STREAM: 1;
    readonly SOCK_DGRAM: 2;
    /** `WSASocketW` flags: overlapped I/O allowed (the AFD poll needs it), not inherited by children. */
    readonly WSA_FLAG_OVERLAPPED: 1;
    readonly WSA_FLAG_NO_HANDLE_INHERIT: 128;
    /** `~0` as an `isize`. */
    readonly INVALID_SOCKET: -1;
    readonly SOCKET_ERROR: -1;
    /** `ioctlsocket` command: set non-blocking mode (`_IOW('f', 126, u_long)`, a negative `long`). */
    readonly FIONBIO: number;
    /** `WSAIoctl` code: whether an ICMP port-unreachable makes the next `recv` fail (`_WSAIOW(IOC_VENDOR, 12)`). */
    readonly SIO_UDP_CONNRESET: 2550136844;
    readonly SOL_SOCKET: 65535;
    readonly SO_REUSEADDR: 4;
    readonly SO_BROADCAST: 32;
    readonly SO_ERROR: 4103;
    readonly IPPROTO_IP: 0;
    readonly IPPROTO_TCP: 6;
    readonly IPPROTO_IPV6: 41;
    readonly TCP_NODELAY: 1;
    readonly IP_TTL: 4;
    readonly IP_MULTICAST_TTL: 10;
    readonly IP_MULTICAST_LOOP: 11;
    readonly IP_ADD_MEMBERSHIP: 12;
    readonly IP_DROP_MEMBERSHIP: 13;
    readonly IPV6_MULTICAST_LOOP: 11;
    readonly IPV6_ADD_MEMBERSHIP: 12;
    readonly IPV6_DROP_MEMBERSHIP: 13;
    readonly IPV6_V6ONLY: 27;
    readonly MSG_PEEK: 2;
    readonly SD_RECEIVE: 0;
    readonly SD_SEND: 1;
    readonly SD_BOTH: 2;
};
