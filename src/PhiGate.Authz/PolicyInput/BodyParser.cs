using System.Globalization;
using System.Text;
using System.Text.Json;
using Envoy.Service.Auth.V3;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using PhiGate.Rego.Values;

namespace PhiGate.Authz.PolicyInput;

/// <summary>
/// <c>parsed_body</c> and <c>truncated_body</c> as opa-envoy-plugin computes them: JSON, form and multipart bodies
/// are parsed; a body Envoy marked partial (<c>x-envoy-auth-partial-body: true</c>) or shorter than its
/// <c>content-length</c> is reported truncated and not parsed. A body that claims a type and does not parse is
/// an error (the request is denied).
/// </summary>
internal static class BodyParser
{
    public static bool TryParse(AttributeContext.Types.HttpRequest http, out Value parsedBody, out bool truncated)
    {
        ArgumentNullException.ThrowIfNull(http);
        parsedBody = Value.Null;
        truncated = false;
        var headers = http.Headers;
        if (headers.TryGetValue("x-envoy-auth-partial-body", out var partial) && partial == "true")
        {
            truncated = true;
            return true;
        }

        if (!headers.TryGetValue("content-type", out var contentType))
        {
            return true;
        }

        var isJson = contentType.Contains("application/json", StringComparison.Ordinal);
        var isForm = !isJson && contentType.Contains("application/x-www-form-urlencoded", StringComparison.Ordinal);
        var isMultipart = !isJson && !isForm && contentType.Contains("multipart/form-data", StringComparison.Ordinal);
        if (!isJson && !isForm && !isMultipart)
        {
            return true;
        }

        var body = http.Body.Length > 0 ? Encoding.UTF8.GetBytes(http.Body) : http.RawBody.ToByteArray();
        if (body.Length == 0)
        {
            return true;
        }

        if (headers.TryGetValue("content-length", out var lengthText))
        {
            if (!long.TryParse(lengthText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var contentLength))
            {
                return false;
            }

            if (contentLength != -1 && contentLength > body.Length)
            {
                truncated = true;
                return true;
            }
        }

        if (isJson)
        {
            return TryParseJson(body, out parsedBody);
        }

        if (isForm)
        {
            var ok = PathParser.TryParseQuery(Encoding.UTF8.GetString(body), out var form);
            parsedBody = form;
            return ok;
        }

        return TryParseMultipart(contentType, body, out parsedBody);
    }

    private static bool TryParseJson(byte[] body, out Value parsed)
    {
        try
        {
            parsed = JsonValueReader.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            parsed = Value.Null;
            return false;
        }
    }

    private static bool TryParseMultipart(string contentType, byte[] body, out Value parsed)
    {
        parsed = Value.Null;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return true;
        }

        var values = new Dictionary<string, List<Value>>(StringComparer.Ordinal);
        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body)) { BodyLengthLimit = body.Length };
            while (reader.ReadNextSectionAsync().GetAwaiter().GetResult() is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    continue;
                }

                using var buffer = new MemoryStream();
                section.Body.CopyTo(buffer);
                Value value;
                if (section.ContentType?.Contains("application/json", StringComparison.Ordinal) == true)
                {
                    if (!TryParseJson(buffer.ToArray(), out value))
                    {
                        return false;
                    }
                }
                else
                {
                    value = Value.From(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                }

                if (!values.TryGetValue(name, out var list))
                {
                    list = [];
                    values[name] = list;
                }

                list.Add(value);
            }
        }
        catch (IOException)
        {
            return false;
        }
        catch (InvalidDataException)
        {
            return false;
        }

        var builder = new ObjectBuilder(values.Count);
        foreach (var (name, list) in values)
        {
            builder.Add(name, Value.NewArray([.. list]));
        }

        parsed = builder.Build();
        return true;
    }
}
