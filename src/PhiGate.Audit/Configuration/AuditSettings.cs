namespace PhiGate.Audit;

/// <summary>
/// <see cref="AuditOptions"/> after parsing and key loading: everything the trail needs, or the list of
/// one-line errors naming the YAML key. Keys are loaded once here and owned by the trail.
/// </summary>
internal sealed class AuditSettings
{
    public required HmacKeyRing HmacKeys { get; init; }

    /// <summary>False: nothing is recorded (<c>audit.enabled: false</c>).</summary>
    public bool Enabled { get; init; } = true;

    public required CheckpointSigningKey SigningKey { get; init; }

    public string? Directory { get; init; }

    public bool Stdout { get; init; }

    public int CheckpointEvery { get; init; }

    public TimeSpan CheckpointInterval { get; init; }

    public long RotateSize { get; init; }

    public TimeSpan RotateInterval { get; init; }

    public int QueueCapacity { get; init; }

    public TimeSpan MaxQueueWait { get; init; }

    public int BatchSize { get; init; }

    public TimeSpan BatchLinger { get; init; }

    public TimeSpan RetryInterval { get; init; }

    /// <summary>Parses and checks the options; loads keys only when everything else is valid.</summary>
    public static AuditSettings? Resolve(AuditOptions options, Func<string, string?> environment, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checkpointInterval = Duration(options.CheckpointInterval, "audit.checkpoint_interval", TimeSpan.FromMilliseconds(10), errors);
        var rotateInterval = Duration(options.RotateInterval, "audit.rotate_interval", TimeSpan.FromSeconds(1), errors);
        var maxQueueWait = Duration(options.MaxQueueWait, "audit.max_queue_wait", TimeSpan.Zero, errors);
        var retryInterval = Duration(options.RetryInterval, "audit.retry_interval", TimeSpan.FromMilliseconds(10), errors);
        var batchLinger = Duration(options.BatchLinger, "audit.batch_linger", TimeSpan.Zero, errors);
        if (batchLinger > TimeSpan.FromSeconds(1))
        {
            errors.Add("audit.batch_linger: must be at most 1s");
        }
        if (!ByteSize.TryParse(options.RotateSize, out var rotateSize) || rotateSize < 4096)
        {
            errors.Add("audit.rotate_size: expected a size of at least 4096 bytes such as 64MiB");
        }

        Range(options.CheckpointEvery, "audit.checkpoint_every", 1, 10_000_000, errors);
        Range(options.QueueCapacity, "audit.queue_capacity", 1, 10_000_000, errors);
        Range(options.BatchSize, "audit.batch_size", 1, 100_000, errors);

        var directory = !options.Enabled || string.IsNullOrWhiteSpace(options.Directory) ? null : options.Directory;
        var stdout = options.Enabled && (options.Stdout ?? directory is null);
        if (options.Enabled && directory is null && !stdout)
        {
            errors.Add("audit.stdout: no sink: set audit.directory or audit.stdout: true");
        }

        var hasHmacKey = !string.IsNullOrWhiteSpace(options.HmacKeyFile) || !string.IsNullOrWhiteSpace(options.HmacKeyEnv);
        if (directory is not null && (!hasHmacKey || string.IsNullOrWhiteSpace(options.SigningKeyFile)))
        {
            errors.Add("audit.directory: a persistent trail needs audit.hmac_key_file (or audit.hmac_key_env) and audit.signing_key_file");
        }

        // Keys are checked even when other values are wrong, so one start-up reports every problem.
        var hmac = LoadHmac(options, environment, errors);
        var signing = LoadSigning(options, errors);
        if (errors.Count > 0 || hmac is null || signing is null)
        {
            signing?.Dispose();
            return null;
        }

        return new AuditSettings
        {
            HmacKeys = hmac,
            SigningKey = signing,
            Enabled = options.Enabled,
            Directory = directory,
            Stdout = stdout,
            CheckpointEvery = options.CheckpointEvery,
            CheckpointInterval = checkpointInterval,
            RotateSize = rotateSize,
            RotateInterval = rotateInterval,
            QueueCapacity = options.QueueCapacity,
            MaxQueueWait = maxQueueWait,
            BatchSize = options.BatchSize,
            BatchLinger = batchLinger,
            RetryInterval = retryInterval,
        };
    }

    private static HmacKeyRing? LoadHmac(AuditOptions options, Func<string, string?> environment, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(options.HmacKeyFile))
        {
            return Keep(HmacKeyRing.LoadFile(options.HmacKeyFile, "audit.hmac_key_file"), errors);
        }

        if (!string.IsNullOrWhiteSpace(options.HmacKeyEnv))
        {
            var value = environment(options.HmacKeyEnv);
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add("audit.hmac_key_env: environment variable is not set");
                return null;
            }

            return Keep(HmacKeyRing.Parse(value, "audit.hmac_key_env"), errors);
        }

        return HmacKeyRing.CreateEphemeral();
    }

    private static CheckpointSigningKey? LoadSigning(AuditOptions options, List<string> errors) =>
        string.IsNullOrWhiteSpace(options.SigningKeyFile)
            ? CheckpointSigningKey.CreateEphemeral()
            : Keep(CheckpointSigningKey.LoadFile(options.SigningKeyFile, "audit.signing_key_file"), errors);

    private static T? Keep<T>(KeyLoadResult<T> result, List<string> errors)
        where T : class
    {
        if (!result.Succeeded)
        {
            errors.Add(result.Error);
            return null;
        }

        return result.Value;
    }

    private static TimeSpan Duration(string text, string key, TimeSpan minimum, List<string> errors)
    {
        if (!AuditDuration.TryParse(text, out var value) || value < minimum)
        {
            errors.Add($"{key}: expected a duration such as 500ms, 30s, 5m or 1h" + (minimum > TimeSpan.Zero ? $" (at least {minimum.TotalMilliseconds}ms)" : ""));
        }

        return value;
    }

    private static void Range(int value, string key, int min, int max, List<string> errors)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key}: must be between {min} and {max}");
        }
    }
}
