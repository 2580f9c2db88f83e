using System.Globalization;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

internal static partial class JsonPathBuiltins
{
    /// <summary>A patch step failed; json.patch is then undefined, as in OPA.</summary>
    private sealed class PatchException : Exception
    {
        public PatchException()
        {
        }

        public PatchException(string message)
            : base(message)
        {
        }

        public PatchException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }

    private static Value? Patch(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var target = a[0];
        var operations = Args.Array(a, 1);
        try
        {
            foreach (var op in operations.Items)
            {
                target = Apply(target, op);
            }

            return target;
        }
        catch (PatchException)
        {
            return null;
        }
        catch (BuiltinException)
        {
            return null;
        }
    }

    private static Value Apply(Value doc, Value operation)
    {
        if (operation is not ObjectValue op)
        {
            throw new PatchException("not an object");
        }

        var name = op.Get("op") as StringValue ?? throw new PatchException("op");
        var path = ParsePath(op.Get("path") ?? throw new PatchException("path"));
        Value Attr(string key) => op.Get(key) ?? throw new PatchException(key);
        switch (name.Value)
        {
            case "add":
                return Add(doc, path, 0, Attr("value"));
            case "remove":
                return Delete(doc, path, 0);
            case "replace":
                // Replacing the whole document ("" path) swaps the root.
                return path.Count == 0 ? Attr("value") : Add(Delete(doc, path, 0), path, 0, Attr("value"));
            case "move":
            {
                var from = ParsePath(Attr("from"));
                var chunk = Get(doc, from);
                return Add(Delete(doc, from, 0), path, 0, chunk);
            }

            case "copy":
                return Add(doc, path, 0, Get(doc, ParsePath(Attr("from"))));
            case "test":
                return Get(doc, path) == Attr("value") ? doc : throw new PatchException("test failed");
            default:
                throw new PatchException("unknown op");
        }
    }

    private static Value Get(Value doc, List<Value> path)
    {
        var current = doc;
        foreach (var segment in path)
        {
            current = current switch
            {
                ObjectValue o => o.Get(segment) ?? throw new PatchException("missing"),
                ArrayValue arr => arr[Index(segment, arr.Count, allowEnd: false)],
                SetValue s => s.Contains(segment) ? segment : throw new PatchException("missing"),
                _ => throw new PatchException("scalar"),
            };
        }

        return current;
    }

    private static Value Add(Value doc, List<Value> path, int depth, Value value)
    {
        if (depth == path.Count)
        {
            return value;
        }

        var key = path[depth];
        var last = depth == path.Count - 1;
        switch (doc)
        {
            case ObjectValue o:
                if (last)
                {
                    return Rebuild(o, key, value);
                }

                return Rebuild(o, key, Add(o.Get(key) ?? throw new PatchException("missing"), path, depth + 1, value));
            case ArrayValue arr:
                var items = arr.Items.ToArray().ToList();
                if (last)
                {
                    var at = key is StringValue { Value: "-" } ? items.Count : Index(key, items.Count, allowEnd: true);
                    items.Insert(at, value);
                }
                else
                {
                    var at = Index(key, items.Count, allowEnd: false);
                    items[at] = Add(items[at], path, depth + 1, value);
                }

                return Value.NewArray([.. items]);
            case SetValue s:
                if (last)
                {
                    return Value.NewSet([.. s.Items, value]);
                }

                if (!s.Contains(key))
                {
                    throw new PatchException("missing");
                }

                var updated = Add(key, path, depth + 1, value);
                return Value.NewSet([.. s.Items.ToArray().Where(v => v != key), updated]);
            default:
                throw new PatchException("scalar");
        }
    }

    private static Value Delete(Value doc, List<Value> path, int depth)
    {
        if (path.Count == 0)
        {
            throw new PatchException("root");
        }

        var key = path[depth];
        var last = depth == path.Count - 1;
        switch (doc)
        {
            case ObjectValue o:
                var child = o.Get(key) ?? throw new PatchException("missing");
                if (last)
                {
                    var b = new ObjectBuilder(o.Count);
                    for (var i = 0; i < o.Count; i++)
                    {
                        if (o.Keys[i] != key)
                        {
                            b.Add(o.Keys[i], o.Values[i]);
                        }
                    }

                    return b.Build();
                }

                return Rebuild(o, key, Delete(child, path, depth + 1));
            case ArrayValue arr:
                var items = arr.Items.ToArray().ToList();
                var at = Index(key, items.Count, allowEnd: false);
                if (last)
                {
                    items.RemoveAt(at);
                }
                else
                {
                    items[at] = Delete(items[at], path, depth + 1);
                }

                return Value.NewArray([.. items]);
            case SetValue s:
                if (!s.Contains(key))
                {
                    throw new PatchException("missing");
                }

                var rest = s.Items.ToArray().Where(v => v != key).ToList();
                if (!last)
                {
                    rest.Add(Delete(key, path, depth + 1));
                }

                return Value.NewSet([.. rest]);
            default:
                throw new PatchException("scalar");
        }
    }

    private static ObjectValue Rebuild(ObjectValue o, Value key, Value value)
    {
        var b = new ObjectBuilder(o.Count + 1);
        for (var i = 0; i < o.Count; i++)
        {
            b.Add(o.Keys[i], o.Values[i]);
        }

        return b.Add(key, value).Build();
    }

    private static int Index(Value key, int count, bool allowEnd)
    {
        long index;
        switch (key)
        {
            case NumberValue n when n.IsInteger && n.TryGetInt64(out var l):
                index = l;
                break;
            case StringValue s when s.Value.Length > 0 && (s.Value.Length == 1 || s.Value[0] != '0')
                && long.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p):
                index = p;
                break;
            default:
                throw new PatchException("bad index");
        }

        var max = allowEnd ? count : count - 1;
        if (index < 0 || index > max)
        {
            throw new PatchException("index out of range");
        }

        return (int)index;
    }
}
