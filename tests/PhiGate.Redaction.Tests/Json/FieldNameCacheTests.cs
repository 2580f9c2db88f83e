using System.Text;
using PhiGate.Redaction.Json;

namespace PhiGate.Redaction.Tests.Json;

[TestFixture]
public sealed class FieldNameCacheTests
{
    [Test]
    public void Classify_ManyNamesTwice_SameAsUncachedTable()
    {
        // Arrange
        var cache = new FieldNameCache();
        string[] known = ["resourceType", "given", "family", "postalCode", "postal_code", "ZIP", "e-mail", "telecom", "valueString", "code", "system", "a_property_name_longer_than_32_bytes", "x"];
        var names = known.Concat(Enumerable.Range(0, 2000).Select(i => "field" + i)).Select(Encoding.UTF8.GetBytes).ToArray();

        // Act
        var first = names.Select(n => cache.Classify(n)).ToArray();
        var second = names.Select(n => cache.Classify(n)).ToArray();

        // Assert
        var expected = names.Select(n => FieldNames.Classify(n)).ToArray();
        Assert.That(first, Is.EqualTo(expected));
        Assert.That(second, Is.EqualTo(expected));
        Assert.That(cache.Classify("ZIP"u8), Is.EqualTo((FieldKind.Phi, PhiCategory.PostalCode)));
    }
}
