using System.Globalization;
using System.Numerics;
using System.Text;

namespace PhiGate.Rego.Values;

/// <summary>
/// A Rego number. Integers are exact at any size (a <see cref="long"/> fast path, else a
/// <see cref="BigInteger"/>); other numbers keep the decimal text they were written with, and compute
/// through <see cref="decimal"/> when it holds them exactly, else through <see cref="double"/>.
/// </summary>
public sealed partial class NumberValue : Value
{
    private static readonly NumberValue[] SmallInts = CreateSmallInts();

    private readonly long _long;
    private readonly BigInteger? _big;
    private readonly decimal? _decimal;
    private readonly double _double;
    private readonly string? _text;

    private NumberValue(long value)
    {
        IsInteger = true;
        _long = value;
        _double = value;
    }

    private NumberValue(BigInteger value)
    {
        IsInteger = true;
        _big = value;
        _double = (double)value;
    }

    private NumberValue(decimal? dec, double d, string? text)
    {
        _decimal = dec;
        _double = d;
        _text = text;
    }

    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Number;

    /// <summary>Gets whether the number is an integer held exactly.</summary>
    public bool IsInteger { get; }

    /// <summary>Gets the number as a double (possibly rounded).</summary>
    public double AsDouble => _double;

    internal static NumberValue FromInt64(long n) => n is >= -128 and < 1024 ? SmallInts[n + 128] : new NumberValue(n);

    internal static NumberValue FromBigInteger(BigInteger n) =>
        n >= long.MinValue && n <= long.MaxValue ? FromInt64((long)n) : new NumberValue(n);

    internal static Value FromDouble(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            throw new ArgumentOutOfRangeException(nameof(d), "NaN and infinity are not Rego numbers");
        }

        if (Math.Floor(d) == d && Math.Abs(d) < 1e15)
        {
            return FromInt64((long)d);
        }

        decimal? dec = null;
        if (Math.Abs(d) < 7.9e27 && (Math.Abs(d) > 1e-20 || d == 0))
        {
            dec = (decimal)d;
        }

        return new NumberValue(dec, d, null);
    }

    internal static Value FromDecimal(decimal d)
    {
        if (decimal.Truncate(d) == d)
        {
            return FromBigInteger(new BigInteger(d));
        }

        var norm = d / 1.000000000000000000000000000000000m;
        return new NumberValue(norm, (double)norm, null);
    }

    /// <summary>Gets the integer value when it fits in a long.</summary>
    public bool TryGetInt64(out long value)
    {
        if (IsInteger && _big is null)
        {
            value = _long;
            return true;
        }

        if (!IsInteger && _decimal is { } d && decimal.Truncate(d) == d && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Gets the integer value when the number is integral.</summary>
    public bool TryGetBigInteger(out BigInteger value)
    {
        if (IsInteger)
        {
            value = _big ?? _long;
            return true;
        }

        if (_decimal is { } d && decimal.Truncate(d) == d)
        {
            value = new BigInteger(d);
            return true;
        }

        if (_decimal is null && Math.Floor(_double) == _double)
        {
            value = new BigInteger(_double);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Gets the value as a decimal when it fits exactly.</summary>
    internal bool TryGetDecimal(out decimal value)
    {
        if (IsInteger)
        {
            if (_big is { } b)
            {
                if (b >= (BigInteger)decimal.MinValue && b <= (BigInteger)decimal.MaxValue)
                {
                    value = (decimal)b;
                    return true;
                }

                value = 0;
                return false;
            }

            value = _long;
            return true;
        }

        if (_decimal is { } d)
        {
            value = d;
            return true;
        }

        value = 0;
        return false;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (TryGetInt64(out var l))
        {
            return l.GetHashCode();
        }

        if (IsInteger)
        {
            return _big!.Value.GetHashCode();
        }

        if (_decimal is { } d)
        {
            return d.GetHashCode();
        }

        return _double.GetHashCode();
    }

    private protected override int CompareSameKind(Value other) => CompareNumbers(this, (NumberValue)other);

    internal static int CompareNumbers(NumberValue a, NumberValue b)
    {
        if (a.IsInteger && b.IsInteger)
        {
            if (a._big is null && b._big is null)
            {
                return a._long.CompareTo(b._long);
            }

            return (a._big ?? a._long).CompareTo(b._big ?? b._long);
        }

        if (a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db))
        {
            return da.CompareTo(db);
        }

        return a._double.CompareTo(b._double);
    }

    internal override void WriteRego(StringBuilder sb) => sb.Append(ToNumberText());

    /// <summary>Formats the number as OPA would print it in JSON.</summary>
    public string ToNumberText()
    {
        if (IsInteger)
        {
            return _big is { } b ? b.ToString(CultureInfo.InvariantCulture) : _long.ToString(CultureInfo.InvariantCulture);
        }

        if (_text is not null)
        {
            return _text;
        }

        if (_decimal is { } d)
        {
            return d.ToString(CultureInfo.InvariantCulture);
        }

        return FormatDouble(_double);
    }

    private static string FormatDouble(double d)
    {
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E', StringComparison.Ordinal))
        {
            // Go formats exponents as e+NN / e-NN.
            var idx = s.IndexOf('E', StringComparison.Ordinal);
            var mant = s[..idx];
            var exp = s[(idx + 1)..];
            var sign = exp[0] == '-' ? "-" : "+";
            exp = exp.TrimStart('+', '-');
            if (exp.Length < 2)
            {
                exp = "0" + exp;
            }

            s = mant + "e" + sign + exp;
        }

        return s;
    }

    private static NumberValue[] CreateSmallInts()
    {
        var arr = new NumberValue[1024 + 128];
        for (var i = 0; i < arr.Length; i++)
        {
            arr[i] = new NumberValue((long)(i - 128));
        }

        return arr;
    }
}
