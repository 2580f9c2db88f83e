namespace PhiGate.Deployment.Tests;

/// <summary>Finds the repository's files from the test assembly's directory.</summary>
internal static class RepositoryLayout
{
    private const string SolutionFile = "PhiGate.slnx";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds <c>PhiGate.slnx</c>.</summary>
    public static string Root => LazyRoot.Value;

    public static string EnvoyConfig => Path.Combine(Root, "envoy", "envoy.yaml");

    public static string EnvoyMtlsAppCluster => Path.Combine(Root, "envoy", "app-cluster-mtls.yaml");

    public static string CertificateScript => Path.Combine(Root, "envoy", "certs.sh");

    public static string Chart => Path.Combine(Root, "charts", "phigate");

    public static string Dockerfile => Path.Combine(Root, "Dockerfile");

    public static string DockerIgnore => Path.Combine(Root, ".dockerignore");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }

            directory = directory.Parent;
        }

        throw new InvalidOperationException($"{SolutionFile} not found above the test assembly directory.");
    }
}
