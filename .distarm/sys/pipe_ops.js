/**
 * The pipe operations every Unix platform provides to `src/unix`. Hot
 * operations return a count, or `WOULD_BLOCK`; every other failure throws
 * `IoError`. `EINTR` is retried inside.
 *
 * @module
 */
export {};
