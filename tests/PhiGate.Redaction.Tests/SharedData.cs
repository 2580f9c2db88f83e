namespace PhiGate.Redaction.Tests;

/// <summary>Finds the shared test material next to the repository (never copied into it).</summary>
internal static class SharedData
{
    /// <summary>The shared folder, or null when it is not there.</summary>
    public static string? Root()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PhiGate.slnx")))
            {
                var shared = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared"));
                return Directory.Exists(shared) ? shared : null;
            }

            directory = directory.Parent;
        }

        return null;
    }

    /// <summary>The FHIR bundles, or Assert.Ignore when the shared folder is absent.</summary>
    public static string[] FhirBundles()
    {
        var root = Root();
        var folder = root is null ? null : Path.Combine(root, "data", "fhir");
        if (folder is null || !Directory.Exists(folder))
        {
            Assert.Ignore("../shared not found: the FHIR quality report needs ../shared/data/fhir");
        }

        var files = Directory.GetFiles(folder!, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }
}
