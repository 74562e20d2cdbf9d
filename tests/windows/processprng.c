/* For the Windows smoke test under Wine only — never shipped. Rust's standard library for
 * x86_64-pc-windows-gnu imports ProcessPrng from bcryptprimitives.dll, which Windows 10 and
 * later have and Wine 8 lacks (kohyo.exe then exits 53 at start). This stand-in, placed next to
 * kohyo.exe in the test's folder, fills the buffer with advapi32's RtlGenRandom. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
