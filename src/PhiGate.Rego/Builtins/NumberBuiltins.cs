using System.Globalization;
using System.Numerics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>numbers.range</c>, <c>numbers.range_step</c>, <c>to_number</c>, <c>rand.intn</c> and the <c>bits.*</c> operators (exact big integers).</summary>
internal static class NumberBuiltins
{
    /// <summary>A range longer than this is refused rather than exhausting memory.</summary>
    private const int MaxRangeLength = 10_000_000;

    private static readonly string[] IntInt = ["number", "number"];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("numbers.range", IntInt, "array[number]", static (ctx, a) => Range(ctx, Args.Integer(a, 0), Args.Integer(a, 1), BigInteger.One));
        r.Add("numbers.range_step", ["number", "number", "number"], "array[number]", RangeStep);
        r.Add("to_number", ["any<null, boolean, number, string>"], "number", ToNumber);
        r.Add("rand.intn", ["string", "number"], "number", RandIntN, nondeterministic: true);
        r.Add("bits.and", IntInt, "number", static (_, a) => Value.From(Args.Integer(a, 0) & Args.Integer(a, 1)));
        r.Add("bits.or", IntInt, "number", static (_, a) => Value.From(Args.Integer(a, 0) | Args.Integer(a, 1)));
        r.Add("bits.xor", IntInt, "number", static (_, a) => Value.From(Args.Integer(a, 0) ^ Args.Integer(a, 1)));
        r.Add("bits.negate", ["number"], "number", static (_, a) => Value.From(-Args.Integer(a, 0) - 1));
        r.Add("bits.lsh", IntInt, "number", static (_, a) => Value.From(Args.Integer(a, 0) << Shift(a)));
        r.Add("bits.rsh", IntInt, "number", static (_, a) => Value.From(Args.Integer(a, 0) >> Shift(a)));
    }

    private static int Shift(ReadOnlySpan<Value> a)
    {
        var s = Args.Integer(a, 1);
        if (s.Sign < 0)
        {
            throw BuiltinErrors.Type("operand 2 must be an unsigned integer number but got a negative integer");
        }

        return s > 65_536 ? throw BuiltinErrors.Fail("shift amount too large") : (int)s;
    }

    private static Value RangeStep(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var from = Args.Integer(a, 0);
        var to = Args.Integer(a, 1);
        var step = Args.Integer(a, 2);
        if (step.Sign <= 0)
        {
            throw BuiltinErrors.Fail("step must be a positive integer");
        }

        return Range(ctx, from, to, step);
    }

    private static Value Range(BuiltinContext ctx, BigInteger from, BigInteger to, BigInteger step)
    {
        var length = (BigInteger.Abs(to - from) / step) + 1;
        if (length > MaxRangeLength)
        {
            throw BuiltinErrors.Fail($"range too large: more than {MaxRangeLength} elements");
        }

        var items = new Value[(int)length];
        var current = from;
        var direction = to >= from ? step : -step;
        for (var i = 0; i < items.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
            }

            items[i] = Value.From(current);
            current += direction;
        }

        return Value.NewArray(items);
    }

    private static Value ToNumber(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        switch (a[0])
        {
            case NullValue:
                return Value.From(0);
            case BooleanValue b:
                return Value.From(b.Value ? 1 : 0);
            case NumberValue:
                return a[0];
            case StringValue s:
                var text = s.Value;
                if (NumberValue.TryParse(text, out var parsed))
                {
                    return parsed;
                }

                var lower = text.TrimStart('+', '-').ToLowerInvariant();
                if (lower is "nan" or "inf" or "infinity")
                {
                    throw BuiltinErrors.Type("operand 1 must be a finite number but got " + text);
                }

                if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                {
                    return NumberValue.TryParse(d.ToString("R", CultureInfo.InvariantCulture), out var v) ? v : Value.From(d);
                }

                throw BuiltinErrors.Fail($"strconv.ParseFloat: parsing {GoQuote(text)}: invalid syntax");
            default:
                throw BuiltinErrors.OperandOneOf(0, a[0], "null", "boolean", "number", "string");
        }
    }

    private static string GoQuote(string s) => "\"" + GoFormatter.QuoteBody(s, '"') + "\"";

    /// <summary>One random integer in [0, n) per (string, n) per query, as OPA caches it.</summary>
    private static Value RandIntN(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var key = Args.String(a, 0);
        var n = Args.Integer(a, 1);
        if (n.IsZero)
        {
            return Value.From(0);
        }

        var bound = BigInteger.Abs(n);
        var cacheKey = ("rand.intn", key, bound);
        if (ctx.Cache.TryGetValue(cacheKey, out var cached))
        {
            return (Value)cached;
        }

        var bytes = bound.GetByteCount(isUnsigned: true) + 8;
        var buffer = new byte[bytes];
        System.Security.Cryptography.RandomNumberGenerator.Fill(buffer);
        var value = Value.From(new BigInteger(buffer, isUnsigned: true) % bound);
        ctx.Cache[cacheKey] = value;
        return value;
    }
}
