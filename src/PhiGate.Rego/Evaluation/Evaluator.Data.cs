using PhiGate.Rego.Ast;
using PhiGate.Rego.Compilation;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>Follows a <c>data</c> reference through the rule tree, falling back to base documents.</summary>
    private bool EvalDataPath(Term[] path, int i, RuleNode node, Value?[] f, Func<Value, bool> k)
    {
        if (_state.DataOverrides is not null && FindOverride(node.Path) is { } ov)
        {
            return EvalRefRest(ov, path, i, f, k);
        }

        if (node.HasRules)
        {
            if (node.IsFunction)
            {
                return false;
            }

            var v = EvalNode(node);
            return v is not null && EvalRefRest(v, path, i, f, k);
        }

        if (i == path.Length)
        {
            return k(NodeValue(node));
        }

        var seg = path[i];
        if (seg is ValueTerm vt)
        {
            return DataStep(path, i, node, vt.Value, f, k);
        }

        if (IsEvaluable(seg, f))
        {
            return EvalTerm(seg, f, key => DataStep(path, i, node, key, f, k));
        }

        // Iterate the union of virtual children and base document keys.
        var baseDoc = BaseDoc(node.Path) as ObjectValue;
        var keys = new List<Value>();
        foreach (var name in node.Children.Keys)
        {
            keys.Add(Value.From(name));
        }

        if (baseDoc is not null)
        {
            foreach (var key in baseDoc.Keys)
            {
                if (key is not StringValue s || !node.Children.ContainsKey(s.Value))
                {
                    keys.Add(key);
                }
            }
        }

        keys.Sort(ValueComparer.Instance);
        foreach (var key in keys)
        {
            var kk = key;
            if (UnifyValue(seg, kk, f, () => DataStep(path, i, node, kk, f, k)))
            {
                return true;
            }
        }

        return false;
    }

    private bool DataStep(Term[] path, int i, RuleNode node, Value key, Value?[] f, Func<Value, bool> k)
    {
        if (key is StringValue s && node.Children.TryGetValue(s.Value, out var child))
        {
            return EvalDataPath(path, i + 1, child, f, k);
        }

        var baseDoc = BaseDoc(node.Path);
        if (baseDoc is null)
        {
            return false;
        }

        var next = Index(baseDoc, key);
        return next is not null && EvalRefRest(next, path, i + 1, f, k);
    }

    /// <summary>Gets the full value of a tree node without rules: its children plus base data.</summary>
    private Value NodeValue(RuleNode node)
    {
        EnsureStack();
        var baseDoc = BaseDoc(node.Path);
        if (node.Children.Count == 0)
        {
            return baseDoc ?? ObjectValue.Empty;
        }

        var b = new ObjectBuilder();
        if (baseDoc is ObjectValue bo)
        {
            for (var i = 0; i < bo.Count; i++)
            {
                b.Add(bo.Keys[i], bo.Values[i]);
            }
        }

        foreach (var (name, child) in node.Children)
        {
            Value? v;
            if (_state.DataOverrides is not null && FindOverride(child.Path) is { } ov)
            {
                v = ov;
            }
            else if (child.HasRules)
            {
                v = child.IsFunction ? null : EvalNode(child);
            }
            else
            {
                v = NodeValue(child);
            }

            if (v is null)
            {
                continue;
            }

            if (child.HasRules && baseDoc is ObjectValue under && under.Get(name) is { } existing)
            {
                // A rule and a base document at the same key: objects merge, otherwise the base document
                // stays, as OPA answers for the enclosing document.
                v = existing is ObjectValue eo && v is ObjectValue vo ? MergeBaseFirst(eo, vo) : existing;
            }

            b.Add(name, v);
        }

        return b.Build();
    }

    private static ObjectValue MergeBaseFirst(ObjectValue baseObj, ObjectValue virtualObj)
    {
        var b = new ObjectBuilder(baseObj.Count + virtualObj.Count);
        for (var i = 0; i < virtualObj.Count; i++)
        {
            b.Add(virtualObj.Keys[i], virtualObj.Values[i]);
        }

        for (var i = 0; i < baseObj.Count; i++)
        {
            var key = baseObj.Keys[i];
            var value = baseObj.Values[i];
            if (value is ObjectValue bo && virtualObj.Get(key) is ObjectValue vo)
            {
                value = MergeBaseFirst(bo, vo);
            }

            b.Add(key, value);
        }

        return b.Build();
    }

    /// <summary>Gets the base document at a path, with <c>with data...</c> overrides applied.</summary>
    private Value? BaseDoc(string[] path)
    {
        Value? cur = _data;
        foreach (var p in path)
        {
            cur = cur is ObjectValue o ? o.Get(p) : null;
            if (cur is null)
            {
                break;
            }
        }

        if (_state.DataOverrides is { } overrides)
        {
            foreach (var (opath, ov) in overrides)
            {
                if (IsPrefix(opath, path))
                {
                    cur = Descend(ov, opath.Length, path);
                }
                else if (IsPrefix(path, opath))
                {
                    cur = SetPath(cur ?? ObjectValue.Empty, opath, path.Length, ov);
                }
            }
        }

        return cur;
    }

    private Value? FindOverride(string[] path)
    {
        Value? found = null;
        foreach (var (opath, ov) in _state.DataOverrides!)
        {
            if (IsPrefix(opath, path))
            {
                found = Descend(ov, opath.Length, path);
            }
            else if (found is not null && IsPrefix(path, opath))
            {
                found = SetPath(found, opath, path.Length, ov);
            }
        }

        return found;
    }

    private static bool IsPrefix(Value[] prefix, string[] path)
    {
        if (prefix.Length > path.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (prefix[i] is not StringValue s || s.Value != path[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPrefix(string[] prefix, Value[] path)
    {
        if (prefix.Length >= path.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (path[i] is not StringValue s || s.Value != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static Value? Descend(Value v, int from, string[] path)
    {
        Value? cur = v;
        for (var i = from; i < path.Length && cur is not null; i++)
        {
            cur = cur is ObjectValue o ? o.Get(path[i]) : null;
        }

        return cur;
    }

    /// <summary>Returns <paramref name="doc"/> with <paramref name="path"/>[from..] set to <paramref name="value"/>, creating objects as needed.</summary>
    internal static Value SetPath(Value doc, Value[] path, int from, Value value)
    {
        if (from == path.Length)
        {
            return value;
        }

        var obj = doc as ObjectValue ?? ObjectValue.Empty;
        var child = obj.Get(path[from]) ?? ObjectValue.Empty;
        var b = new ObjectBuilder(obj.Count + 1);
        for (var i = 0; i < obj.Count; i++)
        {
            b.Add(obj.Keys[i], obj.Values[i]);
        }

        b.Add(path[from], SetPath(child, path, from + 1, value));
        return b.Build();
    }

    /// <summary>Evaluates the rules at a node (cached per query); null when undefined.</summary>
    private Value? EvalNode(RuleNode node)
    {
        var state = _state;
        state.CacheStates ??= new byte[_policy.NodeCount];
        state.CacheValues ??= new Value?[_policy.NodeCount];
        var states = state.CacheStates;
        if (states[node.Id] == 2)
        {
            return state.CacheValues[node.Id];
        }

        if (states[node.Id] == 1)
        {
            throw new RegoException(new RegoError(ErrorCodes.Recursion, $"rule {node.PathText} is recursive", node.Rules.Count > 0 ? node.Rules[0].Location : Location.None));
        }

        EnterDepth();
        states[node.Id] = 1;
        var done = false;
        try
        {
            var v = node.Kind == RuleKind.Complete ? EvalComplete(node) : EvalPartial(node);
            if (v is not null && node.Children.Count > 0 && v is ObjectValue obj)
            {
                v = MergeChildren(obj, node);
            }

            state.CacheValues[node.Id] = v;
            states[node.Id] = 2;
            done = true;
            return v;
        }
        finally
        {
            _depth--;
            if (!done)
            {
                states[node.Id] = 0;
            }
        }
    }

    private ObjectValue MergeChildren(ObjectValue obj, RuleNode node)
    {
        var b = new ObjectBuilder(obj.Count + node.Children.Count);
        for (var i = 0; i < obj.Count; i++)
        {
            b.Add(obj.Keys[i], obj.Values[i]);
        }

        foreach (var (name, child) in node.Children)
        {
            var v = child.HasRules ? (child.IsFunction ? null : EvalNode(child)) : NodeValue(child);
            if (v is not null)
            {
                var key = Value.From(name);
                b.Add(key, obj.Get(key) is { } existing ? MergeValues(existing, v, child, 1, LeafDepth(node)) : v);
            }
        }

        return b.Build();
    }

    /// <summary>
    /// How deep below a node the object structure built by its rule heads reaches (<c>p[q].r := v</c>: 2);
    /// a value found at that depth is a rule's value, which another rule may not extend.
    /// </summary>
    private static int LeafDepth(RuleNode node)
    {
        if (node.Kind != RuleKind.PartialObject)
        {
            return int.MaxValue;
        }

        var depth = 0;
        foreach (var r in node.Rules)
        {
            depth = Math.Max(depth, r.Suffix.Length);
        }

        return depth;
    }

    /// <summary>
    /// Merges two values produced for the same path by different rules: sets union, objects built by rule
    /// heads merge deeply, and a rule's own value (at <paramref name="leafDepth"/> or deeper) must be equal.
    /// </summary>
    private static Value MergeValues(Value a, Value b, RuleNode node, int depth = 0, int leafDepth = int.MaxValue)
    {
        if (a.Equals(b))
        {
            return a;
        }

        if (a is SetValue sa && b is SetValue sb)
        {
            return Builtins.SetOperatorBuiltins.Union(sa, sb);
        }

        if (depth < leafDepth && a is ObjectValue oa && b is ObjectValue ob)
        {
            var builder = new ObjectBuilder(oa.Count + ob.Count);
            for (var i = 0; i < oa.Count; i++)
            {
                var key = oa.Keys[i];
                builder.Add(key, ob.Get(key) is { } other ? MergeValues(oa.Values[i], other, node, depth + 1, leafDepth) : oa.Values[i]);
            }

            for (var i = 0; i < ob.Count; i++)
            {
                if (oa.Get(ob.Keys[i]) is null)
                {
                    builder.Add(ob.Keys[i], ob.Values[i]);
                }
            }

            return builder.Build();
        }

        throw new RegoException(new RegoError(ErrorCodes.EvalConflict, "object keys must be unique", node.Rules.Count > 0 ? node.Rules[0].Location : Location.None));
    }

    private Value? EvalComplete(RuleNode node)
    {
        var hits = MatchIndex(node, null);
        try
        {
            return EvalComplete(node, hits);
        }
        finally
        {
            ReleaseIndex(hits);
        }
    }

    private Value? EvalComplete(RuleNode node, int[]? hits)
    {
        Value? result = null;
        for (var r = 0; r < node.Rules.Count; r++)
        {
            if (!IsCandidate(node, hits, r))
            {
                continue;
            }

            var rule = node.Rules[r];
            for (var link = rule; link is not null; link = link.Else)
            {
                var frame = new Value?[link.SlotCount];
                if (link.Value is ValueTerm constantValue)
                {
                    if (HasSolution(link.Body, frame))
                    {
                        if (result is not null && !result.Equals(constantValue.Value))
                        {
                            throw new RegoException(new RegoError(ErrorCodes.EvalConflict, "complete rules must not produce multiple outputs", link.Location));
                        }

                        result = constantValue.Value;
                        break;
                    }

                    continue;
                }

                var mark = _trailTop;
                var resume = DirectPrefix(link.Body, frame, out var failed);
                if (failed)
                {
                    Unwind(mark);
                    continue;
                }

                if (resume == link.Body.Count && IsDirect(link.Value!, frame))
                {
                    var dv = EvalDirect(link.Value!, frame);
                    Unwind(mark);
                    if (dv is null)
                    {
                        continue;
                    }

                    if (result is not null && !result.Equals(dv))
                    {
                        throw new RegoException(new RegoError(ErrorCodes.EvalConflict, "complete rules must not produce multiple outputs", link.Location));
                    }

                    result = dv;
                    break;
                }

                var produced = false;
                var valueTerm = link.Value!;
                var constant = false;
                var l = link;
                try
                {
                    EvalBody(link.Body, resume, frame, () => EvalTerm(valueTerm, frame, v =>
                    {
                        if (result is not null && !result.Equals(v))
                        {
                            throw new RegoException(new RegoError(ErrorCodes.EvalConflict, "complete rules must not produce multiple outputs", l.Location));
                        }

                        result = v;
                        produced = true;
                        return constant;
                    }));
                }
                finally
                {
                    Unwind(mark);
                }

                if (produced)
                {
                    break;
                }
            }
        }

        if (result is null && node.Default is { } def)
        {
            var frame = new Value?[def.SlotCount];
            EvalTerm(def.Value!, frame, v =>
            {
                result = v;
                return true;
            });
        }

        return result;
    }

    private Value? EvalPartial(RuleNode node)
    {
        var hits = MatchIndex(node, null);
        try
        {
            return EvalPartial(node, hits);
        }
        finally
        {
            ReleaseIndex(hits);
        }
    }

    private Value? EvalPartial(RuleNode node, int[]? hits)
    {
        var root = new PartialBuilder();
        var any = false;
        for (var ri = 0; ri < node.Rules.Count; ri++)
        {
            if (!IsCandidate(node, hits, ri))
            {
                continue;
            }

            var rule = node.Rules[ri];
            var frame = new Value?[rule.SlotCount];
            var r = rule;
            var isSet = r.Kind == RuleKind.PartialSet;
            var leafTerm0 = isSet ? r.Key! : r.Value!;
            EvalBody(rule.Body, 0, frame, () =>
            {
                if (IsDirect(leafTerm0, frame) && AllDirect(r.Suffix, frame))
                {
                    var keys = r.Suffix.Length == 0 ? [] : new Value[r.Suffix.Length];
                    for (var i = 0; i < keys.Length; i++)
                    {
                        var kv = EvalDirect(r.Suffix[i], frame);
                        if (kv is null)
                        {
                            return false;
                        }

                        keys[i] = kv;
                    }

                    var lv = EvalDirect(leafTerm0, frame);
                    if (lv is not null)
                    {
                        root.Insert(keys, lv, isSet, r.Location);
                        any = true;
                    }

                    return false;
                }

                return EvalPartialLeaf(r, frame, root, ref any);
            });
        }

        if (!any)
        {
            return node.Kind == RuleKind.PartialSet && node.Rules.All(r => r.Suffix.Length == 0) ? SetValue.Empty
                : node.Kind == RuleKind.PartialObject || node.Kind == RuleKind.PartialSet ? ObjectValue.Empty : null;
        }

        return root.ToValue();
    }

    private bool AllDirect(Term[] terms, Value?[] f)
    {
        foreach (var t in terms)
        {
            if (!IsDirect(t, f))
            {
                return false;
            }
        }

        return true;
    }

    private bool EvalPartialLeaf(Rule r, Value?[] frame, PartialBuilder root, ref bool any)
    {
        var inserted = false;
        EvalTerms(r.Suffix, 0, new Value[r.Suffix.Length], frame, keys =>
            {
                var leafTerm = r.Kind == RuleKind.PartialSet ? r.Key! : r.Value!;
                return EvalTerm(leafTerm, frame, leaf =>
                {
                    root.Insert((Value[])keys.Clone(), leaf, r.Kind == RuleKind.PartialSet, r.Location);
                    inserted = true;
                    return false;
                });
            });
        any |= inserted;
        return false;
    }
}
