using System.Runtime.CompilerServices;

namespace PhiGate.Redaction;

/// <summary>Why a redaction did not produce output. Anything but <see cref="Ok"/> means: discard the output, fail closed.</summary>
public enum RedactionStatus : byte
{
    /// <summary>The output is complete and redacted.</summary>
    Ok = 0,

    /// <summary>The input is not well-formed JSON (or not UTF-8).</summary>
    InvalidJson,

    /// <summary>The input nests deeper than the configured maximum.</summary>
    TooDeep,

    /// <summary>The input is larger than the configured maximum.</summary>
    TooLarge,

    /// <summary>The input is not valid UTF-8 text.</summary>
    InvalidText,
}

/// <summary>How many values of each category were changed.</summary>
[InlineArray(PhiCategories.Count)]
public struct RedactionCounts
{
    private int _element;

    /// <summary>The number of changed values of one category.</summary>
    public readonly int Get(PhiCategory category) => this[(int)category];

    /// <summary>Total over all categories.</summary>
    public readonly int Total
    {
        get
        {
            var total = 0;
            foreach (var count in this)
            {
                total += count;
            }

            return total;
        }
    }
}

/// <summary>The outcome of one redaction: a status and the per-category counts (never values).</summary>
public readonly struct RedactionResult
{
    internal RedactionResult(RedactionStatus status, RedactionCounts counts)
    {
        Status = status;
        Counts = counts;
    }

    /// <summary>Ok, or the reason the output must be discarded.</summary>
    public RedactionStatus Status { get; }

    /// <summary>Changed values per category.</summary>
    public RedactionCounts Counts { get; }

    /// <summary>True when the output can be used.</summary>
    public bool Succeeded => Status == RedactionStatus.Ok;

    internal static RedactionResult Failed(RedactionStatus status) => new(status, default);
}
