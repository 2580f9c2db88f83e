namespace PhiGate.Benchmarks.Redaction;

/// <summary>Loads the shared FHIR bundles at run time (they are never copied into the repository).</summary>
internal static class SharedBundles
{
    public static string Folder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PhiGate.slnx")))
        {
            directory = directory.Parent;
        }

        var folder = directory is null ? null : Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "fhir"));
        if (folder is null || !Directory.Exists(folder))
        {
            throw new InvalidOperationException("../shared/data/fhir not found next to the repository root");
        }

        return folder;
    }

    public static byte[][] Load()
    {
        var files = Directory.GetFiles(Folder(), "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        return [.. files.Select(File.ReadAllBytes)];
    }
}
