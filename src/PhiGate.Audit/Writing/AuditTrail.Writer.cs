using Microsoft.Extensions.Logging;

namespace PhiGate.Audit;

/// <summary>The background writer loop: wait, drain, write, retry, stop.</summary>
internal sealed partial class AuditTrail
{
    /// <summary>The writer wakes at least this often to sign interval checkpoints, rotate and update metrics.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly List<QueuedEvent> _pending = [];
    private long _failedAttempts;

    /// <summary>
    /// Runs until the queue is completed and drained, or until <see cref="_abandon"/> fires during stop.
    /// </summary>
    /// <remarks>
    /// 1. Wait for events, or for the tick when idle.
    /// 2. Drain up to one batch into <see cref="_pending"/> (a failed batch stays there).
    /// 3. Write it (rotation, records, checkpoints, fsync) and commit the chain position.
    /// 4. On failure fail closed and retry after <c>retry_interval</c>; pending events are kept.
    /// </remarks>
    private async Task RunWriterAsync()
    {
        var reader = _queue.Reader;
        var completed = false;
        while (!_abandon.IsCancellationRequested)
        {
            if (_pending.Count == 0 && !completed)
            {
                completed = !await WaitForEventsAsync(reader);
            }

            while (_pending.Count < _settings.BatchSize && reader.TryRead(out var queued))
            {
                _pending.Add(queued);
            }

            var final = completed && _pending.Count < _settings.BatchSize && reader.Count == 0;
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

            await DelayAsync(_settings.RetryInterval);
        }
    }

    /// <summary>False when the queue is completed and empty.</summary>
    private async ValueTask<bool> WaitForEventsAsync(System.Threading.Channels.ChannelReader<QueuedEvent> reader)
    {
        if (reader.TryPeek(out _))
        {
            return true;
        }

        using var tick = new CancellationTokenSource(Tick, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(tick.Token, _abandon.Token);
        try
        {
            return await reader.WaitToReadAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private async Task DelayAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _abandon.Token);
        }
        catch (OperationCanceledException)
        {
            // Stop gave up waiting for the sink; the loop condition ends the writer.
        }
    }

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
