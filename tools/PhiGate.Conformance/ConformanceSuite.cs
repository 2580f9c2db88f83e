using System.Diagnostics;

namespace PhiGate.Conformance;

/// <summary>Loads and runs every case under a directory; each case is isolated so one failure never stops the run.</summary>
public static class ConformanceSuite
{
    public static SuiteRun Run(string casesDir, string? filter = null)
    {
        var results = new List<CaseOutcome>();
        foreach (var file in Directory.GetFiles(casesDir, "*.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(casesDir, file).Replace('\\', '/');
            if (filter is not null && !rel.Contains(filter, StringComparison.Ordinal))
            {
                continue;
            }

            List<ConformanceCase> cases;
            try
            {
                cases = CaseLoader.LoadFile(file, rel);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                results.Add(new CaseOutcome(rel, rel, false, "cannot load file: " + ex.Message, 0));
                continue;
            }

            foreach (var c in cases)
            {
                var sw = Stopwatch.StartNew();
                string? reason;
                try
                {
                    reason = RunIsolated(c);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    reason = "crash: " + ex.GetType().Name + ": " + ex.Message;
                }

                results.Add(new CaseOutcome(c.Note, rel, reason is null, reason, sw.ElapsedMilliseconds));
            }
        }

        return new SuiteRun(results);
    }

    private static string? RunIsolated(ConformanceCase c)
    {
        // A generous stack for the case thread: deep but legal policies evaluate, hostile ones hit the budget.
        string? reason = null;
        Exception? error = null;
        var t = new Thread(() =>
        {
            try
            {
                reason = CaseRunner.Run(c);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                error = ex;
            }
        }, 64 * 1024 * 1024);
        t.Start();
        if (!t.Join(TimeSpan.FromSeconds(30)))
        {
            return "timeout";
        }

        if (error is not null)
        {
            return "crash: " + error.GetType().Name + ": " + error.Message;
        }

        return reason;
    }
}

public sealed record CaseOutcome(string Note, string File, bool Passed, string? Reason, long Milliseconds);

public sealed class SuiteRun(List<CaseOutcome> results)
{
    public IReadOnlyList<CaseOutcome> Results { get; } = results;

    public int Passed => Results.Count(r => r.Passed);

    public int Total => Results.Count;
}
