using System.Runtime.CompilerServices;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Types;

/// <summary>OPA's operations on types: order, union, unification, keys, values and selection.</summary>
internal abstract partial class RegoType
{
    public static int Compare(RegoType? a, RegoType? b)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return a?.Order.CompareTo(b?.Order ?? -1) ?? -1;
        }

        var x = a?.Order ?? -1;
        var y = b?.Order ?? -1;
        if (x != y)
        {
            return x.CompareTo(y);
        }

        switch (a)
        {
            case ArrayType aa:
                var ba = (ArrayType)b!;
                if ((aa.Dynamic is null) != (ba.Dynamic is null))
                {
                    return aa.Dynamic is null ? -1 : 1;
                }

                if (aa.Dynamic is not null && Compare(aa.Dynamic, ba.Dynamic) is var cd && cd != 0)
                {
                    return cd;
                }

                return CompareSlices(aa.Static, ba.Static);
            case ObjectType ao:
                var bo = (ObjectType)b!;
                if (ao.HasDynamic != bo.HasDynamic)
                {
                    return ao.HasDynamic ? 1 : -1;
                }

                if (ao.HasDynamic)
                {
                    var c = Compare(ao.DynamicKey, bo.DynamicKey);
                    if (c == 0)
                    {
                        c = Compare(ao.DynamicValue, bo.DynamicValue);
                    }

                    if (c != 0)
                    {
                        return c;
                    }
                }

                var n = Math.Min(ao.Static.Length, bo.Static.Length);
                for (var i = 0; i < n; i++)
                {
                    var c = Value.Compare(ao.Static[i].Key, bo.Static[i].Key);
                    if (c == 0)
                    {
                        c = Compare(ao.Static[i].Type, bo.Static[i].Type);
                    }

                    if (c != 0)
                    {
                        return c;
                    }
                }

                return ao.Static.Length.CompareTo(bo.Static.Length);
            case SetType sa:
                return Compare(sa.Of, ((SetType)b!).Of);
            case AnyType any:
                return CompareSlices(any.Members, ((AnyType)b!).Members);
            case FunctionType fa:
                var fb = (FunctionType)b!;
                if (fa.Args.Length != fb.Args.Length)
                {
                    return fa.Args.Length.CompareTo(fb.Args.Length);
                }

                var ca = CompareSlices(fa.Args, fb.Args);
                return ca != 0 ? ca : Compare(fa.Result, fb.Result);
            default:
                return 0;
        }
    }

    private static int CompareSlices(RegoType?[] a, RegoType?[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = Compare(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Whether <paramref name="a"/> includes <paramref name="b"/> (a union holding it, or the same type).</summary>
    public static bool Contains(RegoType? a, RegoType? b) => a is AnyType any ? any.Contains(b) : Compare(a, b) == 0;

    /// <summary>The union of two types; a function never joins a non-function (the result is unknown).</summary>
    public static RegoType? Or(RegoType? a, RegoType? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        if (a is FunctionType fa && b is FunctionType fb)
        {
            if (fa.Args.Length != fb.Args.Length)
            {
                return null;
            }

            return new FunctionType([.. fa.Args.Zip(fb.Args, Or)], Or(fa.Result, fb.Result));
        }

        if (a is FunctionType || b is FunctionType)
        {
            return null;
        }

        if (a is AnyType anyA)
        {
            return Merge(anyA, b);
        }

        if (b is AnyType anyB)
        {
            return Merge(anyB, a);
        }

        return Compare(a, b) == 0 ? a : new AnyType([a, b]);
    }

    private static AnyType Merge(AnyType a, RegoType b)
    {
        if (b is AnyType other)
        {
            return a.IsAny ? a : other.IsAny ? other : new AnyType(a.Members.Concat(other.Members).Distinct(TypeEquality.Instance));
        }

        return a.Contains(b) ? a : new AnyType([.. a.Members, b]);
    }

    /// <summary>Whether values of the two types can be equal (OPA's <c>unifies</c>).</summary>
    public static bool Unifies(RegoType? a, RegoType? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            // Too deep to tell: never report what cannot be shown.
            return true;
        }

        var anyA = a as AnyType;
        if (anyA is not null && UnifiesAny(anyA, b))
        {
            return true;
        }

        var anyB = b as AnyType;
        if (anyB is not null && UnifiesAny(anyB, a))
        {
            return true;
        }

        if (anyA is not null || anyB is not null)
        {
            return false;
        }

        switch (a)
        {
            case ScalarType:
                return ReferenceEquals(a, b);
            case ArrayType aa:
                return b is ArrayType ba && UnifiesArrayStatics(aa, ba) && UnifiesArrayStatics(ba, aa)
                    && (aa.Dynamic is null || ba.Dynamic is null || Unifies(aa.Dynamic, ba.Dynamic));
            case ObjectType ao:
                return b is ObjectType bo && UnifiesObjectStatics(ao, bo) && UnifiesObjectStatics(bo, ao)
                    && (ao.DynamicValue is null || bo.DynamicValue is null || Unifies(ao.DynamicValue, bo.DynamicValue));
            case SetType sa:
                return b is SetType sb && Unifies(sa.Of, sb.Of);
            case FunctionType fa:
                return b is FunctionType fb && fa.Args.Length == fb.Args.Length && fa.Args.Zip(fb.Args).All(p => Unifies(p.First, p.Second));
            default:
                return false;
        }
    }

    private static bool UnifiesAny(AnyType a, RegoType b) => b is not FunctionType && (a.IsAny || a.Members.Any(m => Unifies(m, b)));

    private static bool UnifiesArrayStatics(ArrayType a, ArrayType b)
    {
        for (var i = 0; i < a.Static.Length; i++)
        {
            if (!Unifies(a.Static[i], b.Select(i)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool UnifiesObjectStatics(ObjectType a, ObjectType b)
    {
        foreach (var (k, t) in a.Static)
        {
            if (!Unifies(t, b.Select(k)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The type of the keys that enumerate a collection, or null when it is not one.</summary>
    public static RegoType? Keys(RegoType? a)
    {
        switch (a)
        {
            case ArrayType:
                return Number;
            case ObjectType o:
                RegoType? t = null;
                foreach (var (k, _) in o.Static)
                {
                    t = Or(t, OfValue(k));
                }

                return o.HasDynamic ? Or(t, o.DynamicKey) : t;
            case SetType s:
                return s.Of;
            case AnyType any:
                return any.IsAny ? Any : any.Members.Aggregate((RegoType?)null, (acc, m) => Or(Keys(m), acc));
            default:
                return null;
        }
    }

    /// <summary>The type of the values a collection holds, or null when it is not one.</summary>
    public static RegoType? Values(RegoType? a)
    {
        switch (a)
        {
            case ArrayType arr:
                return Or(arr.Static.Aggregate((RegoType?)null, Or), arr.Dynamic);
            case ObjectType o:
                var t = o.Static.Aggregate((RegoType?)null, (acc, p) => Or(acc, p.Type));
                return o.HasDynamic ? Or(t, o.DynamicValue) : t;
            case SetType s:
                return s.Of;
            case AnyType any:
                return any.IsAny ? Any : any.Members.Aggregate((RegoType?)null, (acc, m) => Or(Values(m), acc));
            default:
                return null;
        }
    }

    /// <summary>The type of the element at a constant key, or null when the type has none.</summary>
    public static RegoType? Select(RegoType? a, Value key)
    {
        switch (a)
        {
            case ArrayType arr:
                return key is NumberValue n && n.TryGetInt64(out var pos) && pos <= int.MaxValue ? arr.Select((int)pos) : null;
            case ObjectType o:
                return o.Select(key);
            case SetType s:
                var kt = OfValue(key);
                if (Compare(s.Of, kt) == 0)
                {
                    return s.Of;
                }

                return s.Of is AnyType ofAny && ofAny.Contains(kt) ? kt : null;
            case AnyType any:
                return any.IsAny ? Any : any.Members.Aggregate((RegoType?)null, (acc, m) => Or(Select(m, key), acc));
            default:
                return null;
        }
    }

    /// <summary>Whether the type is unknown, or a collection with an unknown part.</summary>
    public static bool IsNil(RegoType? a) => a switch
    {
        null => true,
        _ when !RuntimeHelpers.TryEnsureSufficientExecutionStack() => false,
        FunctionType f => f.Args.Any(IsNil) || IsNil(f.Result),
        ArrayType arr => arr.Static.Any(IsNil) || (arr.Dynamic is not null && IsNil(arr.Dynamic)),
        ObjectType o => o.Static.Any(p => IsNil(p.Type)) || (o.HasDynamic && (IsNil(o.DynamicKey) || IsNil(o.DynamicValue))),
        SetType s => IsNil(s.Of),
        _ => false,
    };

    /// <summary>The type of a ground value.</summary>
    public static RegoType OfValue(Value v)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return Any;
        }

        switch (v)
        {
            case NullValue:
                return Null;
            case BooleanValue:
                return Boolean;
            case NumberValue:
                return Number;
            case StringValue:
                return String;
            case ArrayValue a:
                if (a.Count == 0)
                {
                    return new ArrayType([], Any);
                }

                var items = new RegoType?[a.Count];
                for (var i = 0; i < a.Count; i++)
                {
                    items[i] = OfValue(a[i]);
                }

                return new ArrayType(items, null);
            case ObjectValue o:
                if (o.Count == 0)
                {
                    return new ObjectType([], Any, Any);
                }

                var props = new List<(Value, RegoType?)>(o.Count);
                for (var i = 0; i < o.Count; i++)
                {
                    props.Add((o.Keys[i], OfValue(o.Values[i])));
                }

                return new ObjectType(props, null, null);
            case SetValue s:
                RegoType? of = null;
                foreach (var x in s.Items)
                {
                    of = Or(of, OfValue(x));
                }

                return new SetType(of ?? Any);
            default:
                return Any;
        }
    }

    private sealed class TypeEquality : IEqualityComparer<RegoType>
    {
        public static readonly TypeEquality Instance = new();

        public bool Equals(RegoType? x, RegoType? y) => Compare(x, y) == 0;

        public int GetHashCode(RegoType obj) => obj.Order;
    }
}
