/** `AFD_POLL_RECEIVE`: data to read. */
export declare const AFD_POLL_RECEIVE = 1;
/** `AFD_POLL_RECEIVE_EXPEDITED`: out-of-band data to read. */
export declare const AFD_POLL_RECEIVE_EXPEDITED = 2;
/** `AFD_POLL_SEND`: room to write. */
export declare const AFD_POLL_SEND = 4;
/** `AFD_POLL_DISCONNECT`: the peer shut down its sending side. */
export declare const AFD_POLL_DISCONNECT = 8;
/** `AFD_POLL_ABORT`: the connection was reset or aborted. */
export declare const AFD_POLL_ABORT = 16;
/** `AFD_POLL_LOCAL_CLOSE`: the socket was closed in this process. */
export declare const AFD_POLL_LOCAL_CLOSE = 32;
/** `AFD_POLL_ACCEPT`: a connection to accept. */
export declare const AFD_POLL_ACCEPT = 128;
/** `AFD_POLL_CONNECT_FAIL`: a connect failed. */
export declare const AFD_POLL_CONNECT_FAIL = 256;
/**
 * Every event mio asks AFD for (`AFD_POLL_CONNECT`, 0x40, is left out as
 * mio and wepoll do: it is reported on every poll of a connected socket).
 */
export declare const AFD_KNOWN_EVENTS: number;
/**
 * mio's `interests_to_afd_flags`, plus `PRIORITY` → `AFD_POLL_RECEIVE_EXPEDITED`
 * (mio has no priority interest on Windows; wepoll maps `EPOLLPRI` so).
 * The selector adds `AFD_POLL_CONNECT_FAIL | AFD_POLL_ABORT` to every
 * registration, as mio's `set_event` does.
 */
export declare function afdFlags(interest: number): number;
/** mio's `event.rs` for AFD: poll events to portable readiness bits. */
export declare function afdReadiness(events: number): number;
