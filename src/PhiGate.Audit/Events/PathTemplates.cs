using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace PhiGate.Audit;

/// <summary>
/// Turns a request path into a template an investigator can group by (<c>/fhir/Patient/{id}</c>), with
/// every id segment kept only as a digest: ids in paths are personal identifiers.
/// </summary>
public static class PathTemplates
{
    private const int MaxWordLength = 40;
    private const int StackLimit = 512;

    /// <summary>Distinct templates kept for reuse; past this, templates are still made, just not kept.</summary>
    private const int MaxCachedTemplates = 1024;

    // Templates repeat on every request to a route; the cache turns each into one shared string. Only
    // templates are kept (ids are already replaced), so it never holds a personal value.
    private static readonly ConcurrentDictionary<string, string> Templates = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> TemplatesBySpan =
        Templates.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// A segment is kept when it is a word (a resource type, an operation such as <c>$everything</c> or
    /// <c>_history</c>); anything else, and any word right after a resource type, becomes <c>{id}</c>.
    /// The query is dropped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (string Template, List<AuditDigest> Ids) From(string path, IAuditTrail trail)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(trail);
        var question = path.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? path.AsSpan() : path.AsSpan(0, question);

        // "/x" becomes "/{id}" at worst: a template is at most 2.5 times its path.
        var capacity = (rawPath.Length * 5 / 2) + 1;
        var template = capacity <= StackLimit ? stackalloc char[StackLimit] : new char[capacity];
        var length = 0;
        var ids = new List<AuditDigest>();
        var previousIsType = false;
        foreach (var range in rawPath.Split('/'))
        {
            var segment = rawPath[range];
            if (segment.IsEmpty)
            {
                continue;
            }

            template[length++] = '/';
            var isOperation = segment[0] is '$' or '_';
            if (!IsWord(segment) || (previousIsType && !isOperation))
            {
                "{id}".CopyTo(template[length..]);
                length += 4;
                ids.Add(trail.Digest(segment));
                previousIsType = false;
                continue;
            }

            segment.CopyTo(template[length..]);
            length += segment.Length;
            previousIsType = char.IsAsciiLetterUpper(segment[0]);
        }

        return (length == 0 ? "/" : Shared(template[..length]), ids);
    }

    /// <summary>Letters plus <c>$ _ - .</c>, at most 40 characters, starting with a letter after any <c>$</c>/<c>_</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsWord(ReadOnlySpan<char> segment)
    {
        if (segment.Length > MaxWordLength)
        {
            return false;
        }

        var core = segment.TrimStart("$_");
        if (core.IsEmpty || !char.IsAsciiLetter(core[0]))
        {
            return false;
        }

        foreach (var c in segment)
        {
            if (!char.IsAsciiLetter(c) && c is not ('$' or '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Shared(ReadOnlySpan<char> template)
    {
        if (TemplatesBySpan.TryGetValue(template, out var shared))
        {
            return shared;
        }

        var text = template.ToString();
        if (Templates.Count < MaxCachedTemplates)
        {
            Templates.TryAdd(text, text);
        }

        return text;
    }
}
