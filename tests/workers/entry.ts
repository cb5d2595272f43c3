// The Worker script of tests/workers.test.ts and tests/registration.test.ts:
// plays the role that workerData.role names (one script, so Deno type-checks
// it once per Worker). With workerData.serve, it stays up and plays each
// role posted to it in turn, answering { roleEnded: null } (or the error's
// stack) after each: Deno type-checks every new Worker (about as long as
// the role itself), so a test file that runs many short roles reuses one.
import { parentPort, workerData } from "node:worker_threads";
import type { Role } from "./sync.ts";
import { wakerRoles } from "./waker_roles.ts";
import { registryRoles } from "./registry_roles.ts";
import { socketRoles } from "./socket_roles.ts";
import { registrationRoles } from "./registration_roles.ts";

const roles: Record<string, Role> = { ...wakerRoles, ...registryRoles, ...socketRoles, ...registrationRoles };
type RoleData = Record<string, unknown> & { role: string; steps: SharedArrayBuffer };

function play(data: RoleData): void {
  const role = roles[data.role];
  if (role === undefined) throw new Error(`no Worker role ${data.role}`);
  role({ data, cells: new Int32Array(data.steps), post: (message) => parentPort!.postMessage(message) });
}

if ((workerData as { serve?: boolean }).serve === true) {
  parentPort!.on("message", (data: RoleData) => {
    let roleEnded: string | null = null;
    try {
      play(data);
    } catch (e) {
      roleEnded = String((e as Error)?.stack ?? e);
    }
    parentPort!.postMessage({ roleEnded });
  });
} else {
  play(workerData as RoleData);
}
