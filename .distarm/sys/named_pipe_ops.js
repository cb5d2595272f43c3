/**
 * The named-pipe operations a platform provides to `src/windows`
 * (Windows named pipes, mio's `windows::NamedPipe`), and their stand-in on
 * platforms without them. Hot operations return a count, or
 * `WOULD_BLOCK`; every other failure throws `IoError`.
 *
 * @module
 */
import { IoError } from "../src/io_error.js";
/** The error of every named-pipe operation where there are none. */
function noNamedPipes() {
    throw new IoError("Unsupported", "named pipes (NamedPipe) exist only on Windows", { code: "EOPNOTSUPP" });
}
/** Named-pipe operations of a platform without Windows named pipes: each throws `Unsupported`. */
export const unsupportedNamedPipeOps = {
    create: noNamedPipes,
    open: noNamedPipes,
    fromHandle: noNamedPipes,
};
