using System.Diagnostics;

namespace PhiGate.Audit.Tests;

/// <summary>Runs the built <c>phigate</c> executable (same configuration and framework as this test assembly).</summary>
internal static class PhigateProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FindPhigate());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new AssertionException("phigate did not exit within 60s");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>tests/PhiGate.Audit.Tests/bin/&lt;config&gt;/&lt;tfm&gt; maps to src/PhiGate/bin/&lt;config&gt;/&lt;tfm&gt;.</summary>
    private static string FindPhigate()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PhiGate.slnx")))
        {
            root = root.Parent;
        }

        var path = root is null ? null : Path.Combine(root.FullName, "src", "PhiGate", "bin", configuration, framework, "phigate.dll");
        if (path is null || !File.Exists(path))
        {
            Assert.Ignore("phigate executable not built next to the tests; build src/PhiGate first");
        }

        return path!;
    }
}
