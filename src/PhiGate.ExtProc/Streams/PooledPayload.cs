using System.Buffers;
using System.Runtime.InteropServices;

namespace PhiGate.ExtProc.Streams;

/// <summary>
/// A received gRPC message's bytes, copied once out of Kestrel's buffers into an array rented from the shared
/// pool. A body <see cref="Google.Protobuf.ByteString"/> wraps a slice of it instead of a fresh 64 KB array
/// per message; the stream returns it once the message's answer was written (<see cref="Release"/>).
/// </summary>
/// <remarks>
/// After the release the bytes belong to someone else: every access then throws instead of reading them.
/// </remarks>
internal sealed class PooledPayload : MemoryManager<byte>
{
    private byte[]? _array;
    private readonly int _length;

    public PooledPayload(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(length);
        _length = length;
    }

    /// <summary>True once the array went back to the pool.</summary>
    public bool IsReleased => Volatile.Read(ref _array) is null;

    public override Span<byte> GetSpan() => Array().AsSpan(0, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => Array().AsMemory(elementIndex, _length - elementIndex).Pin();

    public override void Unpin()
    {
        // Pin hands out the array's own handle, which is released when it is disposed.
    }

    /// <summary>
    /// Returns the array of the pooled payload that <paramref name="bytes"/> refers to, if any; a no-op for
    /// bytes of any other origin and for a payload already returned.
    /// </summary>
    public static void Release(ReadOnlyMemory<byte> bytes)
    {
        if (MemoryMarshal.TryGetMemoryManager<byte, PooledPayload>(bytes, out var payload))
        {
            ((IDisposable)payload).Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private byte[] Array() => Volatile.Read(ref _array) ?? throw new ObjectDisposedException(nameof(PooledPayload));
}
