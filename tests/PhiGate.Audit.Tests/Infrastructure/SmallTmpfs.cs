using System.Diagnostics;

namespace PhiGate.Audit.Tests;

/// <summary>
/// A tiny tmpfs mounted for one test, to make a real "disk full". Needs mount privileges; where they are
/// missing the test is ignored with a clear message (on CI, <c>CI=true</c>, it fails instead).
/// </summary>
internal sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public static SmallTmpfs Mount(string path, string size)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsLinux() || Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path) != 0)
        {
            const string Message = "mounting a small tmpfs needs Linux and mount privileges; the disk-full test cannot run here";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(Message);
            }

            Assert.Ignore(Message);
        }

        return new SmallTmpfs(path);
    }

    public void Resize(string size)
    {
        Assert.That(Run("mount", "-o", $"remount,size={size}", Path), Is.Zero, "tmpfs remount failed");
    }

    public void Dispose() => Run("umount", "-l", Path);

    private static int Run(string file, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
                return -1;
            }

            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
