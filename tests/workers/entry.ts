// The Worker script of tests/workers.test.ts: plays the role that
// workerData.role names (one script, so Deno type-checks it once per run).
import { parentPort, workerData } from "node:worker_threads";
import type { Role } from "./sync.ts";
import { wakerRoles } from "./waker_roles.ts";
import { registryRoles } from "./registry_roles.ts";
import { socketRoles } from "./socket_roles.ts";
import { registrationRoles } from "./registration_roles.ts";

const roles: Record<string, Role> = { ...wakerRoles, ...registryRoles, ...socketRoles, ...registrationRoles };
const data = workerData as Record<string, unknown> & { role: string; steps: SharedArrayBuffer };
const role = roles[data.role];
if (role === undefined) throw new Error(`no Worker role ${data.role}`);
role({ data, cells: new Int32Array(data.steps), post: (message) => parentPort!.postMessage(message) });
