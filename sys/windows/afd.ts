/**
 * AFD handles (mio's `afd.rs`, after wepoll): a `\Device\Afd\Mio` handle
 * associated with the selector's port, through which `IOCTL_AFD_POLL`
 * watches one socket (by its base handle) per operation.
 *
 * @module
 */
import { allocNative, type NativeBlock } from "./native_memory.ts";
import { FILE_SKIP_SET_EVENT_ON_HANDLE, kernel32 } from "./kernel32.ts";
import { closeHeldHandle, heldHandle } from "./thread_exit_fls.ts";
import { ntdll, STATUS_NOT_FOUND, STATUS_SUCCESS } from "./ntdll.ts";
import { AFD_POLL_INFO, IO_STATUS_BLOCK, OBJECT_ATTRIBUTES, UNICODE_STRING } from "./layout.ts";
import { osError } from "./errno_windows.ts";

/** `IOCTL_AFD_POLL` */
export const IOCTL_AFD_POLL = 0x00012024;

/** The helper device mio opens (any name under `\Device\Afd` works; mio's is `\Device\Afd\Mio`). */
const AFD_HELPER_NAME = "\\Device\\Afd\\Mio";
const SYNCHRONIZE = 0x0010_0000;
const FILE_SHARE_READ = 0x1;
const FILE_SHARE_WRITE = 0x2;
const FILE_OPEN = 0x1;

/**
 * `NtCreateFile`'s arguments for the helper device, built once in native
 * memory (its structures point at each other) and kept for the process's
 * lifetime: OBJECT_ATTRIBUTES, UNICODE_STRING, an IO_STATUS_BLOCK, the
 * output HANDLE, then the UTF-16 name.
 */
interface CreateArgs {
  readonly block: NativeBlock;
  readonly attributes: number;
  readonly iosb: number;
  readonly handleAt: number;
}

let createArgs: CreateArgs | null = null;

function helperCreateArgs(): CreateArgs {
  if (createArgs !== null) return createArgs;
  const nameAt = OBJECT_ATTRIBUTES.size + UNICODE_STRING.size + IO_STATUS_BLOCK.size + 8;
  const block = allocNative(nameAt + AFD_HELPER_NAME.length * 2);
  const w = block.words;
  for (let i = 0; i < AFD_HELPER_NAME.length; i++) {
    w.setUint16(nameAt + i * 2, AFD_HELPER_NAME.charCodeAt(i), true);
  }
  const u = OBJECT_ATTRIBUTES.size;
  const us = UNICODE_STRING.fields;
  w.setUint16(u + us.length.offset, AFD_HELPER_NAME.length * 2, true);
  w.setUint16(u + us.maximumLength.offset, AFD_HELPER_NAME.length * 2, true);
  setAddress(w, u + us.buffer.offset, block.address + nameAt);
  const oa = OBJECT_ATTRIBUTES.fields;
  w.setUint32(oa.length.offset, OBJECT_ATTRIBUTES.size, true);
  setAddress(w, oa.objectName.offset, block.address + u);
  createArgs = {
    block,
    attributes: block.address,
    iosb: block.address + u + UNICODE_STRING.size,
    handleAt: u + UNICODE_STRING.size + IO_STATUS_BLOCK.size,
  };
  return createArgs;
}

/** Writes a 64-bit address (a number below 2^53) little-endian at `offset`. */
export function setAddress(w: DataView, offset: number, address: number): void {
  w.setUint32(offset, address % 0x1_0000_0000, true);
  w.setUint32(offset + 4, Math.floor(address / 0x1_0000_0000), true);
}

/** Reads a 64-bit address (a number below 2^53) written little-endian at `offset`. */
function getAddress(w: DataView, offset: number): number {
  return w.getUint32(offset, true) + w.getUint32(offset + 4, true) * 0x1_0000_0000;
}

/** `NtCancelIoFileEx`'s own IO_STATUS_BLOCK (written synchronously, never read), shared by every cancel. */
let cancelIosb: NativeBlock | null = null;

/** One `\Device\Afd\Mio` handle, associated with a completion port; several sockets poll through it. */
export class Afd {
  /** The helper device's HANDLE. */
  readonly handle: number;
  /** How many sockets' states use this handle (the group closes it at 0). */
  users = 0;

  private constructor(handle: number) {
    this.handle = handle;
  }

  /**
   * Opens the helper device and associates it with `port` under `key`
   * (skipping the handle's event: completions go to the port only).
   *
   * @throws `IoError` when the device cannot be opened or associated.
   */
  static open(port: number, key: number): Afd {
    const args = helperCreateArgs();
    const status = ntdll.NtCreateFile(
      args.block.address + args.handleAt,
      SYNCHRONIZE,
      args.attributes,
      args.iosb,
      0,
      0,
      FILE_SHARE_READ | FILE_SHARE_WRITE,
      FILE_OPEN,
      0,
      0,
      0,
    );
    if (status !== STATUS_SUCCESS) {
      throw osError(ntdll.RtlNtStatusToDosError(status), "NtCreateFile(\\Device\\Afd\\Mio)");
    }
    const afd = new Afd(heldHandle(getAddress(args.block.words, args.handleAt)));
    if (
      kernel32.CreateIoCompletionPort(afd.handle, port, key, 0) === 0 ||
      kernel32.SetFileCompletionNotificationModes(afd.handle, FILE_SKIP_SET_EVENT_ON_HANDLE) === 0
    ) {
      const e = kernel32.GetLastError();
      closeHeldHandle(afd.handle);
      throw osError(e, "CreateIoCompletionPort");
    }
    return afd;
  }

  /**
   * Starts `IOCTL_AFD_POLL` with the AFD_POLL_INFO at `info` (input and
   * output) and the IO_STATUS_BLOCK at `iosb` (whose address is also the
   * completion's `lpOverlapped`). Both must stay allocated until the
   * completion is dequeued. Returns the NTSTATUS: `STATUS_PENDING` or
   * `STATUS_SUCCESS` (a completion is queued either way), else a failure.
   */
  poll(iosb: number, info: number): number {
    return ntdll.NtDeviceIoControlFile(
      this.handle,
      0,
      0,
      iosb,
      iosb,
      IOCTL_AFD_POLL,
      info,
      AFD_POLL_INFO.size,
      info,
      AFD_POLL_INFO.size,
    );
  }

  /**
   * Cancels the poll whose IO_STATUS_BLOCK is at `iosb` (its completion,
   * `STATUS_CANCELLED`, is still queued: the memory stays in use until
   * then). A poll that completed meanwhile is not an error.
   *
   * @throws `IoError` when `NtCancelIoFileEx` fails otherwise.
   */
  cancel(iosb: number): void {
    cancelIosb ??= allocNative(IO_STATUS_BLOCK.size);
    const status = ntdll.NtCancelIoFileEx(this.handle, iosb, cancelIosb.address);
    if (status !== STATUS_SUCCESS && status !== STATUS_NOT_FOUND) {
      throw osError(ntdll.RtlNtStatusToDosError(status), "NtCancelIoFileEx");
    }
  }

  /** Closes the helper device (which cancels any poll still pending on it). */
  close(): void {
    closeHeldHandle(this.handle);
  }
}
