// The Worker script of tests/workers.test.ts: plays the role that
// workerData.role names (one script, so Deno type-checks it once per run).
import { parentPort, workerData } from "node:worker_threads";
import { wakerRoles } from "./waker_roles.js";
import { registryRoles } from "./registry_roles.js";
import { socketRoles } from "./socket_roles.js";
const roles = { ...wakerRoles, ...registryRoles, ...socketRoles };
const data = workerData;
const role = roles[data.role];
if (role === undefined)
    throw new Error(`no Worker role ${data.role}`);
role({ data, cells: new Int32Array(data.steps), post: (message) => parentPort.postMessage(message) });
