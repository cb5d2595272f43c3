/**
 * This process's Windows handle table, which stands in for `/proc/self/fd`
 * in the descriptor checks (`descriptors.ts`) when the suite runs on
 * Windows.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ffi } from "../../sys/ffi/load.ts";

let windowsApi: ReturnType<typeof openWindowsApi> | null = null;

function openWindowsApi() {
  return {
    ...ffi.open("kernel32.dll", {
      GetCurrentProcessId: { c: "DWORD GetCurrentProcessId(void)", args: [], result: "u32" },
      GetHandleInformation: {
        c: "BOOL GetHandleInformation(HANDLE hObject, LPDWORD lpdwFlags)",
        args: ["isize", "buffer"],
        result: "i32",
      },
    }),
    ...ffi.open("ntdll.dll", {
      NtQuerySystemInformation: {
        c: "NTSTATUS NtQuerySystemInformation(SYSTEM_INFORMATION_CLASS SystemInformationClass, " +
          "PVOID SystemInformation, ULONG SystemInformationLength, PULONG ReturnLength)",
        args: ["u32", "buffer", "u32", "buffer"],
        result: "i32",
      },
      NtQueryObject: {
        c: "NTSTATUS NtQueryObject(HANDLE Handle, OBJECT_INFORMATION_CLASS ObjectInformationClass, " +
          "PVOID ObjectInformation, ULONG ObjectInformationLength, PULONG ReturnLength)",
        args: ["isize", "u32", "buffer", "u32", "buffer"],
        result: "i32",
      },
    }),
  };
}

const SYSTEM_EXTENDED_HANDLE_INFORMATION = 64;
const STATUS_INFO_LENGTH_MISMATCH = 0xc0000004 | 0;
const HANDLE_FLAG_INHERIT = 1;
/** SYSTEM_HANDLE_INFORMATION_EX: NumberOfHandles, Reserved (ULONG_PTR each), then the entries. */
const HANDLES_HEADER = 16;
/**
 * SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX: Object, UniqueProcessId, HandleValue
 * (pointer-sized each), GrantedAccess (ULONG), CreatorBackTraceIndex,
 * ObjectTypeIndex (USHORT each), HandleAttributes, Reserved (ULONG each).
 */
const HANDLE_ENTRY = { size: 40, pid: 8, handle: 16 };
let handleTable = new Uint8Array(1 << 16);
const OBJECT_TYPE_INFORMATION = 2;
/** OBJECT_TYPE_INFORMATION starts with the type's name: a UNICODE_STRING (Length, then Buffer at 8). */
const typeInfo = new Uint8Array(1024);
const typeInfoView = new DataView(typeInfo.buffer);
/** The kinds of object mio-ts opens: sockets and AFD handles are File objects, a Poll's port an IoCompletion. */
export const MIO_OBJECT_TYPES: ReadonlySet<string> = new Set(["File", "IoCompletion"]);

/** `handle`'s object type name (`NtQueryObject`), e.g. "File", "Event", "IoCompletion"; "?" if unknown. */
function windowsHandleType(handle: number): string {
  const api = windowsApi ??= openWindowsApi();
  const length = new Uint32Array(1);
  const status = api.NtQueryObject(handle, OBJECT_TYPE_INFORMATION, typeInfo, typeInfo.byteLength, length);
  if (status !== 0) return "?";
  // The name lies in `typeInfo` (off the engine's moving heap: 1 KiB), where Buffer points.
  const name = ffi.view(Number(typeInfoView.getBigUint64(8, true)), typeInfoView.getUint16(0, true));
  return new TextDecoder("utf-16le").decode(new Uint8Array(name));
}

/**
 * This process's open handles (Windows): handle → its object type name,
 * from `NtQuerySystemInformation(SystemExtendedHandleInformation)`, which
 * Wine implements (its `GetProcessHandleCount` reports 0), and
 * `NtQueryObject`.
 */
export function windowsHandles(): Map<number, string> {
  const api = windowsApi ??= openWindowsApi();
  const needed = new Uint32Array(1);
  for (;;) {
    const status = api.NtQuerySystemInformation(
      SYSTEM_EXTENDED_HANDLE_INFORMATION,
      handleTable,
      handleTable.byteLength,
      needed,
    );
    if (status === 0) break;
    assert.equal(
      status,
      STATUS_INFO_LENGTH_MISMATCH,
      `NtQuerySystemInformation: status 0x${(status >>> 0).toString(16)}`,
    );
    handleTable = new Uint8Array(Math.max(handleTable.byteLength * 2, needed[0] + 4096));
  }
  const view = new DataView(handleTable.buffer);
  const pid = api.GetCurrentProcessId();
  const handles = new Map<number, string>();
  const count = Number(view.getBigUint64(0, true));
  for (let i = 0; i < count; i++) {
    const entry = HANDLES_HEADER + i * HANDLE_ENTRY.size;
    if (Number(view.getBigUint64(entry + HANDLE_ENTRY.pid, true)) !== pid) continue;
    const handle = Number(view.getBigUint64(entry + HANDLE_ENTRY.handle, true));
    handles.set(handle, windowsHandleType(handle));
  }
  return handles;
}

/**
 * How many File and IoCompletion handles this process has open (Windows):
 * the kinds mio-ts opens. The runtime's threads, events and semaphores come
 * and go on their own (Bun starts pool threads at any time), so they are not
 * counted.
 */
export function windowsMioHandleCount(): number {
  let n = 0;
  for (const type of windowsHandles().values()) if (MIO_OBJECT_TYPES.has(type)) n++;
  return n;
}

/** `GetHandleInformation`'s flags of `handle`, or `null` when it is not an open handle. */
export function windowsHandleFlags(handle: number): number | null {
  const api = windowsApi ??= openWindowsApi();
  const flags = new Uint32Array(1);
  return api.GetHandleInformation(handle, flags) !== 0 ? flags[0] : null;
}

/** Asserts `handle` is open and not inherited by child processes (mio's WSA_FLAG_NO_HANDLE_INHERIT). */
export function assertNotInheritable(handle: number): void {
  const flags = windowsHandleFlags(handle);
  assert.notEqual(flags, null, `handle ${handle} is not open`);
  assert.equal(flags! & HANDLE_FLAG_INHERIT, 0, `handle ${handle} is inheritable`);
}
