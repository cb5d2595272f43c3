/**
 * Linux system call numbers of the calls mio-ts makes through `syscall(2)`
 * rather than glibc's wrappers (see `libc.ts`). They differ per
 * architecture: x86_64 has its own table, aarch64 the generic one
 * (`asm-generic/unistd.h`), which has no plain `epoll_wait` — glibc's
 * wrapper calls `epoll_pwait` with no signal mask there, and so does
 * mio-ts. tests/ffi_abi.test.ts checks them against each architecture's
 * headers.
 *
 * @module
 */
import type { Arch } from "../ffi/ffi.ts";
/** The numbers of one architecture. */
export interface LinuxSyscalls {
    /** `read(fd, buf, count)` */
    readonly SYS_read: number;
    /** `sendto(fd, buf, len, flags, addr, addrlen)` (compared in bench/ffi_micro.ts) */
    readonly SYS_sendto: number;
    /** `epoll_wait(epfd, events, maxevents, timeout)`; `null` where the architecture has none. */
    readonly SYS_epoll_wait: number | null;
    /** `epoll_pwait(epfd, events, maxevents, timeout, sigmask, sigsetsize)` */
    readonly SYS_epoll_pwait: number;
}
/** The system call numbers, per architecture. */
export declare const LINUX_SYSCALLS: {
    readonly [A in Arch]: LinuxSyscalls;
};
