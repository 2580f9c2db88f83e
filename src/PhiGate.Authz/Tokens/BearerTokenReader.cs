using System.Buffers;

namespace PhiGate.Authz.Tokens;

/// <summary>
/// Finds the token in the request headers: RFC 6750 §2.1 <c>Bearer</c> credentials in <c>authorization</c>, or
/// the raw token (an optional <c>Bearer </c> prefix is tolerated) in a configured header.
/// </summary>
internal sealed class BearerTokenReader
{
    /// <summary>RFC 6750's b64token alphabet (before trailing '='), checked in one vectorized scan.</summary>
    private static readonly SearchValues<char> Token68Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/");

    private const string AuthorizationHeader = "authorization";
    private const string Scheme = "Bearer";

    private readonly string _header;
    private readonly int _maxTokenBytes;

    public BearerTokenReader(string header, int maxTokenBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(header);
        _header = header.ToLowerInvariant();
        _maxTokenBytes = maxTokenBytes;
    }

    /// <summary>Reads the token as a copy; see <see cref="TryRead(IReadOnlyDictionary{string, string}, out ReadOnlyMemory{char})"/>.</summary>
    public TokenFailure TryRead(IReadOnlyDictionary<string, string> headers, out string token)
    {
        var failure = TryRead(headers, out ReadOnlyMemory<char> slice);
        token = slice.ToString();
        return failure;
    }

    /// <summary>
    /// Reads the token as a slice of the header value (no copy: a cached token is never copied on the hot path);
    /// a failure is <see cref="TokenFailure.Missing"/>, <see cref="TokenFailure.InvalidRequest"/> or <see cref="TokenFailure.TooLarge"/>.
    /// </summary>
    public TokenFailure TryRead(IReadOnlyDictionary<string, string> headers, out ReadOnlyMemory<char> token)
    {
        ArgumentNullException.ThrowIfNull(headers);
        token = ReadOnlyMemory<char>.Empty;
        if (!headers.TryGetValue(_header, out var value) || value.Length == 0)
        {
            return TokenFailure.Missing;
        }

        // Leave room for the scheme; anything far larger is refused before any parsing.
        if (value.Length > _maxTokenBytes + 64)
        {
            return TokenFailure.TooLarge;
        }

        var memory = value.AsMemory().Trim();
        var span = memory.Span;
        var hasScheme = span.Length > Scheme.Length
            && span[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase)
            && span[Scheme.Length] == ' ';
        if (hasScheme)
        {
            memory = memory[(Scheme.Length + 1)..].TrimStart(' ');
            span = memory.Span;
        }
        else if (_header == AuthorizationHeader)
        {
            // Another scheme (Basic, DPoP, ...) is not a bearer token; an empty scheme is not a credential.
            return span.IndexOf(' ') > 0 ? TokenFailure.Missing : TokenFailure.InvalidRequest;
        }

        if (span.IsEmpty)
        {
            return TokenFailure.InvalidRequest;
        }

        // Envoy joins repeated headers with ','; a comma or space inside means more than one credential.
        if (!IsToken68(span))
        {
            return TokenFailure.InvalidRequest;
        }

        if (span.Length > _maxTokenBytes)
        {
            return TokenFailure.TooLarge;
        }

        token = memory;
        return TokenFailure.None;
    }

    private static bool IsToken68(ReadOnlySpan<char> value)
    {
        var body = value.TrimEnd('=');
        return !body.IsEmpty && !body.ContainsAnyExcept(Token68Chars);
    }
}
