using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>json.filter</c>, <c>json.remove</c> (paths as <c>a/b/c</c> JSON pointers or arrays of segments) and <c>json.patch</c>.</summary>
internal static partial class JsonPathBuiltins
{
    private static readonly string[] ObjPaths = ["object[any: any]", "any<array[any<string, array[any]>], set[any<string, array[any]>]>"];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("json.filter", ObjPaths, "any", static (_, a) => Filter(Args.Object(a, 0), PathTree(a[1])));
        r.Add("json.remove", ObjPaths, "any", static (_, a) =>
        {
            var obj = Args.Object(a, 0);
            return Remove(obj, PathTree(a[1]));
        });
        r.Add("json.patch", ["any", "array[object[string: any]]"], "any", Patch);
    }

    /// <summary>Parses one path: a string pointer (<c>~1</c> is <c>/</c>, <c>~0</c> is <c>~</c>) or an array of segments.</summary>
    internal static List<Value> ParsePath(Value path)
    {
        switch (path)
        {
            case StringValue s:
                var segments = new List<Value>();
                if (s.Value.Length == 0)
                {
                    return segments;
                }

                foreach (var part in s.Value.TrimStart('/').Split('/'))
                {
                    segments.Add(Value.From(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));
                }

                return segments;
            case ArrayValue arr:
                return [.. arr.Items];
            default:
                throw BuiltinErrors.Type($"operand 2 must be one of {{set, array}} containing string paths or array of path segments but got {path.TypeName}");
        }
    }

    /// <summary>Builds the tree of paths: inner nodes are objects, leaves are null (take everything below).</summary>
    private static Value PathTree(Value paths)
    {
        var items = paths switch
        {
            ArrayValue x => x.Items,
            SetValue x => x.Items,
            _ => throw BuiltinErrors.OperandOneOf(1, paths, "set", "array"),
        };

        var root = new Node();
        foreach (var p in items)
        {
            var path = ParsePath(p);
            if (path.Count == 0)
            {
                continue;
            }

            var node = root;
            var done = false;
            for (var i = 0; i < path.Count - 1 && !done; i++)
            {
                if (!node.Children.TryGetValue(path[i], out var child))
                {
                    child = new Node();
                    node.Children[path[i]] = child;
                }
                else if (child.IsLeaf)
                {
                    done = true;
                }

                node = child;
            }

            if (!done)
            {
                node.Children[path[^1]] = new Node { IsLeaf = true };
            }
        }

        return root.ToValue();
    }

    private sealed class Node
    {
        public Dictionary<Value, Node> Children { get; } = [];

        public bool IsLeaf { get; init; }

        public Value ToValue()
        {
            if (IsLeaf)
            {
                return Value.Null;
            }

            var b = new ObjectBuilder(Children.Count);
            foreach (var (k, v) in Children)
            {
                b.Add(k, v.ToValue());
            }

            return b.Build();
        }
    }

    private static Value Filter(Value value, Value filter)
    {
        if (filter is NullValue)
        {
            return value;
        }

        var f = (ObjectValue)filter;
        switch (value)
        {
            case ArrayValue arr:
                var list = new List<Value>();
                for (var i = 0; i < arr.Count; i++)
                {
                    if (f.Get(Value.From(i.ToString(System.Globalization.CultureInfo.InvariantCulture))) is { } sub)
                    {
                        list.Add(Filter(arr[i], sub));
                    }
                }

                return Value.NewArray([.. list]);
            case SetValue set:
                var kept = new List<Value>();
                foreach (var v in set.Items)
                {
                    if (f.Get(v) is { } sub)
                    {
                        kept.Add(Filter(v, sub));
                    }
                }

                return Value.NewSet([.. kept]);
            case ObjectValue obj:
                var b = new ObjectBuilder();
                for (var i = 0; i < obj.Count; i++)
                {
                    if (f.Get(obj.Keys[i]) is { } sub)
                    {
                        b.Add(obj.Keys[i], Filter(obj.Values[i], sub));
                    }
                }

                return b.Build();
            default:
                return value;
        }
    }

    /// <summary>Removes the leaves of <paramref name="tree"/> from <paramref name="value"/>; null when the value itself goes.</summary>
    private static Value? Remove(Value value, Value? tree)
    {
        switch (tree)
        {
            case null:
                return value;
            case NullValue:
                return null;
            case not ObjectValue:
                return value;
        }

        var t = (ObjectValue)tree;
        switch (value)
        {
            case ObjectValue obj:
                var b = new ObjectBuilder(obj.Count);
                for (var i = 0; i < obj.Count; i++)
                {
                    if (Remove(obj.Values[i], t.Get(obj.Keys[i])) is { } kept)
                    {
                        b.Add(obj.Keys[i], kept);
                    }
                }

                return b.Build();
            case SetValue set:
                var items = new List<Value>();
                foreach (var v in set.Items)
                {
                    if (Remove(v, t.Get(v)) is { } kept)
                    {
                        items.Add(kept);
                    }
                }

                return Value.NewSet([.. items]);
            case ArrayValue arr:
                var list = new List<Value>();
                for (var i = 0; i < arr.Count; i++)
                {
                    if (Remove(arr[i], t.Get(Value.From(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))) is { } kept)
                    {
                        list.Add(kept);
                    }
                }

                return Value.NewArray([.. list]);
            default:
                return value;
        }
    }
}
