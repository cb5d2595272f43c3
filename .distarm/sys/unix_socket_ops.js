/**
 * The Unix-domain socket operations every Unix platform provides to
 * `src/unix`, and the address data they exchange. Hot operations return a
 * count, or `WOULD_BLOCK`; every other failure throws `IoError`. `EINTR` is
 * retried inside. Reads, writes, peeks, shutdown, `takeErrno` and close of a
 * Unix socket are the generic socket operations of `SocketOps`.
 *
 * @module
 */
export {};
