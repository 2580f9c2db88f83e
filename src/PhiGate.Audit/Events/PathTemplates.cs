using System.Text;

namespace PhiGate.Audit;

/// <summary>
/// Turns a request path into a template an investigator can group by (<c>/fhir/Patient/{id}</c>), with
/// every id segment kept only as a digest: ids in paths are personal identifiers.
/// </summary>
public static class PathTemplates
{
    /// <summary>
    /// A segment is kept when it is a word (a resource type, an operation such as <c>$everything</c> or
    /// <c>_history</c>); anything else, and any word right after a resource type, becomes <c>{id}</c>.
    /// The query is dropped.
    /// </summary>
    public static (string Template, List<AuditDigest> Ids) From(string path, IAuditTrail trail)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(trail);
        var question = path.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? path : path[..question];
        var template = new StringBuilder();
        var ids = new List<AuditDigest>();
        var previousIsType = false;
        foreach (var segment in rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            template.Append('/');
            var core = segment.TrimStart('$', '_');
            var isWord = segment.Length <= 40 && core.Length > 0 && char.IsAsciiLetter(core[0])
                && segment.All(c => char.IsAsciiLetter(c) || c is '$' or '_' or '-' or '.');
            var isOperation = segment.StartsWith('$') || segment.StartsWith('_');
            if (!isWord || (previousIsType && !isOperation))
            {
                template.Append("{id}");
                ids.Add(trail.Digest(segment));
                previousIsType = false;
                continue;
            }

            template.Append(segment);
            previousIsType = char.IsAsciiLetterUpper(segment[0]);
        }

        return (template.Length == 0 ? "/" : template.ToString(), ids);
    }
}
