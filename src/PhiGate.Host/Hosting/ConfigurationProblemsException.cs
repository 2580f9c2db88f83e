namespace PhiGate.Host.Hosting;

/// <summary>The configuration is invalid; <see cref="Problems"/> holds one line per problem.</summary>
public sealed class ConfigurationProblemsException : Exception
{
    public ConfigurationProblemsException(IReadOnlyList<string> problems)
        : base($"{problems.Count} configuration problem(s)") => Problems = problems;

    public ConfigurationProblemsException()
        : this([])
    {
    }

    public ConfigurationProblemsException(string message)
        : this([message])
    {
    }

    public ConfigurationProblemsException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}
