/**
 * The socket operations every platform provides to `src/net`, and the
 * address data they exchange. Hot operations return a count, or
 * `WOULD_BLOCK`; every other failure throws `IoError`. `EINTR` is retried
 * inside.
 *
 * @module
 */
/** What hot operations return when the OS says the call would block. */
export const WOULD_BLOCK = -1;
