using System.Runtime.CompilerServices;
using PhiGate.Rego.Ast;
using PhiGate.Rego.Types;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Compilation.TypeCheck;

/// <summary>Types of terms, and the checks of references (OPA's ref checker).</summary>
internal sealed partial class TypeChecker
{
    /// <summary>The type of a term for a message or a comparison, reporting nothing.</summary>
    private RegoType? TypeOfSilently(Term t)
    {
        _silent++;
        try
        {
            return TypeOf(t);
        }
        finally
        {
            _silent--;
        }
    }

    /// <summary>The type of a term (null while a variable is unbound); reports errors inside it.</summary>
    private RegoType? TypeOf(Term t)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            // Hostile nesting: stop inferring rather than exhaust the stack.
            return RegoType.Any;
        }

        switch (t)
        {
            case ValueTerm v:
                return RegoType.OfValue(v.Value);
            case VarTerm v:
                return v.Slot >= 0 && v.Slot < _slots.Length ? _slots[v.Slot] : (v.Slot < 0 && !v.IsWildcard ? RegoType.Any : null);
            case RefTerm r:
                return RefType(r);
            case ArrayTerm a:
                return new ArrayType([.. a.Items.Select(TypeOf)], a.Items.Length == 0 ? RegoType.Any : null);
            case SetTerm s:
                RegoType? of = null;
                foreach (var x in s.Items)
                {
                    of = RegoType.Or(of, TypeOf(x));
                }

                return new SetType(of ?? RegoType.Any);
            case ObjectTerm o:
                return ObjectTermType(o);
            case ComprehensionTerm c:
                return ComprehensionType(c);
            case CallTerm call:
                return CheckCall(call, null, nested: true);
            case TemplateTerm tt:
                foreach (var part in tt.Parts)
                {
                    if (part.Compiled is { } comp)
                    {
                        ComprehensionType(comp);
                    }
                }

                return RegoType.String;
            default:
                return RegoType.Any;
        }
    }

    private ObjectType ObjectTermType(ObjectTerm o)
    {
        var statics = new List<(Value, RegoType?)>();
        RegoType? dynKey = null;
        RegoType? dynValue = null;
        foreach (var (k, v) in o.Entries)
        {
            if (k is ValueTerm kv)
            {
                statics.Add((kv.Value, TypeOf(v)));
            }
            else
            {
                // As OPA does, the last non-constant key decides the dynamic part.
                dynKey = TypeOf(k) ?? RegoType.Any;
                dynValue = TypeOf(v) ?? RegoType.Any;
            }
        }

        if (statics.Count == 0 && dynKey is null)
        {
            return new ObjectType([], RegoType.Any, RegoType.Any);
        }

        return new ObjectType(statics, dynKey, dynValue);
    }

    private RegoType ComprehensionType(ComprehensionTerm c)
    {
        var before = _errorCount;
        CheckBody(c.Body);
        var head = TypeOf(c.Head);
        var value = c.ValueHead is null ? null : TypeOf(c.ValueHead);
        if (_errorCount != before)
        {
            return RegoType.Any;
        }

        return c.Kind switch
        {
            ComprehensionKind.Array => new ArrayType([], Known(head)),
            ComprehensionKind.Set => new SetType(Known(head)),
            _ => new ObjectType([], Known(head), Known(value)),
        };
    }

    /// <summary>The type of a reference, checking each step as OPA's ref checker does.</summary>
    private RegoType? RefType(RefTerm r)
    {
        if (r.Head is not VarTerm head)
        {
            foreach (var p in r.Path)
            {
                TypeOf(p);
            }

            return RegoType.Any;
        }

        if (head.Slot == VarTerm.DataRoot)
        {
            return DataRefType(r);
        }

        if (head.Slot < 0 || head.Slot >= _slots.Length)
        {
            return CheckRefLeaf(RegoType.Any, r, 0);
        }

        return CheckRefLeaf(_slots[head.Slot] ?? RegoType.Any, r, 0);
    }

    private RegoType? DataRefType(RefTerm r)
    {
        var node = root;
        var i = 0;
        while (true)
        {
            var next = i < r.Path.Length && r.Path[i] is ValueTerm { Value: StringValue s } && node.Children.TryGetValue(s.Value, out var c) ? c : null;
            if (node.HasRules && next is null)
            {
                // A rule's document, unless the path continues into a deeper rule (p[x] := 1 beside p.d.r := 3).
                return CheckRefLeaf(node.IsFunction ? RegoType.Any : NodeType(node) ?? RegoType.Any, r, i);
            }

            if (i == r.Path.Length)
            {
                return RegoType.Any;
            }

            if (next is null)
            {
                // Base documents (or a non-constant key over several documents) are not typed.
                return CheckRefLeaf(RegoType.Any, r, i);
            }

            node = next;
            i++;
        }
    }

    /// <summary>Walks the path of a reference from <paramref name="index"/> through a value of type <paramref name="type"/>.</summary>
    private RegoType? CheckRefLeaf(RegoType type, RefTerm r, int index)
    {
        RegoType? current = type;
        for (var i = index; i < r.Path.Length; i++)
        {
            var item = r.Path[i];
            if (current is null)
            {
                // Unknown from here on: still visit the remaining operands for their own errors.
                TypeOf(item);
                continue;
            }

            var keys = RegoType.Keys(current);
            if (keys is null)
            {
                Report(UnsupportedRef(r, i, current), r.Location);
                return RegoType.Any;
            }

            switch (item)
            {
                case VarTerm v when v.Slot >= 0 && v.Slot < _slots.Length:
                    if (_slots[v.Slot] is { } exist)
                    {
                        if (!RegoType.Unifies(exist, keys))
                        {
                            Report(InvalidRef(r, i, exist, keys, current), r.Location);
                            return RegoType.Any;
                        }
                    }
                    else
                    {
                        _slots[v.Slot] = keys;
                    }

                    current = RegoType.Values(current);
                    break;
                case ValueTerm { Value: var key } when key.Kind is not (ValueKind.Array or ValueKind.Object or ValueKind.Set):
                    var child = RegoType.Select(current, key);
                    if (child is null)
                    {
                        Report(InvalidRef(r, i, null, keys, current), r.Location);
                        return RegoType.Any;
                    }

                    current = child;
                    break;
                case RefTerm or CallTerm:
                    var t = TypeOf(item);
                    if (t is not null && !RegoType.IsNil(t) && !RegoType.Unifies(t, keys))
                    {
                        Report(InvalidRef(r, i, t, keys, current), r.Location);
                        return RegoType.Any;
                    }

                    current = RegoType.Values(current);
                    break;
                default:
                    TypeOf(item);
                    current = RegoType.Values(current);
                    break;
            }
        }

        return current;
    }
}
