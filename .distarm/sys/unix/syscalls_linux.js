/** The system call numbers, per architecture. */
export const LINUX_SYSCALLS = {
    x86_64: { SYS_read: 0, SYS_sendto: 44, SYS_epoll_wait: 232, SYS_epoll_pwait: 281 },
    aarch64: { SYS_read: 63, SYS_sendto: 206, SYS_epoll_wait: null, SYS_epoll_pwait: 22 },
};
