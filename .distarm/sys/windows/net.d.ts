import { type IpEndpoint, type SocketOps } from "../net_ops.ts";
/**
 * A new non-blocking SOCKET of `type` for `addr`'s family, as mio's
 * `new_ip_socket`: overlapped, not inherited by child processes.
 */
export declare function newSocket(addr: IpEndpoint, type: number): number;
/** Runs `step` on a fresh socket; closes it if `step` throws. */
export declare function closeOnThrow(s: number, step: () => void): number;
/** TCP socket operations for Windows. */
export declare function windowsSocketOps(): SocketOps;
