import { spawnSync } from "node:child_process";
const r = spawnSync(process.execPath, ["run", "-A", "--v8-flags=--trace-gc", "tests/alloc/steady_state_loop.ts", "100000", "100000"], { encoding: "utf8" });
const lines = r.stdout.split("\n");
console.log("status", r.status, r.error?.message, "lines", lines.length);
console.log(lines.map((l, i) => `${i}: ${l.slice(0, 100)}`).filter((l) => /BEGIN|END|Scav|Mark/.test(l)).slice(0, 30).join("\n"));
console.log(r.stderr.slice(-500));
