/** A running example server. */
export interface ExampleServer {
    /** The port it listens on, on 127.0.0.1. */
    readonly port: number;
    /** `127.0.0.1:PORT` */
    readonly addr: string;
    /**
     * Sends SIGTERM and waits for the exit (SIGKILL and an error after 20 s,
     * an error unless it exits cleanly, printing its `done: …` line);
     * resolves with everything it printed.
     */
    stop(): Promise<string>;
}
/** Why `command` cannot be run here (for a skip message), or `false` when it can. */
export declare function missingCommand(command: string): string | false;
/** Runs a client to its end (at most 60 s) and returns what it printed; throws unless it exits with 0. */
export declare function runClient(command: string, args: string[]): string;
/** Starts `examples/<name>` on this runtime, listening on a free port; resolves once it says where. */
export declare function startExample(name: string): Promise<ExampleServer>;
