using PhiGate.Rego.Builtins;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Tests.Builtins;

/// <summary>Calls a registered builtin directly with JSON-written arguments.</summary>
internal static class BuiltinCall
{
    public static Value? Invoke(string name, params Value[] args) => Invoke(new BuiltinContext(TimeProvider.System, CancellationToken.None), name, args);

    public static Value? Invoke(BuiltinContext ctx, string name, params Value[] args)
    {
        Assert.That(BuiltinRegistry.Default.TryGet(name, out var definition), Is.True, $"builtin {name} is not registered");
        Assert.That(args, Has.Length.EqualTo(definition.Arity), $"arity of {name}");
        if (definition.Function is not null)
        {
            return definition.Function(ctx, args);
        }

        var results = new List<Value>();
        definition.Relation!(ctx, args, results);
        return Value.NewArray([.. results]);
    }

    /// <summary>Calls with arguments written as JSON and returns the result as JSON (null when undefined).</summary>
    public static string? Json(string name, params string[] jsonArgs)
    {
        var result = Invoke(name, [.. jsonArgs.Select(JsonValueReader.Parse)]);
        return result is null ? null : JsonText.Serialize(result);
    }

    /// <summary>Calls expecting a builtin error; returns it.</summary>
    public static BuiltinException Error(string name, params string[] jsonArgs)
    {
        var args = jsonArgs.Select(JsonValueReader.Parse).ToArray();
        return Assert.Throws<BuiltinException>(() => Invoke(name, args))!;
    }
}
