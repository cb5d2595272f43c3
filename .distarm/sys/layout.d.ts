/**
 * Struct layouts, declared once as data per OS and architecture. Code reads
 * offsets and sizes from here and never hard-codes them; a test compiles a C
 * program that prints `sizeof`/`offsetof` of each and compares.
 *
 * @module
 */
import type { Arch, Os } from "./ffi/ffi.ts";
/** One field of a C struct: its C name, byte offset and byte size. */
export interface Field {
    /** The field's name in C. */
    readonly c: string;
    /** Byte offset from the start of the struct. */
    readonly offset: number;
    /** Size in bytes. */
    readonly size: number;
}
/** One C struct: its C type name, its size, and the fields we use. */
export interface Struct {
    /** The C type, e.g. `struct sockaddr_in`. */
    readonly c: string;
    /** `sizeof` the struct. */
    readonly size: number;
    /** The fields we read or write, by our name. */
    readonly fields: Readonly<Record<string, Field>>;
}
/** The structs used on Linux. */
export interface LinuxLayouts {
    /** `struct epoll_event`: packed (12 bytes) on x86_64 only, 16 elsewhere. */
    readonly epoll_event: Struct;
    /** `struct sockaddr_in` */
    readonly sockaddr_in: Struct;
    /** `struct sockaddr_in6` */
    readonly sockaddr_in6: Struct;
    /** `struct sockaddr_storage` */
    readonly sockaddr_storage: Struct;
    /** `struct iovec` */
    readonly iovec: Struct;
    /** `struct msghdr` */
    readonly msghdr: Struct;
    /** `struct ip_mreq` (IPv4 multicast membership) */
    readonly ip_mreq: Struct;
    /** `struct ipv6_mreq` (IPv6 multicast membership) */
    readonly ipv6_mreq: Struct;
    /** `struct pollfd` */
    readonly pollfd: Struct;
    /** `struct sockaddr_un` (Unix-domain socket address; `sun_path` holds 108 bytes) */
    readonly sockaddr_un: Struct;
    /** `struct rlimit` (`getrlimit`/`setrlimit`: the tests lower `RLIMIT_NOFILE` with it) */
    readonly rlimit: Struct;
}
/** The Linux layouts for an architecture. */
export declare function linuxLayouts(arch: Arch): LinuxLayouts;
/** Whether layouts are declared for this OS and architecture. */
export declare function hasLayouts(os: Os, arch: Arch): boolean;
/** The operating systems whose selector is kqueue. */
export type KqueueOs = "darwin" | "freebsd" | "netbsd" | "openbsd" | "dragonfly";
/**
 * The structs of a kqueue OS (LP64: the same on x86_64 and aarch64). BSD
 * socket addresses start with a length byte and a one-byte family, where
 * Linux has a two-byte family.
 */
export interface KqueueLayouts {
    /** `struct kevent` */
    readonly kevent: Struct;
    /** `struct sockaddr_in` */
    readonly sockaddr_in: Struct;
    /** `struct sockaddr_in6` */
    readonly sockaddr_in6: Struct;
    /** `struct sockaddr_storage` */
    readonly sockaddr_storage: Struct;
    /** `struct sockaddr_un` (`sun_path` holds 104 bytes) */
    readonly sockaddr_un: Struct;
}
/** The layouts of a kqueue OS (64-bit: x86_64 or aarch64). */
export declare function kqueueLayouts(os: KqueueOs): KqueueLayouts;
