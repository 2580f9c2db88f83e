using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace PhiGate.Audit;

/// <summary>
/// The audit trail: a bounded queue in front of one background writer that chains, checkpoints and
/// writes records in batches. See <see cref="IAuditTrail"/> for the contract.
/// </summary>
/// <remarks>
/// Health is the conjunction of three flags: the primary sink writes (<see cref="_sinkFailed"/>), the
/// queue is not overflowing (<see cref="_overloaded"/>) and the trail has not been stopped. The writer
/// is the only thread that touches the chain, the encoder and the sinks.
/// </remarks>
internal sealed partial class AuditTrail : IAuditTrail, IAsyncDisposable
{
    private readonly AuditSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AuditMetrics _metrics;
    private readonly Channel<byte[]> _queue;
    private readonly AuditFileSink? _file;
    private readonly StreamAuditSink? _stdout;
    private readonly RecordEncoder _encoder = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly DigestMemo _recurring;

    private volatile bool _sinkFailed;
    private volatile bool _overloaded;
    private volatile bool _stopped;
    private Task? _writer;

    public AuditTrail(AuditSettings settings, TimeProvider time, ILogger<AuditTrail> logger, AuditMetrics metrics, Stream? stdout = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(metrics);
        _settings = settings;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _recurring = new DigestMemo(settings.HmacKeys.Active);
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(settings.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        if (settings.Directory is not null)
        {
            _file = new AuditFileSink(settings.Directory, settings.RotateSize, settings.RotateInterval);
        }

        if (settings.Stdout)
        {
            _stdout = stdout is null ? StreamAuditSink.OpenStdout() : new StreamAuditSink(stdout, ownsStream: false);
        }

        _lastCheckpointAt = time.GetUtcNow();
        _metrics.Healthy.Set(1);
    }

    /// <inheritdoc/>
    public bool IsEnabled => _settings.Enabled;

    /// <inheritdoc/>
    public bool IsHealthy => !_sinkFailed && !_overloaded && !_stopped;

    /// <summary>The active HMAC key id (what new digests carry).</summary>
    public string HmacKeyId => _settings.HmacKeys.Active.Id;

    /// <summary>The checkpoint signing key id.</summary>
    public string SigningKeyId => _settings.SigningKey.Id;

    /// <summary>The public half of the checkpoint key, PEM, for <c>phigate audit verify --key</c>.</summary>
    public string SigningPublicKeyPem => _settings.SigningKey.ExportPublicKeyPem();

    /// <summary>Events accepted but not yet taken by the writer.</summary>
    public int QueueDepth => _queue.Reader.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AuditDigest Digest(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _settings.HmacKeys.Active.Digest(value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AuditDigest Digest(ReadOnlySpan<char> value) => _settings.HmacKeys.Active.Digest(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AuditDigest DigestRecurring(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _recurring.Digest(value);
    }
}
