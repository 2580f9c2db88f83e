namespace PhiGate.Rego.Tests.Builtins;

/// <summary>Numbers, units, semver, net, uuid, graph, yaml and http families.</summary>
[TestFixture]
internal sealed class MiscBuiltinsTests
{
    private static TestCaseData C(string name, string expected, params string[] args) =>
        new TestCaseData(name, args, expected).SetName($"{name}({string.Join(", ", args)})");

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return C("numbers.range", "[3,2,1]", "3", "1");
        yield return C("trace", "true", "\"checkpoint\"");
        yield return C("numbers.range_step", "[0,2,4,6,8,10]", "0", "10", "2");
        yield return C("numbers.range_step", "[10,8,6,4]", "10", "3", "2");
        yield return C("numbers.range_step", "[0]", "0", "10", "99999999999999999999");
        yield return C("to_number", "-42.0", "\"-42.0\"");
        yield return C("to_number", "1", "true");
        yield return C("to_number", "0", "null");
        yield return C("bits.and", "4", "12", "6");
        yield return C("bits.or", "14", "12", "6");
        yield return C("bits.xor", "10", "12", "6");
        yield return C("bits.negate", "-13", "12");
        yield return C("bits.lsh", "36893488147419103232", "1", "65");
        yield return C("bits.rsh", "3", "12", "2");
        yield return C("units.parse", "0.5000000000", "\"500m\"");
        yield return C("units.parse", "1048576", "\"1Mi\"");
        yield return C("units.parse", "1000000", "\"1M\"");
        yield return C("units.parse_bytes", "1536", "\"1.5KiB\"");
        yield return C("units.parse_bytes", "1000", "\"1e3\"");
        yield return C("semver.compare", "-1", "\"1.0.0-alpha\"", "\"1.0.0\"");
        yield return C("semver.compare", "1", "\"1.0.0-beta.11\"", "\"1.0.0-beta.2\"");
        yield return C("semver.compare", "0", "\"1.0.0+build1\"", "\"1.0.0+build2\"");
        yield return C("semver.is_valid", "false", "\"01.0.0\"");
        yield return C("semver.is_valid", "true", "\"1.2.3-rc.1+sha.5114f85\"");
        yield return C("net.cidr_contains", "true", "\"10.0.0.0/8\"", "\"10.1.2.3\"");
        yield return C("net.cidr_contains", "false", "\"172.17.0.0/24\"", "\"172.17.0.0/16\"");
        yield return C("net.cidr_contains", "true", "\"2001:4860:4860::8888/32\"", "\"2001:4860:4860:1234::8888/40\"");
        yield return C("net.cidr_intersects", "true", "\"192.168.0.0/16\"", "\"192.168.1.0/24\"");
        yield return C("net.cidr_is_valid", "false", "\"10.0.0.0/33\"");
        yield return C("net.cidr_is_valid", "false", "\"010.0.0.0/8\"");
        yield return C("net.cidr_expand", "[\"192.168.1.0\",\"192.168.1.1\",\"192.168.1.2\",\"192.168.1.3\"]", "\"192.168.1.1/30\"");
        yield return C("net.cidr_merge", "[\"10.0.0.0/23\"]", "[\"10.0.0.0/24\",\"10.0.1.0/24\"]");
        yield return C("net.cidr_contains_matches", "[[0,1],[1,0]]", "[\"1.1.2.0/24\",\"1.1.1.0/24\"]", "[\"1.1.1.1\",\"1.1.2.1\"]");
        yield return C("uuid.parse", "{\"variant\":\"RFC4122\",\"version\":4}", "\"00000000-0000-4000-8000-000000000000\"");
        yield return C("uuid.parse", "{\"clocksequence\":12800,\"domain\":\"Person\",\"id\":1000,\"macvariables\":\"local:unicast\",\"nodeid\":\"32-50-96-b3-9f-47\",\"time\":1693566990121469600,\"variant\":\"RFC4122\",\"version\":2}", "\"URN:UUID:000003e8-48b9-21ee-b200-325096b39f47\"");
        yield return C("graph.reachable", "[\"a\",\"b\",\"c\"]", "{\"a\":[\"b\"],\"b\":[\"c\"],\"c\":[\"a\"]}", "[\"a\"]");
        yield return C("graph.reachable_paths", "[[\"5\",\"4\",\"2\",\"1\"],[\"5\",\"4\",\"3\",\"2\",\"1\"]]", "{\"1\":[],\"2\":[\"1\"],\"3\":[\"2\"],\"4\":[\"3\",\"2\"],\"5\":[\"4\"]}", "[\"5\"]");
        yield return C("walk", "[[[],[1]],[[0],1]]", "[1]");
        yield return C("yaml.unmarshal", "{\"a\":[1,\"x\",true,null]}", "\"a:\\n  - 1\\n  - x\\n  - yes\\n  - ~\\n\"");
        yield return C("yaml.marshal", "\"- foo:\\n  - 1\\n  - 2\\n\"", "[{\"foo\":[1,2]}]");
        yield return C("yaml.is_valid", "false", "\"foo: {\"");
        yield return C("crypto.sha256", "\"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\"", "\"foo\"");
        yield return C("crypto.hmac.sha256", "\"147933218aaabc0b8b10a2b3a5c34684c8d94341bcf10a4736dc7270f7741851\"", "\"foo\"", "\"bar\"");
        yield return C("crypto.hmac.equal", "false", "\"abc\"", "\"abd\"");
    }

    [TestCaseSource(nameof(Cases))]
    public void Call_ValidArguments_ReturnsOpaResult(string name, string[] args, string expected)
    {
        // Act
        var actual = BuiltinCall.Json(name, args);

        // Assert
        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCase("numbers.range_step", "step must be a positive integer", "0", "10", "-2")]
    [TestCase("to_number", "strconv.ParseFloat: parsing \"broken\": invalid syntax", "\"broken\"")]
    [TestCase("units.parse_bytes", "units.parse_bytes: no byte amount provided", "\"GB\"")]
    [TestCase("units.parse_bytes", "units.parse_bytes: spaces not allowed in resource strings", "\"1 GB\"")]
    [TestCase("units.parse_bytes", "units.parse_bytes: exponent too large", "\"1e1000000000\"")]
    [TestCase("semver.compare", "operand 1: string \"1\" is not a valid SemVer", "\"1\"", "\"1.0.0\"")]
    [TestCase("net.cidr_contains", "invalid CIDR address: not-a-cidr", "\"not-a-cidr\"", "\"192.168.1.67\"")]
    [TestCase("net.cidr_contains_matches", "operand 2: element must be string or non-empty array", "[\"1.1.1.0/24\"]", "[1]")]
    [TestCase("net.cidr_expand", "CIDR 10.0.0.0/8 has more than 1048576 addresses", "\"10.0.0.0/8\"")]
    [TestCase("http.send", "invalid request parameters(s): {\"bad_key\"}", "{\"bad_key\":1,\"method\":\"get\",\"url\":\"x\"}")]
    [TestCase("http.send", "missing required request parameters(s): {\"url\"}", "{\"method\":\"get\"}")]
    [TestCase("http.send", "outbound requests are disabled in this policy engine", "{\"method\":\"get\",\"url\":\"http://127.0.0.1:1\"}")]
    public void Call_BadInput_ErrorMessage(string name, string message, params string[] args)
    {
        // Act
        var error = BuiltinCall.Error(name, args);

        // Assert
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [Test]
    public void UuidRfc4122_SameKeyInQuery_SameValue()
    {
        // Arrange
        var ctx = new PhiGate.Rego.Builtins.BuiltinContext(TimeProvider.System, CancellationToken.None);
        var key = PhiGate.Rego.Values.Value.From("key");

        // Act
        var first = BuiltinCall.Invoke(ctx, "uuid.rfc4122", key);
        var second = BuiltinCall.Invoke(ctx, "uuid.rfc4122", key);
        var other = BuiltinCall.Invoke(ctx, "uuid.rfc4122", PhiGate.Rego.Values.Value.From("other"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
            Assert.That(first!.ToString(), Does.Match("^\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"$"));
        });
    }

    [Test]
    public void YamlUnmarshal_AliasBomb_Refused()
    {
        // Arrange
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 0; i < 8; i++)
        {
            bomb += $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}]\n";
        }

        // Act
        var error = BuiltinCall.Error("yaml.unmarshal", PhiGate.Rego.Values.JsonText.Serialize(PhiGate.Rego.Values.Value.From(bomb)));

        // Assert
        Assert.That(error.Message, Is.EqualTo("yaml: document too large"));
    }
}
