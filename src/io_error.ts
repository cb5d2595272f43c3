/**
 * `IoError`: every failure mio-ts reports, with mio's `ErrorKind` name.
 * Defined at the bottom of the import graph (`sys/error.ts`), where the OS
 * layer raises it, and re-exported here for `src/` and users.
 *
 * @module
 */
export {
  badResource,
  type ErrorKind,
  invalidInput,
  IoError,
  type IoErrorOptions,
  kindOfCode,
} from "../sys/error.ts";
