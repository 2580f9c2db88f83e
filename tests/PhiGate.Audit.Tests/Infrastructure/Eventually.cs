using System.Diagnostics;

namespace PhiGate.Audit.Tests;

/// <summary>Waits (in real time, bounded) for the background writer to reach a state.</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, Action? step = null, int timeoutMs = 10_000)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            if (condition())
            {
                return true;
            }

            step?.Invoke();
            await Task.Delay(10);
        }

        return condition();
    }
}
