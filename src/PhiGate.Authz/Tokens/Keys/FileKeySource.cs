namespace PhiGate.Authz.Tokens.Keys;

/// <summary>Reads a JWKS from a file (re-read on every refresh so a rotated file is picked up).</summary>
internal sealed class FileKeySource(string path) : IKeySource
{
    public async Task<KeyFetchResult> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            return KeyFetchResult.Ok(json);
        }
        catch (IOException)
        {
            return KeyFetchResult.Fail(KeyFetchFailure.FileMissing);
        }
        catch (UnauthorizedAccessException)
        {
            return KeyFetchResult.Fail(KeyFetchFailure.FileMissing);
        }
    }
}
