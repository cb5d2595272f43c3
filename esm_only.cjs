// What `require("mio-ts")` loads (package.json "exports", condition
// "require"): mio-ts is an ES module whose FFI loader uses top-level await,
// which `require()` cannot wait for, so CommonJS code loads it with import().
"use strict";

const error = new Error(
  'mio-ts is an ES module only: require("mio-ts") cannot load it (its FFI loader uses top-level await). ' +
    'From CommonJS, use `const mio = await import("mio-ts");` inside an async function ' +
    '(likewise "mio-ts/net", "mio-ts/unix", "mio-ts/windows").',
);
error.code = "ERR_REQUIRE_ESM";
throw error;
