using System.Numerics;
using PhiGate.Rego.Builtins;

namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class GoFormatterTests
{
    private static GoFormatArg I(long v) => GoFormatArg.FromInteger(v);

    private static GoFormatArg F(double v) => GoFormatArg.FromFloat(v);

    private static GoFormatArg S(string v) => GoFormatArg.FromString(v);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("hi %s", new[] { S("there") }, "hi there").SetName("Format_StringVerb_Substitutes");
        yield return new TestCaseData("hi %02d", new[] { I(5) }, "hi 05").SetName("Format_ZeroPaddedInt_Pads");
        yield return new TestCaseData("hi %02X.%02X", new[] { I(127), I(1) }, "hi 7F.01").SetName("Format_UpperHex_Pads");
        yield return new TestCaseData("hi %.2f", new[] { F(3.1415) }, "hi 3.14").SetName("Format_FloatPrecision_Rounds");
        yield return new TestCaseData("%v", new[] { F(3.14) }, "3.14").SetName("Format_FloatV_Shortest");
        yield return new TestCaseData("%v", new[] { F(1234567.5) }, "1.2345675e+06").SetName("Format_LargeFloatV_Exponent");
        yield return new TestCaseData("%v", new[] { F(0.00001) }, "1e-05").SetName("Format_SmallFloatV_Exponent");
        yield return new TestCaseData("%e", new[] { F(1234.5678) }, "1.234568e+03").SetName("Format_EVerb_SixDigits");
        yield return new TestCaseData("%g", new[] { F(100000.5) }, "100000.5").SetName("Format_GVerb_Plain");
        yield return new TestCaseData("%.3g", new[] { F(1.0) }, "1").SetName("Format_GPrecision_TrimsZeros");
        yield return new TestCaseData("%d", new[] { S("x") }, "%!d(string=x)").SetName("Format_IntVerbOnString_BadVerb");
        yield return new TestCaseData("%s", new[] { I(5) }, "%!s(int=5)").SetName("Format_StringVerbOnInt_BadVerb");
        yield return new TestCaseData("%d %d", new[] { I(5) }, "5 %!d(MISSING)").SetName("Format_MissingArg_Marked");
        yield return new TestCaseData("%d", new[] { I(5), S("a") }, "5%!(EXTRA string=a)").SetName("Format_ExtraArg_Marked");
        yield return new TestCaseData("%q", new[] { S("a\"b\n") }, "\"a\\\"b\\n\"").SetName("Format_Quote_Escapes");
        yield return new TestCaseData("%x", new[] { S("hi") }, "6869").SetName("Format_HexString_Bytes");
        yield return new TestCaseData("%-5d|", new[] { I(-3) }, "-3   |").SetName("Format_LeftAlign_PadsRight");
        yield return new TestCaseData("%+d", new[] { I(3) }, "+3").SetName("Format_PlusFlag_Sign");
        yield return new TestCaseData("%08.3f", new[] { F(-3.14159) }, "-003.142").SetName("Format_ZeroPadNegativeFloat_SignFirst");
        yield return new TestCaseData("100%%", Array.Empty<GoFormatArg>(), "100%").SetName("Format_PercentEscape_Literal");
        yield return new TestCaseData("%.2s", new[] { S("héllo") }, "hé").SetName("Format_StringPrecision_TruncatesRunes");
        yield return new TestCaseData("%#x", new[] { I(255) }, "0xff").SetName("Format_SharpHex_Prefix");
        yield return new TestCaseData("%b", new[] { I(5) }, "101").SetName("Format_Binary_Digits");
        yield return new TestCaseData("%c", new[] { I(65) }, "A").SetName("Format_Char_Rune");
    }

    [TestCaseSource(nameof(Cases))]
    public void Format_Case_MatchesGo(string format, GoFormatArg[] args, string expected)
    {
        // Act
        var actual = GoFormatter.Format(format, args);

        // Assert
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Format_BigIntegerWithS_PrintsDecimal()
    {
        // Arrange
        var big = BigInteger.Parse("1208925819614629174706175", System.Globalization.CultureInfo.InvariantCulture);

        // Act
        var actual = GoFormatter.Format("%s/%d/%x", [GoFormatArg.FromInteger(big), GoFormatArg.FromInteger(big), GoFormatArg.FromInteger(big)]);

        // Assert
        Assert.That(actual, Is.EqualTo("1208925819614629174706175/1208925819614629174706175/ffffffffffffffffffff"));
    }
}
