namespace PhiGate.Rego.Tests;

/// <summary>Finds <c>../shared</c> next to the repository root (the folder holding PhiGate.slnx).</summary>
internal static class SharedFolder
{
    public static string? Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PhiGate.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir?.Parent is null)
        {
            return null;
        }

        var shared = Path.Combine(dir.Parent.FullName, "shared");
        return Directory.Exists(shared) ? shared : null;
    }

    public static string ConformanceCasesOrIgnore()
    {
        var shared = Find();
        var cases = shared is null ? null : Path.Combine(shared, "conformance", "opa", "cases");
        if (cases is null || !Directory.Exists(cases))
        {
            Assert.Ignore("../shared not found: the OPA conformance cases are not available");
        }

        return cases!;
    }
}
