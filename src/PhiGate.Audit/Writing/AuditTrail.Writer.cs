using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace PhiGate.Audit;

/// <summary>The background writer loop: wait, linger, drain, write, retry, stop.</summary>
/// <remarks>
/// The writer owns a dedicated thread: every batch ends in an fsync that blocks, and a blocked thread-pool
/// worker would take a request thread away from a small pod. Producers signal it only while it sleeps
/// idle, so under load an append costs no wake-up at all: the writer finds the next batch when it comes
/// back from the previous one, after a short linger that lets the batch fill up.
/// <para>
/// Methods on the per-event paths (append, encode, write) are <see cref="MethodImplOptions.AggressiveOptimization"/>:
/// a freshly started host has thousands of methods waiting to tier up, and audit code would otherwise run
/// unoptimized (and then instrumented) for many seconds while requests already flow.
/// </para>
/// </remarks>
internal sealed partial class AuditTrail
{
    /// <summary>The writer wakes at least this often to sign interval checkpoints, rotate and update metrics.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly List<byte[]> _pending = [];

    // No spinning: the writer has nothing better to do than sleep, and spinning steals a core from requests.
    private readonly ManualResetEventSlim _wake = new(false, 0);
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _tick;
    private long _failedAttempts;

    // 1 while the writer sleeps with nothing to do: the only state in which a producer must wake it.
    private int _writerIdle;

    // 1 when the tick, a retry timer or stop asked for a pass; survives a wake-up the writer did not wait for.
    private int _passRequested;

    /// <summary>Starts the writer thread and the tick that wakes it when idle.</summary>
    private Task StartWriter()
    {
        _tick = _time.CreateTimer(static state => ((AuditTrail)state!).RequestPass(), this, Tick, Tick);
        var thread = new Thread(RunGuarded) { IsBackground = true, Name = "phigate-audit-writer" };
        thread.Start();
        return _writerDone.Task;
    }

    /// <summary>
    /// Runs until the queue is completed and drained, or until <see cref="_abandon"/> fires during stop.
    /// </summary>
    /// <remarks>
    /// 1. Wait for events (or the tick when idle), then linger so the batch fills up.
    /// 2. Drain up to one batch into <see cref="_pending"/> (a failed batch stays there).
    /// 3. Write it (rotation, records, checkpoints, fsync) and commit the chain position.
    /// 4. On failure fail closed and retry after <c>retry_interval</c>; pending events are kept.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunWriter()
    {
        var reader = _queue.Reader;
        while (!_abandon.IsCancellationRequested)
        {
            if (_pending.Count == 0 && !reader.Completion.IsCompleted)
            {
                WaitForEvents(reader);
                Linger(reader);
            }

            while (_pending.Count < _settings.BatchSize && reader.TryRead(out var queued))
            {
                _pending.Add(queued);
            }

            // Completion is complete only once the queue is closed and empty.
            var final = reader.Completion.IsCompleted && _pending.Count < _settings.BatchSize;
            if (WriteBatch(final))
            {
                _pending.Clear();
                UpdateQueueHealth();
                if (final)
                {
                    return;
                }

                continue;
            }

            Delay(_settings.RetryInterval);
        }
    }

    /// <summary>Sleeps until an event is queued, the tick fires, or stop is requested.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WaitForEvents(System.Threading.Channels.ChannelReader<byte[]> reader)
    {
        _wake.Reset();

        // Full fence: a producer that queues after this point sees the flag, one that queued before is counted below.
        Interlocked.Exchange(ref _writerIdle, 1);
        if (reader.Count == 0 && Volatile.Read(ref _passRequested) == 0 && !reader.Completion.IsCompleted && !_abandon.IsCancellationRequested)
        {
            _wake.Wait();
        }

        Volatile.Write(ref _writerIdle, 0);
        Volatile.Write(ref _passRequested, 0);
    }

    /// <summary>Lets a batch that is not full gather more events (real time: this is about fsync cost, not the audit clock).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Linger(System.Threading.Channels.ChannelReader<byte[]> reader)
    {
        if (_settings.BatchLinger <= TimeSpan.Zero || reader.Count == 0 || reader.Count >= _settings.BatchSize || _stopped)
        {
            return;
        }

        // Only stop (and the tick) set the event now: producers leave a writer that is not idle alone.
        _wake.Reset();
        if (!_stopped)
        {
            _wake.Wait(_settings.BatchLinger);
        }
    }

    /// <summary>Waits <paramref name="delay"/> on the audit clock, or until stop gives up on the sink.</summary>
    private void Delay(TimeSpan delay)
    {
        var due = 0;
        using var timer = _time.CreateTimer(_ => { Volatile.Write(ref due, 1); _wake.Set(); }, null, delay, Timeout.InfiniteTimeSpan);
        while (Volatile.Read(ref due) == 0 && !_abandon.IsCancellationRequested)
        {
            _wake.Wait();
            _wake.Reset();
        }
    }

    /// <summary>Called by producers after queueing: wakes the writer only when it sleeps idle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SignalWriter()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _writerIdle) == 1 && Interlocked.Exchange(ref _writerIdle, 0) == 1)
        {
            _wake.Set();
        }
    }

    /// <summary>Asks the writer for one pass even when nothing is queued (tick, stop).</summary>
    private void RequestPass()
    {
        Volatile.Write(ref _passRequested, 1);
        _wake.Set();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateQueueHealth()
    {
        var depth = _queue.Reader.Count;
        _metrics.QueueDepth.Set(depth);
        _metrics.LastCheckpointAge.Set(Math.Max(0, (_time.GetUtcNow() - _lastCheckpointAt).TotalSeconds));
        if (_overloaded && depth <= _settings.QueueCapacity / 2)
        {
            _overloaded = false;
            PublishHealth();
            AuditLog.QueueDrained(_logger, depth);
        }
    }

    private void PublishHealth() => _metrics.Healthy.Set(IsHealthy ? 1 : 0);

    private void OnWriteFailed(AuditSinkKind sink, AuditSinkFailure failure)
    {
        _metrics.WriteFailed(sink);
        _failedAttempts++;
        if (!_sinkFailed)
        {
            _sinkFailed = true;
            PublishHealth();
            AuditLog.WriteFailed(_logger, sink, failure, _pending.Count + _queue.Reader.Count);
        }
    }

    private void OnWriteSucceeded()
    {
        if (_sinkFailed)
        {
            _sinkFailed = false;
            PublishHealth();
            AuditLog.Recovered(_logger, _failedAttempts);
            _failedAttempts = 0;
        }
    }
}
