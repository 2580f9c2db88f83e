using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace PhiGate.Audit;

/// <summary>The request-path side: accept or refuse, never wait for I/O.</summary>
internal sealed partial class AuditTrail
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAppend(DecisionEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return Accepting(out var refused) ? TryEnqueue(RecordEncoder.Encode(_time.GetUtcNow(), auditEvent)) : refused;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAppend(RedactionEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return Accepting(out var refused) ? TryEnqueue(RecordEncoder.Encode(_time.GetUtcNow(), auditEvent)) : refused;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask<bool> AppendAsync(DecisionEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return Accepting(out var refused) ? EnqueueAsync(RecordEncoder.Encode(_time.GetUtcNow(), auditEvent), cancellationToken) : ValueTask.FromResult(refused);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask<bool> AppendAsync(RedactionEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return Accepting(out var refused) ? EnqueueAsync(RecordEncoder.Encode(_time.GetUtcNow(), auditEvent), cancellationToken) : ValueTask.FromResult(refused);
    }

    /// <summary>
    /// True when an event must be encoded and queued. Otherwise <paramref name="result"/> is the answer
    /// without any work: true when auditing is off (accepted and discarded), false when unhealthy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Accepting(out bool result)
    {
        if (!_settings.Enabled)
        {
            result = true;
            return false;
        }

        if (!IsHealthy)
        {
            _metrics.Rejected(queueFull: false);
            result = false;
            return false;
        }

        result = true;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryEnqueue(byte[] record)
    {
        if (_queue.Writer.TryWrite(record))
        {
            SignalWriter();
            return true;
        }

        MarkOverloaded();
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ValueTask<bool> EnqueueAsync(byte[] record, CancellationToken cancellationToken)
    {
        if (_queue.Writer.TryWrite(record))
        {
            SignalWriter();
            return ValueTask.FromResult(true);
        }

        return _settings.MaxQueueWait <= TimeSpan.Zero ? ValueTask.FromResult(Overloaded()) : WaitForRoomAsync(record, cancellationToken);

        bool Overloaded()
        {
            MarkOverloaded();
            return false;
        }
    }

    private async ValueTask<bool> WaitForRoomAsync(byte[] record, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_settings.MaxQueueWait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _queue.Writer.WriteAsync(record, linked.Token);
            SignalWriter();
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            MarkOverloaded();
            return false;
        }
        catch (OperationCanceledException)
        {
            // The caller gave up (the request was cancelled): not an overload, but still not recorded.
            return false;
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            return false;
        }
    }

    private void MarkOverloaded()
    {
        _metrics.Rejected(queueFull: true);
        if (_stopped)
        {
            return;
        }

        if (!_overloaded)
        {
            _overloaded = true;
            _metrics.Healthy.Set(0);
            AuditLog.QueueFull(_logger, _settings.QueueCapacity);
        }
    }
}
