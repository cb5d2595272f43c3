/**
 * The base handle of `socket`.
 *
 * @throws `IoError` (e.g. `WSAENOTSOCK` for something that is not a socket).
 */
export declare function baseSocket(socket: number): number;
