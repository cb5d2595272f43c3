/** What `heapUsedAfterGc` measured. */
export interface HeapReport {
    /** `process.memoryUsage().heapUsed`, bytes. */
    heapUsed: number;
    /** Whether a full collection ran first. */
    collected: boolean;
}
/** Collects garbage if the runtime lets us, then reads the JS heap in use. */
export declare function heapUsedAfterGc(): HeapReport;
