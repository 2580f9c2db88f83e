using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace PhiGate.Audit;

/// <summary>One batch: rotate if due, encode records and checkpoints, write, fsync, commit.</summary>
internal sealed partial class AuditTrail
{
    private readonly ArrayBufferWriter<byte> _batch = new(64 * 1024);
    private readonly long[] _batchCounts = new long[3];
    private ChainPosition _position = ChainPosition.Genesis;
    private bool _recovered;
    private DateTimeOffset _lastCheckpointAt;
    private long _eventsWritten;

    /// <summary>Decision and redaction records durably written by this trail.</summary>
    public long EventsWritten => Volatile.Read(ref _eventsWritten);

    /// <summary>The chain head as last committed (for tests and the stop log).</summary>
    public ChainPosition Position => _position;

    /// <summary>
    /// Writes <see cref="_pending"/> plus whatever checkpoint is due. The chain position is committed only
    /// after the primary sink has the bytes on disk, so a failed batch is re-encoded identically later.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool WriteBatch(bool final)
    {
        var now = _time.GetUtcNow();
        if (!_recovered && !TryRecoverChain())
        {
            return false;
        }

        // A failed file sink proves it can write again by opening its next file, even with nothing to
        // write: otherwise a trail that refuses every event would never see a write that could heal it.
        if (_sinkFailed && _file is { IsOpen: false } probe && !final)
        {
            var failure = probe.TryOpenNext(now);
            if (failure != AuditSinkFailure.None)
            {
                OnWriteFailed(AuditSinkKind.File, failure);
                return false;
            }

            OnWriteSucceeded();
        }

        if (_file is { IsOpen: true } file && (file.NeedsRotation(now) || (final && _pending.Count == 0)))
        {
            if (!RotateOut(file, now, final ? CheckpointReason.Shutdown : CheckpointReason.Rotation))
            {
                return false;
            }
        }

        var at = Encode(now, final);
        if (_batch.WrittenCount == 0)
        {
            return true;
        }

        if (!WritePrimary(now))
        {
            return false;
        }

        Commit(at);
        if (final)
        {
            _file?.Close();
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ChainPosition Encode(DateTimeOffset now, bool final)
    {
        _batch.ResetWrittenCount();
        Array.Clear(_batchCounts);
        var at = _position;
        foreach (var record in _pending)
        {
            at = _encoder.AppendQueued(_batch, at, record);
            _batchCounts[(int)QueuedRecord.TypeOf(record)]++;
            if (at.UnsignedCount >= _settings.CheckpointEvery)
            {
                at = AppendCheckpoint(at, now, CheckpointReason.Count);
            }
        }

        if (at.UnsignedCount > 0 && (final || now - _lastCheckpointAt >= _settings.CheckpointInterval))
        {
            at = AppendCheckpoint(at, now, final ? CheckpointReason.Shutdown : CheckpointReason.Interval);
        }

        return at;
    }

    private ChainPosition AppendCheckpoint(ChainPosition at, DateTimeOffset now, CheckpointReason reason)
    {
        _batchCounts[(int)RecordType.Checkpoint]++;
        return _encoder.AppendCheckpoint(_batch, at, now, reason, _settings.SigningKey);
    }

    /// <summary>Closes the current file with a checkpoint so a closed file always ends signed.</summary>
    private bool RotateOut(AuditFileSink file, DateTimeOffset now, CheckpointReason reason)
    {
        _batch.ResetWrittenCount();
        Array.Clear(_batchCounts);
        if (_position.UnsignedCount > 0)
        {
            var at = AppendCheckpoint(_position, now, reason);
            var failure = file.TryAppend(_batch.WrittenSpan);
            if (failure != AuditSinkFailure.None)
            {
                OnWriteFailed(AuditSinkKind.File, failure);
                return false;
            }

            Commit(at);
        }

        file.Close();
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool WritePrimary(DateTimeOffset now)
    {
        if (_file is { } file)
        {
            var failure = file.IsOpen ? AuditSinkFailure.None : file.TryOpenNext(now);
            if (failure == AuditSinkFailure.None)
            {
                failure = file.TryAppend(_batch.WrittenSpan);
            }

            if (failure != AuditSinkFailure.None)
            {
                OnWriteFailed(AuditSinkKind.File, failure);
                return false;
            }

            return true;
        }

        if (_stdout is { } stdout && stdout.TryWrite(_batch.WrittenSpan) is var stdoutFailure && stdoutFailure != AuditSinkFailure.None)
        {
            OnWriteFailed(AuditSinkKind.Stdout, stdoutFailure);
            return false;
        }

        return true;
    }

    /// <summary>The batch is durable: move the chain head, mirror to stdout, count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Commit(ChainPosition at)
    {
        if (_file is not null && _stdout is { } mirror && mirror.TryWrite(_batch.WrittenSpan) is var failure && failure != AuditSinkFailure.None)
        {
            _metrics.WriteFailed(AuditSinkKind.Stdout);
            AuditLog.MirrorFailed(_logger, failure, (int)Math.Min(int.MaxValue, at.Sequence - _position.Sequence));
        }

        if (_batchCounts[(int)RecordType.Checkpoint] > 0)
        {
            _lastCheckpointAt = _time.GetUtcNow();
        }

        _position = at;
        Volatile.Write(ref _eventsWritten, _eventsWritten + _batchCounts[(int)RecordType.Decision] + _batchCounts[(int)RecordType.Redaction]);
        for (var type = 0; type < _batchCounts.Length; type++)
        {
            if (_batchCounts[type] > 0)
            {
                _metrics.Written((RecordType)type, _batchCounts[type]);
            }
        }

        OnWriteSucceeded();
    }

    private bool TryRecoverChain()
    {
        if (_file is not null)
        {
            var failure = _file.TryRecover(out var position);
            if (failure != AuditSinkFailure.None)
            {
                OnWriteFailed(AuditSinkKind.File, failure);
                return false;
            }

            _position = position;
        }

        _recovered = true;
        return true;
    }
}
