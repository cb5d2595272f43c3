/**
 * The values of libkqueue's include/sys/event.h.in (mheily/libkqueue at
 * f966089, 2.7.0 and later) as its Linux build renders them: `EVFILT_AIO`
 * and `EVFILT_LIO` are not built on Linux, so not defined there.
 */
export const LIBKQUEUE = {
    EVFILT_READ: -1,
    EVFILT_WRITE: -2,
    EVFILT_AIO: null,
    EVFILT_LIO: null,
    EVFILT_USER: -11,
    EV_ADD: 0x0001,
    EV_DELETE: 0x0002,
    EV_CLEAR: 0x0020,
    EV_RECEIPT: 0x0040,
    EV_EOF: 0x8000,
    EV_ERROR: 0x4000,
    NOTE_TRIGGER: 0x01000000,
    // Linux's fcntl and errno numbers (constants_linux.ts, errno_linux.ts), equal to the BSDs' here.
    F_SETFD: 2,
    FD_CLOEXEC: 1,
    EINTR: 4,
    ENOENT: 2,
    EPIPE: 32,
};
