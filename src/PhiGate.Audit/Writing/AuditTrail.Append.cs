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
        return TryEnqueue(new QueuedEvent(_time.GetUtcNow(), auditEvent, null));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAppend(RedactionEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return TryEnqueue(new QueuedEvent(_time.GetUtcNow(), null, auditEvent));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask<bool> AppendAsync(DecisionEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return EnqueueAsync(new QueuedEvent(_time.GetUtcNow(), auditEvent, null), cancellationToken);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask<bool> AppendAsync(RedactionEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return EnqueueAsync(new QueuedEvent(_time.GetUtcNow(), null, auditEvent), cancellationToken);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryEnqueue(QueuedEvent queued)
    {
        if (!_settings.Enabled)
        {
            return true;
        }

        if (!IsHealthy)
        {
            _metrics.Rejected(queueFull: false);
            return false;
        }

        if (_queue.Writer.TryWrite(queued))
        {
            SignalWriter();
            return true;
        }

        MarkOverloaded();
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ValueTask<bool> EnqueueAsync(QueuedEvent queued, CancellationToken cancellationToken)
    {
        if (!_settings.Enabled)
        {
            return ValueTask.FromResult(true);
        }

        if (!IsHealthy)
        {
            _metrics.Rejected(queueFull: false);
            return ValueTask.FromResult(false);
        }

        if (_queue.Writer.TryWrite(queued))
        {
            SignalWriter();
            return ValueTask.FromResult(true);
        }

        return _settings.MaxQueueWait <= TimeSpan.Zero ? ValueTask.FromResult(Overloaded()) : WaitForRoomAsync(queued, cancellationToken);

        bool Overloaded()
        {
            MarkOverloaded();
            return false;
        }
    }

    private async ValueTask<bool> WaitForRoomAsync(QueuedEvent queued, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_settings.MaxQueueWait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _queue.Writer.WriteAsync(queued, linked.Token);
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
