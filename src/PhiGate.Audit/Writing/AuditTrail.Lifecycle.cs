using Microsoft.Extensions.Logging;

namespace PhiGate.Audit;

/// <summary>Start (continue the chain, start the writer) and stop (drain, sign, close).</summary>
internal sealed partial class AuditTrail
{
    private int _stopRequested;

    /// <summary>
    /// Finds the chain head (reading the tail of the newest file) and starts the writer. When the sink
    /// cannot be prepared the trail starts unhealthy and the writer keeps retrying.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_writer is not null)
        {
            return Task.CompletedTask;
        }

        if (!_settings.Enabled)
        {
            AuditLog.Disabled(_logger);
            return Task.CompletedTask;
        }

        if (_settings.HmacKeys.IsEphemeral || _settings.SigningKey.IsEphemeral)
        {
            AuditLog.EphemeralKeys(_logger, _settings.HmacKeys.IsEphemeral, _settings.SigningKey.IsEphemeral);
        }

        if (_settings.SigningKey.IsEphemeral)
        {
            AuditLog.EphemeralSigningKey(_logger, _settings.SigningKey.Id, SigningPublicKeyPem);
        }

        TryRecoverChain();
        AuditLog.TrailStarted(_logger, _position.Sequence, _file is not null, _stdout is not null, HmacKeyId, SigningKeyId);
        _writer = StartWriter();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Refuses new events, lets the writer drain the queue and sign a shutdown checkpoint. If the sink
    /// still fails when <paramref name="cancellationToken"/> fires, the unwritten events are counted in a
    /// critical log entry: never dropped silently.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) == 1)
        {
            return;
        }

        _stopped = true;
        PublishHealth();
        _queue.Writer.TryComplete();
        RequestPass();
        if (_writer is null)
        {
            return;
        }

        try
        {
            await _writer.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abandon.CancelAsync();
            RequestPass();
            await _writer;
        }

        var lost = _pending.Count + _queue.Reader.Count;
        if (lost > 0)
        {
            AuditLog.EventsLost(_logger, lost);
        }

        _file?.Close();
        AuditLog.TrailStopped(_logger, _position.Sequence);
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await StopAsync(timeout.Token);
        }

        if (_tick is not null)
        {
            await _tick.DisposeAsync();
        }

        _file?.Dispose();
        _stdout?.Dispose();
        _encoder.Dispose();
        _settings.SigningKey.Dispose();
        _abandon.Dispose();
        if (_writer is null || _writer.IsCompleted)
        {
            _wake.Dispose();
        }
    }

    private void RunGuarded()
    {
        try
        {
            RunWriter();
        }
#pragma warning disable CA1031 // A writer that dies must fail closed, whatever the cause.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _sinkFailed = true;
            PublishHealth();
            AuditLog.WriterCrashed(_logger, ex);
        }
        finally
        {
            _writerDone.TrySetResult();
        }
    }
}
