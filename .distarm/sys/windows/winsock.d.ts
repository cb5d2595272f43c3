/** The largest byte count passed to one `recv`/`send`: their lengths and results are `int`. */
export declare const MAX_IO = 2147483647;
/** `WSAEWOULDBLOCK`: the non-blocking call could not complete now. */
export declare const WSAEWOULDBLOCK = 10035;
/** `WSAEMSGSIZE`: a datagram was longer than the buffer (it was truncated). */
export declare const WSAEMSGSIZE = 10040;
/** `WSAESHUTDOWN`: the direction was shut down; a `recv` then means end of stream. */
export declare const WSAESHUTDOWN = 10058;
/** `WSAEAFNOSUPPORT`: an address of another family. */
export declare const WSAEAFNOSUPPORT = 10047;
/** The bound Winsock functions. */
export declare const ws2: import("../ffi/ffi.ts").Bound<{
    readonly WSAStartup: {
        readonly c: "int WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData)";
        readonly args: readonly ["u32", "buffer"];
        readonly result: "i32";
    };
    readonly WSAGetLastError: {
        readonly c: "int WSAGetLastError(void)";
        readonly args: readonly [];
        readonly result: "i32";
    };
    readonly WSASocketW: {
        readonly c: string;
        readonly args: readonly ["i32", "i32", "i32", "isize", "u32", "u32"];
        readonly result: "isize";
    };
    readonly WSAIoctl: {
        readonly c: string;
        readonly args: readonly ["isize", "u32", "buffer", "u32", "buffer", "u32", "buffer", "isize", "isize"];
        readonly result: "i32";
    };
    readonly ioctlsocket: {
        readonly c: "int ioctlsocket(SOCKET s, long cmd, u_long *argp)";
        readonly args: readonly ["isize", "i32", "buffer"];
        readonly result: "i32";
    };
    readonly closesocket: {
        readonly c: "int closesocket(SOCKET s)";
        readonly args: readonly ["isize"];
        readonly result: "i32";
    };
    readonly bind: {
        readonly c: "int bind(SOCKET s, const struct sockaddr *name, int namelen)";
        readonly args: readonly ["isize", "buffer", "i32"];
        readonly result: "i32";
    };
    readonly listen: {
        readonly c: "int listen(SOCKET s, int backlog)";
        readonly args: readonly ["isize", "i32"];
        readonly result: "i32";
    };
    readonly accept: {
        readonly c: "SOCKET accept(SOCKET s, struct sockaddr *addr, int *addrlen)";
        readonly args: readonly ["isize", "buffer", "buffer"];
        readonly result: "isize";
    };
    readonly connect: {
        readonly c: "int connect(SOCKET s, const struct sockaddr *name, int namelen)";
        readonly args: readonly ["isize", "buffer", "i32"];
        readonly result: "i32";
    };
    readonly recv: {
        readonly c: "int recv(SOCKET s, char *buf, int len, int flags)";
        readonly args: readonly ["isize", "buffer", "i32", "i32"];
        readonly result: "i32";
    };
    readonly send: {
        readonly c: "int send(SOCKET s, const char *buf, int len, int flags)";
        readonly args: readonly ["isize", "buffer", "i32", "i32"];
        readonly result: "i32";
    };
    readonly recvfrom: {
        readonly c: "int recvfrom(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen)";
        readonly args: readonly ["isize", "buffer", "i32", "i32", "buffer", "buffer"];
        readonly result: "i32";
    };
    readonly sendto: {
        readonly c: "int sendto(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to, int tolen)";
        readonly args: readonly ["isize", "buffer", "i32", "i32", "buffer", "i32"];
        readonly result: "i32";
    };
    readonly getsockname: {
        readonly c: "int getsockname(SOCKET s, struct sockaddr *name, int *namelen)";
        readonly args: readonly ["isize", "buffer", "buffer"];
        readonly result: "i32";
    };
    readonly getpeername: {
        readonly c: "int getpeername(SOCKET s, struct sockaddr *name, int *namelen)";
        readonly args: readonly ["isize", "buffer", "buffer"];
        readonly result: "i32";
    };
    readonly getsockopt: {
        readonly c: "int getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen)";
        readonly args: readonly ["isize", "i32", "i32", "buffer", "buffer"];
        readonly result: "i32";
    };
    readonly setsockopt: {
        readonly c: "int setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)";
        readonly args: readonly ["isize", "i32", "i32", "buffer", "i32"];
        readonly result: "i32";
    };
    readonly shutdown: {
        readonly c: "int shutdown(SOCKET s, int how)";
        readonly args: readonly ["isize", "i32"];
        readonly result: "i32";
    };
}>;
/** The kernel32 function sockets need: making an accepted socket non-inheritable. */
export declare const socketHandleApi: import("../ffi/ffi.ts").Bound<{
    readonly SetHandleInformation: {
        readonly c: "BOOL SetHandleInformation(HANDLE hObject, DWORD dwMask, DWORD dwFlags)";
        readonly args: readonly ["isize", "u32", "u32"];
        readonly result: "i32";
    };
}>;
/** `HANDLE_FLAG_INHERIT`: child processes inherit the handle. */
export declare const HANDLE_FLAG_INHERIT = 1;
/** The calling thread's last Winsock error; read it at once after a call failed. */
export declare const lastError: () => number;
/**
 * The answer for a hot call that returned `n`: `n` itself when
 * non-negative, `WOULD_BLOCK` for `WSAEWOULDBLOCK`, else a thrown `IoError`
 * naming `syscall`. Call at once after the call, before the error changes.
 * (Winsock has no `EINTR` to retry on a non-blocking socket.)
 */
export declare function wsaResult(n: number, syscall: string): number;
