/**
 * The one argument every benchmark server takes: the port to listen on
 * (127.0.0.1:PORT).
 *
 * @module
 */
import process from "node:process";
/** The port given as the first argument; throws `RangeError` with the usage otherwise. */
export function portArg() {
    const arg = process.argv[2];
    const port = Number(arg);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new RangeError(`usage: <server> PORT (an integer 1-65535), got ${String(arg)}`);
    }
    return port;
}
