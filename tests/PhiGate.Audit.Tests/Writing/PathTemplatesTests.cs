namespace PhiGate.Audit.Tests;

public class PathTemplatesTests
{
    private TrailHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new TrailHarness();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [TestCase("/fhir/Patient/123?family=Doe", "/fhir/Patient/{id}", new[] { "123" })]
    [TestCase("/fhir/Patient/abc/_history/2", "/fhir/Patient/{id}/_history/{id}", new[] { "abc", "2" })]
    [TestCase("/fhir/Patient/$everything", "/fhir/Patient/$everything", new string[0])]
    [TestCase("/fhir/Patient/p-1/$everything", "/fhir/Patient/{id}/$everything", new[] { "p-1" })]
    [TestCase("/fhir/Patient/Jane", "/fhir/Patient/{id}", new[] { "Jane" })]
    [TestCase("/api/v1/users/42", "/api/{id}/users/{id}", new[] { "v1", "42" })]
    [TestCase("//fhir//Observation//", "/fhir/Observation", new string[0])]
    [TestCase("/", "/", new string[0])]
    [TestCase("", "/", new string[0])]
    [TestCase("?q=1", "/", new string[0])]
    [TestCase("/fhir/_search", "/fhir/_search", new string[0])]
    [TestCase("/fhir/$/x", "/fhir/{id}/x", new[] { "$" })]
    [TestCase("/files/report.pdf", "/files/report.pdf", new string[0])]
    [TestCase("/a/abcdefghijabcdefghijabcdefghijabcdefghijk", "/a/{id}", new[] { "abcdefghijabcdefghijabcdefghijabcdefghijk" })]
    [TestCase("/fhir/Patient/%C3%A9", "/fhir/Patient/{id}", new[] { "%C3%A9" })]
    [TestCase("/fhir/Patient/ünïcode", "/fhir/Patient/{id}", new[] { "ünïcode" })]
    public async Task From_Path_TemplateAndDigestedIds(string path, string template, string[] ids)
    {
        // Arrange
        var trail = await _harness.StartAsync();

        // Act
        var (actualTemplate, actualIds) = PathTemplates.From(path, trail);

        // Assert
        Assert.That(actualTemplate, Is.EqualTo(template));
        Assert.That(actualIds.Select(d => d.Value), Is.EqualTo(ids.Select(id => trail.Digest(id).Value)));
    }

    [Test]
    public async Task From_SameTemplateTwice_EqualTextAndNoRawId()
    {
        // Arrange
        var trail = await _harness.StartAsync();

        // Act
        var (first, _) = PathTemplates.From("/fhir/Patient/111/Observation", trail);
        var (second, ids) = PathTemplates.From("/fhir/Patient/222/Observation", trail);

        // Assert
        Assert.That(second, Is.EqualTo(first));
        Assert.That(second, Is.EqualTo("/fhir/Patient/{id}/Observation"));
        Assert.That(second, Does.Not.Contain("222"));
        Assert.That(ids.Single(), Is.EqualTo(trail.Digest("222")));
    }

    [Test]
    public async Task From_LongPath_WholeTemplate()
    {
        // Arrange
        var trail = await _harness.StartAsync();
        var path = string.Concat(Enumerable.Range(0, 300).Select(i => $"/x/{i}"));

        // Act
        var (template, ids) = PathTemplates.From(path, trail);

        // Assert
        Assert.That(template, Is.EqualTo(string.Concat(Enumerable.Repeat("/x/{id}", 300))));
        Assert.That(ids, Has.Count.EqualTo(300));
    }
}
