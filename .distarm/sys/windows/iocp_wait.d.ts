/** One off-thread dequeue at a time, and the packets it dequeued until the selector takes them. */
export declare class IocpWait {
    #private;
    /** Dequeued packets (OVERLAPPED_ENTRY records), memory the other thread writes. */
    readonly words: Uint32Array<SharedArrayBuffer>;
    /** Whether a wait is in progress. */
    get pending(): boolean;
    /** Whether dequeued packets wait for the selector. */
    get hasPackets(): boolean;
    /** The index of the next packet not taken, and marks it taken; -1 when none is left. */
    take(): number;
    /**
     * Dequeues up to 64 packets of `port` off the JavaScript thread, waiting
     * up to `timeoutMs` (-1: no limit). Its failures are lost with its
     * thread: they end the wait with nothing (the selector's next `select`
     * meets them itself).
     */
    wait(port: number, timeoutMs: number): Promise<void>;
    /** Makes the pending wait return soon (posts an interrupt packet); nothing when none is pending. */
    interrupt(port: number): void;
}
