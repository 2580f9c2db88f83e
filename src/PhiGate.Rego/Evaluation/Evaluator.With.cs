using PhiGate.Rego.Ast;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>Evaluates an expression under its <c>with</c> modifiers; the rest of the body runs without them.</summary>
    private bool EvalWith(Expr e, Value?[] f, Func<bool> k)
    {
        var mods = e.With!;
        var values = new Value[mods.Count];
        for (var i = 0; i < mods.Count; i++)
        {
            if (mods[i].Replacement is not null)
            {
                values[i] = Value.Null;
                continue;
            }

            Value? v = null;
            EvalTerm(mods[i].Value, f, x =>
            {
                v = x;
                return true;
            });
            if (v is null)
            {
                return false;
            }

            values[i] = v;
        }

        var outer = _state;
        var inner = outer.Clone();
        for (var i = 0; i < mods.Count; i++)
        {
            var w = mods[i];
            switch (w.Kind)
            {
                case WithTargetKind.Input:
                    inner.Input = w.Path.Length == 0 ? values[i] : SetPath(inner.Input ?? ObjectValue.Empty, w.Path, 0, values[i]);
                    break;
                case WithTargetKind.Data:
                    (inner.DataOverrides ??= []).Add((w.Path, values[i]));
                    break;
                case WithTargetKind.Builtin:
                case WithTargetKind.Function:
                    (inner.Mocks ??= new Dictionary<string, Mock>(StringComparer.Ordinal))[w.FunctionName!] =
                        w.Replacement is not null ? new Mock { Function = w.Replacement } : new Mock { Value = values[i] };
                    break;
            }
        }

        _state = inner;
        try
        {
            return EvalExpr(e, f, () =>
            {
                _state = outer;
                try
                {
                    return k();
                }
                finally
                {
                    _state = inner;
                }
            });
        }
        finally
        {
            _state = outer;
        }
    }
}
