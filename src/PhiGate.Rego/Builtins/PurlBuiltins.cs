using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>purl.is_valid</c> and <c>purl.parse</c>: package URLs (<c>pkg:type/namespace/name@version?qualifiers#subpath</c>).</summary>
internal static class PurlBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Add("purl.is_valid", ["any"], "boolean", static (ctx, a) => Value.From(a[0] is StringValue s && TryParse(s.Value, out _, out _)));
        r.Add("purl.parse", ["string"], "object[string: any]", static (_, a) =>
        {
            var text = Args.String(a, 0);
            return TryParse(text, out var purl, out var error)
                ? purl
                : throw BuiltinErrors.Fail($"invalid PURL {JsonText.Serialize(Value.From(text))}: {error}");
        });
    }

    internal static bool TryParse(string text, out Value purl, out string error)
    {
        purl = Value.Null;
        if (!text.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase))
        {
            error = "scheme is missing";
            return false;
        }

        var rest = text[4..].TrimStart('/');
        var subpath = string.Empty;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            subpath = string.Join('/', rest[(hash + 1)..].Split('/').Select(p => p.Trim()).Where(p => p.Length > 0 && p != "." && p != "..").Select(Uri.UnescapeDataString));
            rest = rest[..hash];
        }

        var qualifiers = new ObjectBuilder();
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = (eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
                var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
                if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') || !seen.Add(key))
                {
                    error = $"invalid qualifier key: '{key}'";
                    return false;
                }

                if (value.Length > 0)
                {
                    qualifiers.Add(key, Value.From(value));
                }
            }

            rest = rest[..question];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            error = "purl is missing type or name";
            return false;
        }

        var type = rest[..slash].ToLowerInvariant();
        if (!type.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-') || char.IsAsciiDigit(type[0]))
        {
            error = $"invalid type {type}";
            return false;
        }

        rest = rest[(slash + 1)..].Trim('/');
        var version = string.Empty;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            version = Uri.UnescapeDataString(rest[(at + 1)..]);
            rest = rest[..at];
        }

        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (segments.Count == 0 || segments[^1].Length == 0)
        {
            error = "name is required";
            return false;
        }

        var name = segments[^1];
        var ns = string.Join('/', segments[..^1]);
        if (type is "github" or "bitbucket" or "pypi" or "hex")
        {
            name = name.ToLowerInvariant();
            ns = ns.ToLowerInvariant();
        }

        if (type == "pypi")
        {
            name = name.Replace('_', '-');
        }

        var b = new ObjectBuilder();
        b.Add("type", Value.From(type));
        b.Add("name", Value.From(name));
        if (ns.Length > 0)
        {
            b.Add("namespace", Value.From(ns));
        }

        if (version.Length > 0)
        {
            b.Add("version", Value.From(version));
        }

        if (subpath.Length > 0)
        {
            b.Add("subpath", Value.From(subpath));
        }

        var q = qualifiers.Build();
        if (q.Count > 0)
        {
            b.Add("qualifiers", q);
        }

        purl = b.Build();
        error = string.Empty;
        return true;
    }
}
