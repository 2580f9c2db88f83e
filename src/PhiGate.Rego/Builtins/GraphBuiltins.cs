using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>walk</c> (every [path, value] pair of a document) and <c>graph.reachable</c>, <c>graph.reachable_paths</c>.</summary>
internal static class GraphBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.AddRelation("walk", ["any"], "array[any]", Walk);
        r.Add("graph.reachable", ["object[any: any<array[any], set[any]>]", "any<array[any], set[any]>"], "set[any]", Reachable);
        r.Add("graph.reachable_paths", ["object[any: any<array[any], set[any]>]", "any<array[any], set[any]>"], "set[array[any]]", ReachablePaths);
    }

    private static void Walk(BuiltinContext ctx, ReadOnlySpan<Value> a, List<Value> results)
    {
        var path = new List<Value>();
        WalkInto(ctx, a[0], path, results);
    }

    private static void WalkInto(BuiltinContext ctx, Value v, List<Value> path, List<Value> results)
    {
        ctx.CancellationToken.ThrowIfCancellationRequested();
        results.Add(Value.NewArray(Value.NewArray([.. path]), v));
        switch (v)
        {
            case ArrayValue arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    path.Add(Value.From(i));
                    WalkInto(ctx, arr[i], path, results);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case ObjectValue obj:
                for (var i = 0; i < obj.Count; i++)
                {
                    path.Add(obj.Keys[i]);
                    WalkInto(ctx, obj.Values[i], path, results);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case SetValue set:
                foreach (var item in set.Items)
                {
                    path.Add(item);
                    WalkInto(ctx, item, path, results);
                    path.RemoveAt(path.Count - 1);
                }

                break;
        }
    }

    private static ReadOnlySpan<Value> Vertices(Value? v) => v switch
    {
        ArrayValue a => a.Items,
        SetValue s => s.Items,
        _ => [],
    };

    private static Value Reachable(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var graph = Args.Object(a, 0);
        var initial = Args.Collection(a, 1);
        var queue = new Queue<Value>(initial.ToArray());
        var reached = new HashSet<Value>();
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (graph.Get(node) is not { } edges || reached.Contains(node))
            {
                continue;
            }

            reached.Add(node);
            foreach (var n in Vertices(edges))
            {
                if (!reached.Contains(n))
                {
                    queue.Enqueue(n);
                }
            }
        }

        return Value.NewSet([.. reached]);
    }

    private static Value ReachablePaths(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var graph = Args.Object(a, 0);
        var initial = Args.Collection(a, 1);
        var paths = new List<Value>();
        foreach (var start in initial)
        {
            if (graph.Get(start) is not null)
            {
                Extend(ctx, graph, [start], paths);
            }
        }

        return Value.NewSet([.. paths]);
    }

    /// <summary>Depth-first: a path ends where no unvisited neighbour that is a graph node remains.</summary>
    private static void Extend(BuiltinContext ctx, ObjectValue graph, List<Value> path, List<Value> paths)
    {
        ctx.CancellationToken.ThrowIfCancellationRequested();
        var extended = false;
        foreach (var next in Vertices(graph.Get(path[^1])))
        {
            if (graph.Get(next) is null || path.Contains(next))
            {
                continue;
            }

            extended = true;
            path.Add(next);
            Extend(ctx, graph, path, paths);
            path.RemoveAt(path.Count - 1);
        }

        if (!extended)
        {
            paths.Add(Value.NewArray([.. path]));
        }
    }
}
