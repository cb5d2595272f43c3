import type { SockaddrUnCodec } from "./sockaddr_un.ts";
import type { UnixSocketOps } from "../unix_socket_ops.ts";
/** Unix-domain socket operations for Linux, using the `sockaddr_un` codec given. */
export declare function unixDomainSocketOps(codec: SockaddrUnCodec): UnixSocketOps;
