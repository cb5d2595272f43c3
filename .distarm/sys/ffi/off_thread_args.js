/**
 * Throws a `TypeError` unless `args` has one argument per parameter of
 * `spec` and every `buffer` argument is a view of a `SharedArrayBuffer`.
 */
export function checkOffThreadArgs(name, spec, args) {
    if (args.length !== spec.args.length) {
        throw new TypeError(`${name} takes ${spec.args.length} arguments, got ${args.length}`);
    }
    for (let i = 0; i < args.length; i++) {
        if (spec.args[i] !== "buffer")
            continue;
        const arg = args[i];
        if (!ArrayBuffer.isView(arg) || !(arg.buffer instanceof SharedArrayBuffer)) {
            throw new TypeError(`${name}: argument ${i} must be a typed array over a SharedArrayBuffer (the call runs off the JavaScript thread)`);
        }
    }
}
