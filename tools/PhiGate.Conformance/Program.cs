using System.Diagnostics;
using System.Text.Json;
using PhiGate.Conformance;

// Runs OPA conformance cases: --cases DIR [--report FILE.json] [--filter TEXT] [--verbose]
string? casesDir = null;
string? reportPath = null;
string? filter = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--cases" when i + 1 < args.Length:
            casesDir = args[++i];
            break;
        case "--report" when i + 1 < args.Length:
            reportPath = args[++i];
            break;
        case "--filter" when i + 1 < args.Length:
            filter = args[++i];
            break;
        default:
            Console.Error.WriteLine($"unknown argument: {args[i]}");
            Console.Error.WriteLine("usage: PhiGate.Conformance --cases DIR [--report FILE.json] [--filter TEXT]");
            return 2;
    }
}

if (casesDir is null || !Directory.Exists(casesDir))
{
    Console.Error.WriteLine("usage: PhiGate.Conformance --cases DIR [--report FILE.json] [--filter TEXT]");
    return 2;
}

var run = ConformanceSuite.Run(casesDir, filter);
foreach (var r in run.Results.Where(r => !r.Passed))
{
    Console.WriteLine($"FAIL {r.Note} ({r.File}): {r.Reason}");
}

if (reportPath is not null)
{
    var report = new
    {
        passed = run.Passed,
        total = run.Total,
        cases = run.Results.Select(r => new { note = r.Note, file = r.File, passed = r.Passed, reason = r.Reason, ms = r.Milliseconds }),
    };
    File.WriteAllText(reportPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
}

Debug.Assert(run.Total >= run.Passed, "passed cannot exceed total");
var pct = run.Total == 0 ? 0 : 100.0 * run.Passed / run.Total;
Console.WriteLine($"conformance: {run.Passed} of {run.Total} cases ({pct.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}%)");
return 0;
