using System.Numerics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>Typed access to builtin arguments; each accessor raises OPA's operand type error on mismatch.</summary>
internal static class Args
{
    public static string String(ReadOnlySpan<Value> args, int i) =>
        args[i] is StringValue s ? s.Value : throw BuiltinErrors.Operand(i, "string", args[i]);

    public static NumberValue Number(ReadOnlySpan<Value> args, int i) =>
        args[i] as NumberValue ?? throw BuiltinErrors.Operand(i, "number", args[i]);

    public static bool Boolean(ReadOnlySpan<Value> args, int i) =>
        args[i] is BooleanValue b ? b.Value : throw BuiltinErrors.Operand(i, "boolean", args[i]);

    public static ArrayValue Array(ReadOnlySpan<Value> args, int i) =>
        args[i] as ArrayValue ?? throw BuiltinErrors.Operand(i, "array", args[i]);

    public static SetValue Set(ReadOnlySpan<Value> args, int i) =>
        args[i] as SetValue ?? throw BuiltinErrors.Operand(i, "set", args[i]);

    public static ObjectValue Object(ReadOnlySpan<Value> args, int i) =>
        args[i] as ObjectValue ?? throw BuiltinErrors.Operand(i, "object", args[i]);

    /// <summary>An integer argument that fits in an <see cref="int"/> (OPA: "operand N must be integer number but got floating-point number").</summary>
    public static int Int32(ReadOnlySpan<Value> args, int i)
    {
        var n = Number(args, i);
        if (!n.TryGetInt64(out var l))
        {
            throw BuiltinErrors.Type($"operand {i + 1} must be integer number but got floating-point number");
        }

        if (l is < int.MinValue or > int.MaxValue)
        {
            throw BuiltinErrors.Fail($"operand {i + 1} out of range");
        }

        return (int)l;
    }

    /// <summary>An integer argument of any size.</summary>
    public static BigInteger Integer(ReadOnlySpan<Value> args, int i)
    {
        var n = Number(args, i);
        return n.TryGetBigInteger(out var b)
            ? b
            : throw BuiltinErrors.Type($"operand {i + 1} must be integer number but got floating-point number");
    }

    /// <summary>The elements of an array or set argument, in order.</summary>
    public static ReadOnlySpan<Value> Collection(ReadOnlySpan<Value> args, int i) => args[i] switch
    {
        ArrayValue a => a.Items,
        SetValue s => s.Items,
        _ => throw BuiltinErrors.OperandOneOf(i, args[i], "array", "set"),
    };

    /// <summary>Strings from an array or set argument (OPA: "operand N must be array of strings but got array containing number").</summary>
    public static List<string> Strings(ReadOnlySpan<Value> args, int i)
    {
        var items = Collection(args, i);
        var list = new List<string>(items.Length);
        foreach (var v in items)
        {
            if (v is not StringValue s)
            {
                throw BuiltinErrors.Type($"operand {i + 1} must be {args[i].TypeName} of strings but got {args[i].TypeName} containing {v.TypeName}");
            }

            list.Add(s.Value);
        }

        return list;
    }
}
