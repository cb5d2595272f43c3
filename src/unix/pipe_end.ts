/**
 * `PipeEnd`: what `Sender` and `Receiver` add to a `DescriptorSource` —
 * `takeError()` (always `null`) and `setNonblocking()`.
 *
 * @module
 */
import { platform } from "../../sys/current.ts";
import type { IoError } from "../io_error.ts";
import { DescriptorSource } from "../descriptor_source.ts";

/** The base of `Sender` and `Receiver`: one end of a pipe, registrable with a `Poll`. */
export class PipeEnd extends DescriptorSource {
  /** @internal Takes ownership of `fd`; `what` names the type in errors. */
  protected constructor(fd: number, what: string) {
    super(fd, what, platform.pipe.close);
  }

  /**
   * Always `null`: a pipe has no pending-error slot (a socket's `SO_ERROR`);
   * its failures are thrown by `read`/`write`. Throws `BadResource` after close.
   */
  takeError(): IoError | null {
    void this.io.fd;
    return null;
  }

  /**
   * Sets or clears `O_NONBLOCK`, for a descriptor taken with `fromFd` (one
   * from a child process, say). `pipe()` makes both ends non-blocking.
   */
  setNonblocking(nonblocking: boolean): void {
    if (typeof nonblocking !== "boolean") throw new TypeError("nonblocking must be a boolean");
    platform.pipe.setNonblocking(this.io.fd, nonblocking);
  }
}
