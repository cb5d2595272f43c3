// The Windows struct layouts of sys/windows/layout.ts, pinned to the sizes
// and offsets the Windows SDK headers give on x86_64 (aarch64 Windows is
// LLP64 too: the same). Plain data: this runs on every OS. The probe in
// ../shared/probes/windows/afd_probe.mts exercised the same layouts against
// Wine's kernel32/ntdll through all three FFIs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AFD_POLL_INFO, IO_STATUS_BLOCK, OBJECT_ATTRIBUTES, OVERLAPPED, OVERLAPPED_ENTRY, UNICODE_STRING, } from "../sys/windows/layout.js";
const DOCUMENTED = [
    // minwinbase.h: ULONG_PTR lpCompletionKey; LPOVERLAPPED lpOverlapped; ULONG_PTR Internal;
    // DWORD dwNumberOfBytesTransferred; (padded to 8)
    [OVERLAPPED_ENTRY, [32, {
                lpCompletionKey: [0, 8],
                lpOverlapped: [8, 8],
                Internal: [16, 8],
                dwNumberOfBytesTransferred: [24, 4],
            }]],
    // wdm.h: union { NTSTATUS Status; PVOID Pointer; }; ULONG_PTR Information;
    [IO_STATUS_BLOCK, [16, { Status: [0, 4], Information: [8, 8] }]],
    // afd.h (ReactOS/wepoll): LARGE_INTEGER Timeout; ULONG NumberOfHandles; ULONG Exclusive;
    // AFD_POLL_HANDLE_INFO Handles[1] = { HANDLE Handle; ULONG Events; NTSTATUS Status; }
    [AFD_POLL_INFO, [32, {
                Timeout: [0, 8],
                NumberOfHandles: [8, 4],
                Exclusive: [12, 4],
                "Handles[0].Handle": [16, 8],
                "Handles[0].Events": [24, 4],
                "Handles[0].Status": [28, 4],
            }]],
    // ntdef.h: USHORT Length; USHORT MaximumLength; PWSTR Buffer;
    [UNICODE_STRING, [16, { Length: [0, 2], MaximumLength: [2, 2], Buffer: [8, 8] }]],
    // ntdef.h: ULONG Length; HANDLE RootDirectory; PUNICODE_STRING ObjectName; ULONG Attributes;
    // PVOID SecurityDescriptor; PVOID SecurityQualityOfService;
    [OBJECT_ATTRIBUTES, [48, {
                Length: [0, 4],
                RootDirectory: [8, 8],
                ObjectName: [16, 8],
                Attributes: [24, 4],
                SecurityDescriptor: [32, 8],
                SecurityQualityOfService: [40, 8],
            }]],
    // minwinbase.h: ULONG_PTR Internal; ULONG_PTR InternalHigh; union { struct { DWORD Offset;
    // DWORD OffsetHigh; }; PVOID Pointer; }; HANDLE hEvent;
    [OVERLAPPED, [32, {
                Internal: [0, 8],
                InternalHigh: [8, 8],
                Offset: [16, 4],
                OffsetHigh: [20, 4],
                hEvent: [24, 8],
            }]],
];
for (const [struct, [size, fields]] of DOCUMENTED) {
    test(`${struct.c}: size and field offsets as the Windows headers give them (x86_64 and aarch64)`, () => {
        assert.equal(struct.size, size, `sizeof(${struct.c})`);
        const declared = Object.fromEntries(Object.values(struct.fields).map((field) => [field.c, [field.offset, field.size]]));
        assert.deepEqual(declared, fields, `fields of ${struct.c}`);
    });
}
test("every Windows struct's fields lie inside it, without overlapping", () => {
    for (const [struct] of DOCUMENTED) {
        const fields = [...Object.values(struct.fields)].sort((a, b) => a.offset - b.offset);
        let end = 0;
        for (const field of fields) {
            assert.ok(field.offset >= end, `${struct.c}.${field.c} overlaps the field before it`);
            end = field.offset + field.size;
            assert.ok(end <= struct.size, `${struct.c}.${field.c} ends past the struct`);
            assert.equal(field.offset % Math.min(field.size, 8), 0, `${struct.c}.${field.c} is misaligned`);
        }
    }
});
test("the event buffer's raw records hold OVERLAPPED_ENTRYs as 32-bit words", () => {
    assert.equal(OVERLAPPED_ENTRY.size % 4, 0);
    for (const field of Object.values(OVERLAPPED_ENTRY.fields))
        assert.equal(field.offset % 4, 0);
});
