const g = globalThis;
/** The FFI backend of the runtime this code runs on, chosen once at import. */
export const ffi = g.Deno !== undefined
    ? (await import("./deno.js")).ffi
    : g.Bun !== undefined
        ? (await import("./bun.js")).ffi
        : (await import("./node.js")).ffi;
