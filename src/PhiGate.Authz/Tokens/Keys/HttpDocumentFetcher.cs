namespace PhiGate.Authz.Tokens.Keys;

/// <summary>GETs a small JSON document with a timeout and a size cap; redirects are not followed.</summary>
internal sealed class HttpDocumentFetcher(HttpClient client, TimeSpan timeout)
{
    /// <summary>Largest accepted JWKS or discovery document.</summary>
    public const int MaxDocumentBytes = 1 << 20;

    public async Task<KeyFetchResult> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (!KeyUrlPolicy.IsAllowed(uri.OriginalString, out _))
        {
            return KeyFetchResult.Fail(KeyFetchFailure.InsecureUrl);
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return KeyFetchResult.Fail(KeyFetchFailure.HttpError);
            }

            if (response.Content.Headers.ContentLength > MaxDocumentBytes)
            {
                return KeyFetchResult.Fail(KeyFetchFailure.InvalidDocument);
            }

            var body = await ReadCappedAsync(response.Content, timeoutSource.Token).ConfigureAwait(false);
            return body is null ? KeyFetchResult.Fail(KeyFetchFailure.InvalidDocument) : KeyFetchResult.Ok(body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return KeyFetchResult.Fail(KeyFetchFailure.Timeout);
        }
        catch (HttpRequestException)
        {
            return KeyFetchResult.Fail(KeyFetchFailure.Unreachable);
        }
    }

    private static async Task<string?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxDocumentBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }
}
