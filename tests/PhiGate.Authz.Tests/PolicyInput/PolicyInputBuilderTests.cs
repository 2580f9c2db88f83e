using System.Text.Json;
using PhiGate.Authz.PolicyInput;
using PhiGate.Authz.Replay;
using PhiGate.Authz.Tokens;
using PhiGate.Rego.Values;
using PhiGate.Testing.Envoy;

namespace PhiGate.Authz.Tests.PolicyInput;

/// <summary>The input document has opa-envoy-plugin's shape: JSON field names, populated fields only, parsed path and query.</summary>
[TestFixture]
public sealed class PolicyInputBuilderTests
{
    private static readonly CallerAuthentication Anonymous = new(null, null, CallerIdentity.Anonymous, TokenFailure.Missing, null);

    private static JsonElement Build(CheckRequestBuilder request, bool skipBody = false)
    {
        var input = new PolicyInputBuilder(skipBody).Build(request.Build(), Anonymous);
        Assert.That(input, Is.Not.Null);
        return JsonDocument.Parse(JsonText.Serialize(input!)).RootElement.Clone();
    }

    [Test]
    public void Build_TypicalRequest_AttributesUseProtoJsonNames()
    {
        // Arrange
        var request = new CheckRequestBuilder().Method("GET").Path("/api/v1/products?sort=name").ContextExtension("route", "catalogue");

        // Act
        var input = Build(request);

        // Assert
        var attributes = input.GetProperty("attributes");
        var socket = attributes.GetProperty("source").GetProperty("address").GetProperty("socketAddress");
        Assert.That(socket.GetProperty("address").GetString(), Is.EqualTo("10.1.2.3"));
        Assert.That(socket.GetProperty("portValue").GetInt32(), Is.EqualTo(51234));
        Assert.That(socket.TryGetProperty("protocol", out _), Is.False, "zero-valued fields are not populated");
        var http = attributes.GetProperty("request").GetProperty("http");
        Assert.That(http.GetProperty("method").GetString(), Is.EqualTo("GET"));
        Assert.That(http.GetProperty("headers").GetProperty(":path").GetString(), Is.EqualTo("/api/v1/products?sort=name"));
        Assert.That(http.TryGetProperty("query", out _), Is.False);
        Assert.That(attributes.GetProperty("request").GetProperty("time").GetProperty("seconds").GetInt64(), Is.GreaterThan(0));
        Assert.That(attributes.GetProperty("contextExtensions").GetProperty("route").GetString(), Is.EqualTo("catalogue"));
        Assert.That(attributes.GetProperty("destination").GetProperty("principal").GetString(), Is.EqualTo("spiffe://cluster.local/ns/ehr/sa/ehr-api"));
        Assert.That(input.GetProperty("version").GetProperty("ext_authz").GetString(), Is.EqualTo("v3"));
        Assert.That(input.GetProperty("version").GetProperty("encoding").GetString(), Is.EqualTo("protojson"));
        Assert.That(input.GetProperty("parsed_body").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(input.GetProperty("truncated_body").GetBoolean(), Is.False);
        Assert.That(input.TryGetProperty("source_principal", out _), Is.False);
        Assert.That(input.GetProperty("identity").GetProperty("authenticated").GetBoolean(), Is.False);
    }

    [Test]
    public void Build_EncodedPathAndQuery_ParsedLikeOpaEnvoy()
    {
        // Act
        var input = Build(new CheckRequestBuilder().Path("//fhir/Patient%2F1/a%20b?name=J+Doe&name=x%26y&flag&empty=&&q=%C3%A9"));

        // Assert
        var path = input.GetProperty("parsed_path").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.That(path, Is.EqualTo(new[] { "fhir", "Patient", "1", "a b" }));
        var query = input.GetProperty("parsed_query");
        Assert.That(query.GetProperty("name").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "J Doe", "x&y" }));
        Assert.That(query.GetProperty("flag").EnumerateArray().Single().GetString(), Is.EqualTo(string.Empty));
        Assert.That(query.GetProperty("empty").EnumerateArray().Single().GetString(), Is.EqualTo(string.Empty));
        Assert.That(query.GetProperty("q").EnumerateArray().Single().GetString(), Is.EqualTo("é"));
    }

    [Test]
    public void Build_RootPath_SingleEmptySegment()
    {
        // Act
        var input = Build(new CheckRequestBuilder().Path("/"));

        // Assert
        Assert.That(input.GetProperty("parsed_path").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { string.Empty }));
        Assert.That(input.GetProperty("parsed_query").EnumerateObject(), Is.Empty);
    }

    [TestCase("/a%zz")]
    [TestCase("/a?x=%g1")]
    [TestCase("/a?x=1;y=2")]
    public void Build_InvalidEscapesOrSeparators_NoInput(string path)
    {
        // Act
        var input = new PolicyInputBuilder(false).Build(new CheckRequestBuilder().Path(path).Build(), Anonymous);

        // Assert
        Assert.That(input, Is.Null);
    }

    [Test]
    public void Build_BodyShorterThanContentLength_Truncated()
    {
        // Arrange
        var request = new CheckRequestBuilder().Method("POST").Path("/x").Header("content-type", "application/json").Header("content-length", "100").Body("{\"a\":1}"u8.ToArray());

        // Act
        var input = Build(request);

        // Assert
        Assert.That(input.GetProperty("truncated_body").GetBoolean(), Is.True);
        Assert.That(input.GetProperty("parsed_body").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void Build_MultipartBody_FieldsAsLists()
    {
        // Arrange
        const string body = "--b1\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
            + "--b1\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"k\":2}\r\n--b1--\r\n";
        var request = new CheckRequestBuilder().Method("POST").Path("/upload").Header("content-type", "multipart/form-data; boundary=b1").Body(System.Text.Encoding.UTF8.GetBytes(body));

        // Act
        var input = Build(request);

        // Assert
        var parsed = input.GetProperty("parsed_body");
        Assert.That(parsed.GetProperty("note")[0].GetString(), Is.EqualTo("hello"));
        Assert.That(parsed.GetProperty("meta")[0].GetProperty("k").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void Build_SkipBodyParse_NoBodyKeys()
    {
        // Act
        var input = Build(new CheckRequestBuilder().Method("POST").Path("/x").Header("content-type", "application/json").Body("{}"u8.ToArray()), skipBody: true);

        // Assert
        Assert.That(input.TryGetProperty("parsed_body", out _), Is.False);
        Assert.That(input.TryGetProperty("truncated_body", out _), Is.False);
    }
}
