namespace PhiGate.Redaction;

/// <summary>The body formats the redactor understands.</summary>
public enum BodyFormat : byte
{
    /// <summary>Not redactable: callers must not pass such a body through (fail closed).</summary>
    Unsupported = 0,

    /// <summary>JSON, including FHIR JSON (<c>application/fhir+json</c>).</summary>
    Json,

    /// <summary>Plain text.</summary>
    Text,
}

/// <summary>Maps a Content-Type header value to a <see cref="BodyFormat"/>.</summary>
public static class BodyFormats
{
    /// <summary>
    /// <c>application/json</c>, <c>application/fhir+json</c>, any <c>+json</c> suffix → Json;
    /// <c>text/plain</c> → Text; anything else → Unsupported.
    /// </summary>
    public static BodyFormat FromContentType(ReadOnlySpan<char> contentType)
    {
        var semicolon = contentType.IndexOf(';');
        var mediaType = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase))
        {
            return mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) || mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
                ? BodyFormat.Json
                : BodyFormat.Unsupported;
        }

        return mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase) ? BodyFormat.Text : BodyFormat.Unsupported;
    }
}
