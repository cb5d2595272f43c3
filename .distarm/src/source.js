/** Throws `TypeError` unless `source` implements `Source`. */
export function checkSource(source) {
    const s = source;
    if (s === null || typeof s !== "object" || typeof s.register !== "function" ||
        typeof s.reregister !== "function" || typeof s.deregister !== "function") {
        throw new TypeError("source must implement Source (register, reregister, deregister)");
    }
}
