namespace PhiGate.Testing.Hosting;

/// <summary>
/// Finds the read-only shared materials (<c>../shared</c> beside the repository: OPA's conformance
/// cases, synthetic FHIR data, Envoy reference). A user's clone may not have them: tests then skip.
/// </summary>
public static class SharedMaterials
{
    /// <summary>The repository root: the nearest folder above the test assembly holding <c>PhiGate.slnx</c>.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PhiGate.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("PhiGate.slnx not found above the test assembly");
        }
    }

    /// <summary>Full path of <paramref name="relative"/> under <c>../shared</c>, or an ignored test when it is absent.</summary>
    public static string Require(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", relative));
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            Assert.Ignore($"../shared/{relative} not found: this test needs the shared materials beside the repository.");
        }

        return path;
    }
}
