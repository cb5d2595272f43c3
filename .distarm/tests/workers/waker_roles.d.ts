import { type Role } from "./sync.ts";
/** The roles, by name. */
export declare const wakerRoles: Record<string, Role>;
