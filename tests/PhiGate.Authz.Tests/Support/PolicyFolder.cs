namespace PhiGate.Authz.Tests.Support;

/// <summary>A temporary folder of Rego files for <c>authz.policy_dirs</c>.</summary>
internal sealed class PolicyFolder : IDisposable
{
    public PolicyFolder(params (string Name, string Source)[] files)
    {
        Path = Directory.CreateTempSubdirectory("phigate-policy-").FullName;
        foreach (var (name, source) in files)
        {
            File.WriteAllText(System.IO.Path.Combine(Path, name), source);
        }
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
