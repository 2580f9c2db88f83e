namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class PurlBuiltinsTests
{
    [TestCase("pkg:npm/%40angular/animation@12.3.1", "{\"name\":\"animation\",\"namespace\":\"@angular\",\"type\":\"npm\",\"version\":\"12.3.1\"}")]
    [TestCase("pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repository_url=repo.spring.io", "{\"name\":\"batik-anim\",\"namespace\":\"org.apache.xmlgraphics\",\"qualifiers\":{\"classifier\":\"sources\",\"repository_url\":\"repo.spring.io\"},\"type\":\"maven\",\"version\":\"1.9.1\"}")]
    [TestCase("pkg:GitHub/Package-URL/purl-spec@244fd47e07d1004#everybody/loves/dogs", "{\"name\":\"purl-spec\",\"namespace\":\"package-url\",\"subpath\":\"everybody/loves/dogs\",\"type\":\"github\",\"version\":\"244fd47e07d1004\"}")]
    public void Parse_ValidPurl_Components(string purl, string expected)
    {
        // Act
        var actual = BuiltinCall.Json("purl.parse", PhiGate.Rego.Values.JsonText.Serialize(PhiGate.Rego.Values.Value.From(purl)));

        // Assert
        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCase("npm/foo", false)]
    [TestCase("pkg:npm", false)]
    [TestCase("pkg:npm/foo", true)]
    public void IsValid_Text_Checked(string purl, bool expected)
    {
        // Act
        var actual = BuiltinCall.Json("purl.is_valid", PhiGate.Rego.Values.JsonText.Serialize(PhiGate.Rego.Values.Value.From(purl)));

        // Assert
        Assert.That(actual, Is.EqualTo(expected ? "true" : "false"));
    }
}
