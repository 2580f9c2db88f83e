using System.Buffers;
using PhiGate.Rego.Compilation;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Evaluation;

/// <summary>Candidate selection through a node's <see cref="RuleIndex"/>.</summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// Counts, per rule of the node, how many of its indexed conditions hold (a pooled array; give it back
    /// with <see cref="ReleaseIndex"/>), or null when the node has no index and every rule is a candidate.
    /// </summary>
    private int[]? MatchIndex(RuleNode node, Value[]? args)
    {
        if (node.Index is not { } index)
        {
            return null;
        }

        var n = node.Rules.Count;
        var hits = ArrayPool<int>.Shared.Rent(n);
        Array.Clear(hits, 0, n);
        foreach (var op in index.Operands)
        {
            var value = op.Reference is { } reference
                ? RefDirect(reference, [])
                : args is not null && op.ArgIndex < args.Length ? args[op.ArgIndex] : null;
            if (value is not null && op.RulesByValue.TryGetValue(value, out var ids))
            {
                foreach (var id in ids)
                {
                    hits[id]++;
                }
            }
        }

        return hits;
    }

    private static bool IsCandidate(RuleNode node, int[]? hits, int rule) => hits is null || hits[rule] == node.Index!.Needed[rule];

    private static void ReleaseIndex(int[]? hits)
    {
        if (hits is not null)
        {
            ArrayPool<int>.Shared.Return(hits);
        }
    }
}
