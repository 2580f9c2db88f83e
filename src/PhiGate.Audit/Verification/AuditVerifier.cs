namespace PhiGate.Audit;

/// <summary>
/// Checks an audit trail: every file is present, every record matches its own hash and links to the one
/// before it, sequence numbers run without gaps across files, every checkpoint matches the chain head
/// and carries a valid ECDSA P-256 signature from a given key, and nothing follows the last checkpoint.
/// Stops at the first problem and says where (file, 1-based line) and what kind it is.
/// </summary>
internal sealed partial class AuditVerifier
{
    private readonly Dictionary<string, CheckpointVerificationKey> _keys;
    private readonly AuditVerifierOptions _options;

    public AuditVerifier(IEnumerable<CheckpointVerificationKey> keys, AuditVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys.ToDictionary(k => k.Id, StringComparer.Ordinal);
        _options = options ?? new AuditVerifierOptions();
    }

    /// <summary>Verifies every <c>audit-*.jsonl</c> file of a directory in index order.</summary>
    public AuditVerificationReport VerifyDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        List<(long Index, string Path)> files;
        try
        {
            files = AuditFileName.List(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(AuditProblemKind.Unreadable, Path.GetFileName(directory), 0, "directory cannot be read");
        }

        return Verify(new AuditFileSet(files), checkFileNumbers: true);
    }

    /// <summary>
    /// Verifies files given in chain order without file-index checks, e.g. a capture of the stdout sink.
    /// </summary>
    public AuditVerificationReport VerifyFiles(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Verify(new AuditFileSet(paths.Select((p, i) => ((long)i + 1, p)).ToList()), checkFileNumbers: false);
    }

    private static AuditVerificationReport Fail(AuditProblemKind kind, string file, long line, string detail) =>
        new() { Problem = new AuditVerificationProblem(kind, file, line, detail) };
}
