namespace PhiGate.Audit;

/// <summary>
/// The <c>audit</c> configuration section. YAML keys are snake_case (<c>audit.checkpoint_every</c>);
/// the host's configuration provider removes underscores, so they bind to these properties.
/// </summary>
/// <remarks>
/// With no audit section at all the trail writes to stdout with per-process ephemeral keys and logs a
/// warning: events are still hash-only and chained, but digests change at every restart and nobody
/// outside the process can check the checkpoint signatures. A persistent trail
/// (<see cref="Directory"/> set) requires both keys.
/// </remarks>
public sealed class AuditOptions
{
    /// <summary>
    /// <c>audit.enabled</c>: false turns the trail off entirely (appends are accepted and discarded, a
    /// warning is logged at start). Meant for baseline measurements only. Default: true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <c>audit.hmac_key_file</c>: the HMAC key ring. Line 1 the key id, line 2 the base64 key (at least
    /// 32 bytes). Further id/key line pairs are older keys kept for investigators. Default: none.
    /// </summary>
    public string? HmacKeyFile { get; set; }

    /// <summary>
    /// <c>audit.hmac_key_env</c>: name of an environment variable holding <c>&lt;key id&gt;:&lt;base64 key&gt;</c>,
    /// used when <see cref="HmacKeyFile"/> is not set. Default: none.
    /// </summary>
    public string? HmacKeyEnv { get; set; }

    /// <summary><c>audit.signing_key_file</c>: PEM ECDSA P-256 private key that signs checkpoints. Default: none.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary><c>audit.directory</c>: where the append-only files go. Default: none (no file sink).</summary>
    public string? Directory { get; set; }

    /// <summary><c>audit.stdout</c>: also write every record to stdout. Default: true when no directory is set, else false.</summary>
    public bool? Stdout { get; set; }

    /// <summary><c>audit.checkpoint_every</c>: sign a checkpoint after this many records. Default: 1000.</summary>
    public int CheckpointEvery { get; set; } = 1000;

    /// <summary><c>audit.checkpoint_interval</c>: sign a checkpoint at least this often while records arrive. Default: <c>60s</c>.</summary>
    public string CheckpointInterval { get; set; } = "60s";

    /// <summary><c>audit.rotate_size</c>: start a new file past this size (<c>64MiB</c>, <c>500KB</c>, bytes). Default: <c>64MiB</c>.</summary>
    public string RotateSize { get; set; } = "64MiB";

    /// <summary><c>audit.rotate_interval</c>: start a new file after this long. Default: <c>1h</c>.</summary>
    public string RotateInterval { get; set; } = "1h";

    /// <summary><c>audit.queue_capacity</c>: events that may wait for the writer. Default: 65536.</summary>
    public int QueueCapacity { get; set; } = 65536;

    /// <summary><c>audit.max_queue_wait</c>: how long <c>AppendAsync</c> waits for queue space before it fails closed. Default: <c>100ms</c>.</summary>
    public string MaxQueueWait { get; set; } = "100ms";

    /// <summary><c>audit.batch_size</c>: records written (and fsynced) together at most. Default: 1024.</summary>
    public int BatchSize { get; set; } = 1024;

    /// <summary>
    /// <c>audit.batch_linger</c>: how long the writer lets events gather before it writes and fsyncs a batch
    /// that is not yet full (<c>0ms</c>: write at once). Longer lingers mean fewer, larger fsyncs; appends
    /// never wait for it, but accepted events are held in memory that much longer before they are on
    /// disk. At most <c>1s</c>. Default: <c>50ms</c> (fsync cost dominated the audit overhead at 5ms).
    /// </summary>
    public string BatchLinger { get; set; } = "50ms";

    /// <summary><c>audit.retry_interval</c>: how often a failed trail retries its sinks. Default: <c>1s</c>.</summary>
    public string RetryInterval { get; set; } = "1s";
}
