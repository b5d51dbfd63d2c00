/* Test-only stand-in for Windows 10's bcryptprimitives.dll, which Wine 8 lacks.
 *
 * Rust's standard library (1.78 and later) imports ProcessPrng from bcryptprimitives.dll for
 * HashMap keys and the like; under Debian's Wine 8 every Rust .exe then stops before main.
 * This shim answers ProcessPrng with RtlGenRandom (advapi32's SystemFunction036), which Wine
 * has. It is built by scripts/wine/setup.sh into the test prefix's system32 and never shipped:
 * real Windows 10/11 has the real DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst; (void)reason; (void)reserved;
    return TRUE;
}
