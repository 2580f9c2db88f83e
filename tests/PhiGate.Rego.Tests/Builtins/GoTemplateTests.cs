namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class GoTemplateTests
{
    [TestCase("{{.test}}", "{\"test\":\"hello world\"}", "hello world")]
    [TestCase("{{.test}}", "{\"test\":2023}", "2023")]
    [TestCase("{{range $i, $name := .names}}{{if $i}},{{end}}hello {{$name}}{{end}}", "{\"names\":[\"rohan\",\"john doe\"]}", "hello rohan,hello john doe")]
    [TestCase("test {{.foo}} {{.bar}} {{.baz}}", "{\"baz\":1}", "test <undefined> <undefined> 1")]
    [TestCase("{{if eq .role \"admin\"}}yes{{else if eq .role \"ops\"}}maybe{{else}}no{{end}}", "{\"role\":\"ops\"}", "maybe")]
    [TestCase("{{with .user}}{{.name}}{{end}}", "{\"user\":{\"name\":\"ann\"}}", "ann")]
    [TestCase("{{len .items}} {{index .items 1}}", "{\"items\":[\"a\",\"b\"]}", "2 b")]
    [TestCase("{{.n | printf \"%03d\"}}", "{\"n\":7}", "007")]
    [TestCase("a  {{- .x -}}  b", "{\"x\":\"X\"}", "aXb")]
    [TestCase("{{range .none}}x{{else}}empty{{end}}", "{\"none\":[]}", "empty")]
    [TestCase("{{/* comment */}}{{$v := .x}}{{$v}}", "{\"x\":\"kept\"}", "kept")]
    public void RenderTemplate_Template_RendersLikeGo(string template, string vars, string expected)
    {
        // Act
        var actual = BuiltinCall.Json("strings.render_template", PhiGate.Rego.Values.JsonText.Serialize(PhiGate.Rego.Values.Value.From(template)), vars);

        // Assert
        Assert.That(actual, Is.EqualTo(PhiGate.Rego.Values.JsonText.Serialize(PhiGate.Rego.Values.Value.From(expected))));
    }

    [TestCase("{{if .x}}unterminated")]
    [TestCase("{{.x")]
    [TestCase("{{nosuchfunc .x}}")]
    public void RenderTemplate_Malformed_BuiltinError(string template)
    {
        // Act
        var error = BuiltinCall.Error("strings.render_template", PhiGate.Rego.Values.JsonText.Serialize(PhiGate.Rego.Values.Value.From(template)), "{}");

        // Assert
        Assert.That(error.Message, Does.StartWith("template: "));
    }
}
