/** A soft and a hard limit; `Infinity` for `RLIM_INFINITY`. */
export interface Limit {
    /** The limit enforced. */
    readonly soft: number;
    /** The ceiling the soft limit may be raised to without privilege. */
    readonly hard: number;
}
/** This process's `RLIMIT_NOFILE`. */
export declare function nofileLimit(): Limit;
/** Sets this process's `RLIMIT_NOFILE` (the hard limit stays unless given). */
export declare function setNofileLimit(soft: number, hard?: number): void;
