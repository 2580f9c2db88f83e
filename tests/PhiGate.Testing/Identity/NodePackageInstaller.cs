using System.Diagnostics;

namespace PhiGate.Testing.Identity;

/// <summary>
/// Installs a pinned npm package set into a per-user cache folder (never into the repository), once per machine.
/// The folder is <c>PHIGATE_TEST_CACHE</c> when set, else the user's local application data.
/// </summary>
internal static class NodePackageInstaller
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(3);

    public static string CacheRoot
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("PHIGATE_TEST_CACHE");
            var root = string.IsNullOrEmpty(configured)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "phigate-tests")
                : configured;
            Directory.CreateDirectory(root);
            return root;
        }
    }

    /// <summary>Returns the folder holding <c>node_modules</c>; null (with <paramref name="error"/>) when npm failed.</summary>
    public static async Task<(string? Folder, string? Error)> EnsureAsync(string npm, string name, string packageJson, string marker)
    {
        var folder = Path.Combine(CacheRoot, name);
        Directory.CreateDirectory(folder);
        if (File.Exists(Path.Combine(folder, marker)))
        {
            return (folder, null);
        }

        await using var gate = await AcquireLockAsync(Path.Combine(folder, ".install.lock"));
        if (File.Exists(Path.Combine(folder, marker)))
        {
            return (folder, null);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "package.json"), packageJson);
        var start = new ProcessStartInfo(npm, ["install", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (null, "npm install timed out");
        }

        return process.ExitCode == 0 && File.Exists(Path.Combine(folder, marker))
            ? (folder, null)
            : (null, $"npm install failed ({process.ExitCode}): {(await stderr).Trim()}");
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(500);
            }
        }
    }
}
