/** `IOCTL_AFD_POLL` */
export declare const IOCTL_AFD_POLL = 73764;
/** Writes a 64-bit address (a number below 2^53) little-endian at `offset`. */
export declare function setAddress(w: DataView, offset: number, address: number): void;
/** One `\Device\Afd\Mio` handle, associated with a completion port; several sockets poll through it. */
export declare class Afd {
    /** The helper device's HANDLE. */
    readonly handle: number;
    /** How many sockets' states use this handle (the group closes it at 0). */
    users: number;
    private constructor();
    /**
     * Opens the helper device and associates it with `port` under `key`
     * (skipping the handle's event: completions go to the port only).
     *
     * @throws `IoError` when the device cannot be opened or associated.
     */
    static open(port: number, key: number): Afd;
    /**
     * Starts `IOCTL_AFD_POLL` with the AFD_POLL_INFO at `info` (input and
     * output) and the IO_STATUS_BLOCK at `iosb` (whose address is also the
     * completion's `lpOverlapped`). Both must stay allocated until the
     * completion is dequeued. Returns the NTSTATUS: `STATUS_PENDING` or
     * `STATUS_SUCCESS` (a completion is queued either way), else a failure.
     */
    poll(iosb: number, info: number): number;
    /**
     * Cancels the poll whose IO_STATUS_BLOCK is at `iosb` (its completion,
     * `STATUS_CANCELLED`, is still queued: the memory stays in use until
     * then). A poll that completed meanwhile is not an error.
     *
     * @throws `IoError` when `NtCancelIoFileEx` fails otherwise.
     */
    cancel(iosb: number): void;
    /** Closes the helper device (which cancels any poll still pending on it). */
    close(): void;
}
