using System.Numerics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Tests.Values;

[TestFixture]
public sealed class ValueTests
{
    [Test]
    public void Compare_DifferentKinds_FollowsOpaTypeOrder()
    {
        // Arrange
        Value[] ordered =
        [
            Value.Null, Value.False, Value.True, Value.From(-1), Value.From(2.5), Value.From("a"),
            Value.NewArray(Value.From(1)), Value.NewObject(("a", Value.From(1))), Value.NewSet(Value.From(1)),
        ];

        // Act
        var shuffled = ordered.Reverse().ToArray();
        Array.Sort(shuffled, ValueComparer.Instance);

        // Assert
        Assert.That(shuffled, Is.EqualTo(ordered));
    }

    [Test]
    public void Equals_IntegerAndDecimalOfSameMagnitude_AreEqualWithSameHash()
    {
        // Arrange
        Assert.That(NumberValue.TryParse("1.0", out var dec), Is.True);
        var integer = Value.From(1);

        // Act
        var equal = dec.Equals(integer);

        // Assert
        Assert.That(equal, Is.True);
        Assert.That(dec.GetHashCode(), Is.EqualTo(integer.GetHashCode()));
    }

    [Test]
    public void Parse_IntegerBeyondInt64_StaysExact()
    {
        // Arrange
        const string json = "{\"n\": 123456789012345678901234567890}";

        // Act
        var obj = (ObjectValue)JsonValueReader.Parse(json);
        var n = (NumberValue)obj.Get("n")!;

        // Assert
        Assert.That(n.TryGetBigInteger(out var big), Is.True);
        Assert.That(big, Is.EqualTo(BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(JsonText.Serialize(obj), Is.EqualTo("{\"n\":123456789012345678901234567890}"));
    }

    [Test]
    public void Parse_DecimalText_RoundTripsAsWritten()
    {
        // Arrange
        const string json = "[0.1, 1.50, 1e3]";

        // Act
        var text = JsonText.Serialize(JsonValueReader.Parse(json));

        // Assert
        Assert.That(text, Is.EqualTo("[0.1,1.50,1e3]"));
    }

    [Test]
    public void FromElement_EscapedAndPlainKeys_MatchByteParser()
    {
        // Arrange
        const string json = "{\"plain\": 1, \"esc\\\"aped\": {\"k\u00e9y\": [true, null]}}";
        using var doc = System.Text.Json.JsonDocument.Parse(json);

        // Act
        var fromElement = JsonValueReader.FromElement(doc.RootElement);
        var fromBytes = JsonValueReader.Parse(json);

        // Assert
        Assert.That(fromElement, Is.EqualTo(fromBytes));
        Assert.That(((ObjectValue)fromElement).Get("esc\"aped"), Is.Not.Null);
        Assert.That(JsonText.Serialize(fromElement), Is.EqualTo("{\"esc\\\"aped\":{\"k\u00e9y\":[true,null]},\"plain\":1}"));
    }

    [Test]
    public void NewSet_DuplicateElements_AreRemovedAndSorted()
    {
        // Arrange
        var set = (SetValue)Value.NewSet(Value.From("b"), Value.From("a"), Value.From("b"), Value.From(1));

        // Act
        var items = set.Items.ToArray();

        // Assert
        Assert.That(items, Is.EqualTo(new[] { Value.From(1), Value.From("a"), Value.From("b") }));
        Assert.That(set.ToString(), Is.EqualTo("{1, \"a\", \"b\"}"));
    }

    [Test]
    public void ObjectBuilder_DuplicateKeys_LastValueWins()
    {
        // Arrange
        var b = new ObjectBuilder();
        b.Add("k", Value.From(1)).Add(Value.From(2), Value.From("two")).Add("k", Value.From(3));

        // Act
        var obj = b.Build();

        // Assert
        Assert.That(obj.Count, Is.EqualTo(2));
        Assert.That(obj.Get("k"), Is.EqualTo(Value.From(3)));
        Assert.That(obj.Get(Value.From(2)), Is.EqualTo(Value.From("two")));
    }

    [Test]
    public void Serialize_HtmlCharactersWithEscapeHtml_AreEscapedAsGoDoes()
    {
        // Arrange
        var v = Value.From("<a&b>");

        // Act
        var plain = JsonText.Serialize(v);
        var escaped = JsonText.Serialize(v, escapeHtml: true);

        // Assert
        Assert.That(plain, Is.EqualTo("\"<a&b>\""));
        Assert.That(escaped, Is.EqualTo("\"\\u003ca\\u0026b\\u003e\""));
    }

    [Test]
    public void Parse_NestingBeyondLimit_ThrowsJsonException()
    {
        // Arrange
        var deep = new string('[', 10_000) + new string(']', 10_000);

        // Act + Assert
        Assert.That(() => JsonValueReader.Parse(deep), Throws.InstanceOf<System.Text.Json.JsonException>());
    }
}
