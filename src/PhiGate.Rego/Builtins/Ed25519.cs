using System.Numerics;
using System.Security.Cryptography;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// Ed25519 signatures (RFC 8032, section 5.1) for the <c>EdDSA</c> JWS algorithm, which .NET does not
/// provide. Straightforward big-integer arithmetic on extended twisted Edwards coordinates: correct and
/// deterministic, not constant-time, so it is used for verification and for signing test tokens only.
/// </summary>
internal static class Ed25519
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);
    private static readonly Point Base = BasePoint();

    private readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);

    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        if (publicKey.Length != 32 || signature.Length != 64)
        {
            return false;
        }

        if (Decode(publicKey) is not { } a || Decode(signature[..32]) is not { } r)
        {
            return false;
        }

        var s = LittleEndian(signature.AsSpan(32));
        if (s >= L)
        {
            return false;
        }

        var k = Mod(HashToScalar(signature[..32], publicKey, message), L);
        var left = Multiply(Base, s);
        var right = Add(r, Multiply(a, k));
        return Equal(left, right);
    }

    public static byte[] Sign(byte[] secret, byte[] message)
    {
        if (secret.Length != 32)
        {
            throw new CryptographicException("Ed25519 private keys are 32 bytes");
        }

        var h = SHA512.HashData(secret);
        h[0] &= 248;
        h[31] &= 127;
        h[31] |= 64;
        var a = LittleEndian(h.AsSpan(0, 32));
        var publicKey = Encode(Multiply(Base, a));
        var r = Mod(HashToScalar(h[32..], message), L);
        var rEncoded = Encode(Multiply(Base, r));
        var k = Mod(HashToScalar(rEncoded, publicKey, message), L);
        var s = Mod(r + (k * a), L);
        var signature = new byte[64];
        rEncoded.CopyTo(signature, 0);
        ToLittleEndian(s).CopyTo(signature, 32);
        return signature;
    }

    private static BigInteger HashToScalar(params byte[][] parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        foreach (var p in parts)
        {
            sha.AppendData(p);
        }

        return LittleEndian(sha.GetHashAndReset());
    }

    private static BigInteger Mod(BigInteger x) => Mod(x, P);

    private static BigInteger Mod(BigInteger x, BigInteger m)
    {
        var r = BigInteger.Remainder(x, m);
        return r.Sign < 0 ? r + m : r;
    }

    private static BigInteger Inverse(BigInteger x) => BigInteger.ModPow(Mod(x), P - 2, P);

    private static Point Add(Point p, Point q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(2 * D * p.T * q.T);
        var d = Mod(2 * p.Z * q.Z);
        var e = b - a;
        var f = d - c;
        var g = d + c;
        var h = b + a;
        return new Point(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    private static Point Multiply(Point p, BigInteger scalar)
    {
        var result = new Point(0, 1, 1, 0);
        var addend = p;
        while (scalar > 0)
        {
            if (!scalar.IsEven)
            {
                result = Add(result, addend);
            }

            addend = Add(addend, addend);
            scalar >>= 1;
        }

        return result;
    }

    private static bool Equal(Point p, Point q) =>
        Mod((p.X * q.Z) - (q.X * p.Z)).IsZero && Mod((p.Y * q.Z) - (q.Y * p.Z)).IsZero;

    private static byte[] Encode(Point p)
    {
        var zInv = Inverse(p.Z);
        var x = Mod(p.X * zInv);
        var y = Mod(p.Y * zInv);
        var bytes = ToLittleEndian(y);
        if (!x.IsEven)
        {
            bytes[31] |= 0x80;
        }

        return bytes;
    }

    private static Point? Decode(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        var sign = (copy[31] & 0x80) != 0;
        copy[31] &= 0x7F;
        var y = LittleEndian(copy);
        if (y >= P)
        {
            return null;
        }

        var x = RecoverX(y, sign);
        return x is { } xv ? new Point(xv, y, 1, Mod(xv * y)) : null;
    }

    private static BigInteger? RecoverX(BigInteger y, bool sign)
    {
        var x2 = Mod(((y * y) - 1) * Inverse((D * y * y) + 1));
        if (x2.IsZero)
        {
            return sign ? null : BigInteger.Zero;
        }

        var x = BigInteger.ModPow(x2, (P + 3) / 8, P);
        if (!Mod((x * x) - x2).IsZero)
        {
            x = Mod(x * SqrtMinusOne);
        }

        if (!Mod((x * x) - x2).IsZero)
        {
            return null;
        }

        if (!x.IsEven != sign)
        {
            x = P - x;
        }

        return x;
    }

    private static Point BasePoint()
    {
        var y = Mod(4 * Inverse(5));
        var x = RecoverX(y, sign: false)!.Value;
        return new Point(x, y, 1, Mod(x * y));
    }

    private static BigInteger LittleEndian(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: false);

    private static byte[] ToLittleEndian(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return bytes;
    }
}
