using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace PhiGate.Host.Hosting;

/// <summary>Collects the failures that ValidateOnStart, the configuration binder and Kestrel's listeners raise at start-up.</summary>
internal static class StartupProblems
{
    public static List<string>? From(Exception exception)
    {
        var lines = new List<string>();
        Collect(exception, lines);
        return lines.Count > 0 ? lines : null;
    }

    private static void Collect(Exception exception, List<string> lines)
    {
        switch (exception)
        {
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, lines);
                }

                break;
            case OptionsValidationException validation:
                lines.AddRange(validation.Failures);
                break;
            case ConfigurationProblemsException problems:
                lines.AddRange(problems.Problems);
                break;
            case IOException bind when bind.InnerException is AddressInUseException:
                // Kestrel's message names the address and the reason, nothing else.
                lines.Add("server: " + bind.Message);
                break;
            case InvalidOperationException binder when IsBinderError(binder):
                // The binder names the key and the type it expected; it never echoes a secret's value.
                lines.Add(binder.Message);
                break;
        }
    }

    private static bool IsBinderError(InvalidOperationException exception) =>
        exception.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase)
        && exception.StackTrace?.Contains("Microsoft.Extensions.Configuration.ConfigurationBinder", StringComparison.Ordinal) == true;
}
