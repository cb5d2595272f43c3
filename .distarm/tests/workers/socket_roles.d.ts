import { type Role } from "./sync.ts";
/** The roles, by name. */
export declare const socketRoles: Record<string, Role>;
