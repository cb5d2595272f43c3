/**
 * Linux constants (glibc and kernel uapi headers; the same on x86_64 and
 * aarch64). A test compiles them against the machine's headers.
 *
 * @module
 */
/** Socket, epoll and eventfd constants for Linux. */
export declare const LINUX: {
    readonly EINTR: 4;
    readonly EAGAIN: 11;
    readonly EINPROGRESS: 115;
    readonly EAFNOSUPPORT: 97;
    readonly AF_UNIX: 1;
    readonly AF_INET: 2;
    readonly AF_INET6: 10;
    readonly SOCK_STREAM: 1;
    readonly SOCK_DGRAM: 2;
    readonly SOCK_NONBLOCK: 2048;
    readonly SOCK_CLOEXEC: 524288;
    readonly SOL_SOCKET: 1;
    readonly SO_REUSEADDR: 2;
    readonly SO_ERROR: 4;
    readonly SO_REUSEPORT: 15;
    readonly SO_BROADCAST: 6;
    readonly IPPROTO_IP: 0;
    readonly IPPROTO_TCP: 6;
    readonly IPPROTO_IPV6: 41;
    readonly IP_TTL: 2;
    readonly IPV6_V6ONLY: 26;
    readonly IP_MULTICAST_TTL: 33;
    readonly IP_MULTICAST_LOOP: 34;
    readonly IP_ADD_MEMBERSHIP: 35;
    readonly IP_DROP_MEMBERSHIP: 36;
    readonly IPV6_MULTICAST_LOOP: 19;
    readonly IPV6_ADD_MEMBERSHIP: 20;
    readonly IPV6_DROP_MEMBERSHIP: 21;
    readonly TCP_NODELAY: 1;
    readonly MSG_PEEK: 2;
    readonly MSG_NOSIGNAL: 16384;
    readonly SHUT_RD: 0;
    readonly SHUT_WR: 1;
    readonly SHUT_RDWR: 2;
    readonly F_GETFL: 3;
    readonly F_SETFL: 4;
    readonly O_NONBLOCK: 2048;
    readonly EPOLL_CLOEXEC: 524288;
    readonly EPOLL_CTL_ADD: 1;
    readonly EPOLL_CTL_DEL: 2;
    readonly EPOLL_CTL_MOD: 3;
    readonly EPOLLIN: 1;
    readonly EPOLLPRI: 2;
    readonly EPOLLOUT: 4;
    readonly EPOLLERR: 8;
    readonly EPOLLHUP: 16;
    readonly EPOLLRDHUP: 8192;
    readonly EPOLLET: 2147483648;
    readonly EFD_NONBLOCK: 2048;
    readonly EFD_CLOEXEC: 524288;
    readonly POLLIN: 1;
    readonly POLLPRI: 2;
    readonly POLLOUT: 4;
    readonly POLLERR: 8;
    readonly POLLHUP: 16;
    readonly POLLNVAL: 32;
    readonly POLLRDHUP: 8192;
    readonly O_CLOEXEC: 524288;
    readonly RLIMIT_NOFILE: 7;
};
