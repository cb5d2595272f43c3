const SHUTDOWN_HOWS = ["read", "write", "both"];
/** Throws `TypeError` unless `how` is `"read"`, `"write"` or `"both"`. */
export function checkShutdownHow(how) {
    if (!SHUTDOWN_HOWS.includes(how)) {
        throw new TypeError(`shutdown takes "read", "write" or "both", got ${String(how)}`);
    }
    return how;
}
