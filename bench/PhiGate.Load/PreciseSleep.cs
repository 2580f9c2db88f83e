using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PhiGate.Load;

/// <summary>
/// Sleeps until a Stopwatch timestamp with sub-millisecond precision. <see cref="Thread.Sleep(int)"/> rounds to
/// whole milliseconds, too coarse for a 200 µs send interval; on Linux the thread's timer slack is set to
/// 1 µs and <c>nanosleep</c> is used, elsewhere the thread yields until the deadline. The last few
/// microseconds are spun so a call leaves on time rather than a timer slack late.
/// </summary>
internal static partial class PreciseSleep
{
    private const int PrSetTimerSlack = 29;
    private static readonly long SpinTicks = Stopwatch.Frequency / 50_000; // 20 µs
    [ThreadStatic]
    private static bool _native;

    /// <summary>Call once on the thread that will sleep: sets its timer slack (Linux); false when unavailable.</summary>
    public static bool PrepareThread() => _native = OperatingSystem.IsLinux() && TrySetTimerSlack();

    public static void Until(long deadline)
    {
        while (true)
        {
            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining <= SpinTicks)
            {
                Thread.SpinWait(20);
                continue;
            }

            var nanoseconds = (remaining - SpinTicks) * 1_000_000_000 / Stopwatch.Frequency;
            if (_native)
            {
                var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
                _ = NanoSleep(in request, IntPtr.Zero);
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    private static bool TrySetTimerSlack()
    {
        try
        {
            return PrCtl(PrSetTimerSlack, 1000, 0, 0, 0) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, IntPtr remaining);

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int PrCtl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
