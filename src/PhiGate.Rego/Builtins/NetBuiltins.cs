using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>net.cidr_contains</c>, <c>net.cidr_intersects</c>, <c>net.cidr_contains_matches</c>, <c>net.cidr_expand</c>, <c>net.cidr_is_valid</c>, <c>net.cidr_merge</c>.</summary>
internal static class NetBuiltins
{
    /// <summary>Expanding more addresses than this is refused (a /8 is already 16 million strings).</summary>
    private const int MaxExpand = 1 << 20;

    public static void Register(BuiltinRegistry r)
    {
        r.Add("net.cidr_contains", ["string", "string"], "boolean", static (_, a) => Value.From(Contains(a[0], a[1])));
        r.Alias("net.cidr_overlap", "net.cidr_contains");
        r.Add("net.cidr_intersects", ["string", "string"], "boolean", static (_, a) =>
        {
            var x = Network(a[0]);
            var y = Network(a[1]);
            return Value.From(x.Contains(y.Address) || y.Contains(x.Address));
        });
        r.Add("net.cidr_contains_matches", ["any", "any"], "set[array[any]]", ContainsMatches);
        r.Add("net.cidr_expand", ["string"], "set[string]", Expand);
        r.Add("net.cidr_is_valid", ["any"], "boolean", static (ctx, a) => Value.From(a[0] is StringValue s && IpNetwork.TryParseCidr(s.Value, out _)));
        r.Add("net.cidr_merge", ["any<array[string], set[string]>"], "set[string]", Merge);
    }

    private static IpNetwork Network(Value v)
    {
        var text = v is StringValue s ? s.Value : throw BuiltinErrors.Operand(0, "string", v);
        return IpNetwork.TryParseCidr(text, out var n) ? n : throw BuiltinErrors.Fail("invalid CIDR address: " + text);
    }

    private static bool Contains(Value cidr, Value other)
    {
        var network = Network(cidr);
        var text = other is StringValue s ? s.Value : throw BuiltinErrors.Operand(0, "string", other);
        if (IpNetwork.TryParseIp(text, out var ip))
        {
            return network.Contains(ip);
        }

        if (!IpNetwork.TryParseCidr(text, out var inner))
        {
            throw BuiltinErrors.Fail("not a valid textual representation of an IP address or CIDR: " + text);
        }

        return network.Contains(inner);
    }

    private static Value ContainsMatches(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var left = Entries(a[0], 1);
        var right = Entries(a[1], 2);
        var result = new List<Value>();
        foreach (var (cidr, key) in left)
        {
            foreach (var (other, otherKey) in right)
            {
                if (Contains(cidr, other))
                {
                    result.Add(Value.NewArray(key, otherKey));
                }
            }
        }

        return Value.NewSet([.. result]);
    }

    /// <summary>(cidr, key) pairs: a string is its own key; arrays key by index, sets by element, objects by key.</summary>
    private static List<(Value Cidr, Value Key)> Entries(Value operand, int position)
    {
        var list = new List<(Value, Value)>();
        switch (operand)
        {
            case StringValue:
                list.Add((operand, operand));
                break;
            case ArrayValue arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    list.Add((Element(arr[i], position), Value.From(i)));
                }

                break;
            case SetValue set:
                foreach (var v in set.Items)
                {
                    list.Add((Element(v, position), v));
                }

                break;
            case ObjectValue obj:
                for (var i = 0; i < obj.Count; i++)
                {
                    list.Add((Element(obj.Values[i], position), obj.Keys[i]));
                }

                break;
        }

        return list;
    }

    private static Value Element(Value v, int position) => v switch
    {
        StringValue => v,
        ArrayValue { Count: > 0 } arr => arr[0],
        _ => throw BuiltinErrors.Fail($"operand {position}: element must be string or non-empty array"),
    };

    private static Value Expand(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var text = Args.String(a, 0);
        if (!IpNetwork.TryParseCidr(text, out var network))
        {
            throw BuiltinErrors.Fail("invalid CIDR address: " + text);
        }

        var count = network.Last - network.First + 1;
        if (count > MaxExpand)
        {
            throw BuiltinErrors.Fail($"CIDR {text} has more than {MaxExpand} addresses");
        }

        var items = new Value[(int)count];
        var current = network.First;
        for (var i = 0; i < items.Length; i++, current++)
        {
            if ((i & 0xFFF) == 0)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
            }

            items[i] = Value.From(IpNetwork.Format(IpNetwork.ToBytes(current, network.Address.Length)));
        }

        return Value.NewSet(items);
    }

    private static Value Merge(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var ranges = new List<(int Length, System.Numerics.BigInteger First, System.Numerics.BigInteger Last)>();
        foreach (var v in Args.Collection(a, 0))
        {
            var text = v is StringValue s ? s.Value : throw BuiltinErrors.Fail("element must be string");
            if (IpNetwork.TryParseIp(text, out var ip))
            {
                if (ip.Length != 4)
                {
                    throw BuiltinErrors.Fail("IPv6 invalid: needs prefix length");
                }

                var single = new IpNetwork(ip, 32);
                ranges.Add((4, single.First, single.Last));
                continue;
            }

            if (!IpNetwork.TryParseCidr(text, out var n))
            {
                throw BuiltinErrors.Fail("invalid CIDR address: " + text);
            }

            ranges.Add((n.Address.Length, n.First, n.Last));
        }

        var result = new List<Value>();
        foreach (var family in ranges.GroupBy(static x => x.Length))
        {
            var sorted = family.OrderBy(static x => x.First).ToList();
            var merged = new List<(System.Numerics.BigInteger First, System.Numerics.BigInteger Last)>();
            foreach (var (_, first, last) in sorted)
            {
                if (merged.Count > 0 && first <= merged[^1].Last + 1)
                {
                    merged[^1] = (merged[^1].First, System.Numerics.BigInteger.Max(merged[^1].Last, last));
                }
                else
                {
                    merged.Add((first, last));
                }
            }

            foreach (var (first, last) in merged)
            {
                foreach (var cidr in RangeToCidrs(first, last, family.Key * 8))
                {
                    result.Add(Value.From(cidr.ToString()));
                }
            }
        }

        return Value.NewSet([.. result]);
    }

    private static IEnumerable<IpNetwork> RangeToCidrs(System.Numerics.BigInteger first, System.Numerics.BigInteger last, int bits)
    {
        while (first <= last)
        {
            var prefix = bits;
            while (prefix > 0)
            {
                var size = System.Numerics.BigInteger.One << (bits - prefix + 1);
                if (first % size != 0 || first + size - 1 > last)
                {
                    break;
                }

                prefix--;
            }

            yield return new IpNetwork(IpNetwork.ToBytes(first, bits / 8), prefix);
            first += System.Numerics.BigInteger.One << (bits - prefix);
        }
    }
}
