using PhiGate.Rego.Builtins;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class TimeBuiltinsTests
{
    private static TestCaseData C(string name, string expected, params string[] args) =>
        new TestCaseData(name, args, expected).SetName($"{name}({string.Join(", ", args)})");

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return C("time.parse_ns", "1496455200000000000", "\"2006-01-02T15:04:05Z07:00\"", "\"2017-06-02T19:00:00-07:00\"");
        yield return C("time.parse_ns", "-9223372036854775808", "\"2006-01-02T15:04:05Z07:00\"", "\"1677-09-21T00:12:43.145224192-00:00\"");
        yield return C("time.parse_ns", "9223372036854775807", "\"2006-01-02T15:04:05Z07:00\"", "\"2262-04-11T23:47:16.854775807-00:00\"");
        yield return C("time.parse_ns", "1496455200000000000", "\"01/02 03:04:05PM '06 -0700\"", "\"06/02 07:00:00PM '17 -0700\"");
        yield return C("time.parse_ns", "1496455200000000000", "\"02 Jan 06 15:04 -0700\"", "\"02 Jun 17 19:00 -0700\"");
        yield return C("time.parse_ns", "1496455200000000000", "\"RFC822Z\"", "\"02 Jun 17 19:00 -0700\"");
        yield return C("time.parse_rfc3339_ns", "0", "\"1970-01-01T00:00:00-00:00\"");
        yield return C("time.parse_duration_ns", "100000000", "\"100ms\"");
        yield return C("time.parse_duration_ns", "5400000000000", "\"1h30m\"");
        yield return C("time.parse_duration_ns", "-1500000000", "\"-1.5s\"");
        yield return C("time.date", "[2018,2,4]", "[1517814000000000000, \"America/Los_Angeles\"]");
        yield return C("time.date", "[2018,2,5]", "[1517832000000000000, \"\"]");
        yield return C("time.clock", "[7,0,0]", "[1517832000000000000, \"America/New_York\"]");
        yield return C("time.clock", "[12,0,0]", "1582977600000000000");
        yield return C("time.weekday", "\"Monday\"", "1517832000000000000");
        yield return C("time.weekday", "\"Saturday\"", "1518264000000000000");
        yield return C("time.add_date", "1705257221593912000", "1585852421593912000", "3", "9", "12");
        yield return C("time.add_date", "1551465221593912000", "1585852421593912000", "-1", "-1", "-1");
        yield return C("time.format", "\"2022-12-02T18:40:53.141828752Z\"", "1670006453141828752");
        yield return C("time.format", "\"2022-12-03T00:10:53.141828752+05:30\"", "[1670006453141828752, \"Asia/Kolkata\"]");
        yield return C("time.format", "\"Sat Dec 03 00:10:53 +0530 2022\"", "[1670006453141828752, \"Asia/Kolkata\", \"Mon Jan 02 15:04:05 -0700 2006\"]");
        yield return C("time.format", "\"Sat, 03 Dec 2022 00:10:53 +0530\"", "[1670006453141828752, \"Asia/Kolkata\", \"RFC1123Z\"]");
        yield return C("time.diff", "[1,1,1,1,1,1]", "0", "34304461000000000");
    }

    [TestCaseSource(nameof(Cases))]
    public void Call_ValidArguments_ReturnsOpaResult(string name, string[] args, string expected)
    {
        // Act
        var actual = BuiltinCall.Json(name, args);

        // Assert
        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCase("time.parse_ns", "time outside of valid range", "\"2006-01-02T15:04:05Z07:00\"", "\"1677-09-21T00:12:43.145224191-00:00\"")]
    [TestCase("time.parse_rfc3339_ns", "time outside of valid range", "\"2262-04-11T23:47:16.854775808-00:00\"")]
    [TestCase("time.add_date", "time outside of valid range", "0", "2262", "1", "1")]
    [TestCase("time.add_date", "time outside of valid range", "-9223372036854775808", "0", "0", "-1")]
    [TestCase("time.date", "timestamp too big", "1582977600000000000000")]
    [TestCase("time.parse_duration_ns", "time: missing unit in duration \"1\"", "\"1\"")]
    [TestCase("time.parse_duration_ns", "time: unknown unit \"x\" in duration \"1x\"", "\"1x\"")]
    public void Call_OutOfRange_BuiltinError(string name, string message, params string[] args)
    {
        // Act
        var error = BuiltinCall.Error(name, args);

        // Assert
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [Test]
    public void NowNs_SameQuery_SameValueFromClock()
    {
        // Arrange
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var ctx = new BuiltinContext(clock, CancellationToken.None);

        // Act
        var first = BuiltinCall.Invoke(ctx, "time.now_ns");
        clock.Now = clock.Now.AddHours(1);
        var second = BuiltinCall.Invoke(ctx, "time.now_ns");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(Value.From(1_700_000_000L * 1_000_000_000)));
            Assert.That(second, Is.EqualTo(first));
        });
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
