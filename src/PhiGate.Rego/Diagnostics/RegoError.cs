using System.Text;

namespace PhiGate.Rego.Diagnostics;

/// <summary>A Rego error with OPA's code (<c>rego_parse_error</c>, <c>eval_conflict_error</c>, ...) and location.</summary>
public sealed record RegoError(string Code, string Message, Location Location)
{
    /// <summary>Formats as OPA does: <c>file:line: code: message</c>.</summary>
    public override string ToString() =>
        Location.Line > 0 ? $"{Location.File}:{Location.Line}: {Code}: {Message}" : $"{Code}: {Message}";

    /// <summary>Formats with the source line and a caret under the column, when the source is known.</summary>
    public string ToDetailedString(string? source)
    {
        var sb = new StringBuilder();
        sb.Append(Location.File);
        if (Location.Line > 0)
        {
            sb.Append(':').Append(Location.Line).Append(':').Append(Location.Column);
        }

        sb.Append(": ").Append(Code).Append(": ").Append(Message);
        if (source is not null && Location.Line > 0)
        {
            var lines = source.Split('\n');
            if (Location.Line <= lines.Length)
            {
                var line = lines[Location.Line - 1].TrimEnd('\r');
                sb.AppendLine().Append('\t').Append(line.Replace('\t', ' '));
                sb.AppendLine().Append('\t').Append(' ', Math.Max(0, Location.Column - 1)).Append('^');
            }
        }

        return sb.ToString();
    }
}
