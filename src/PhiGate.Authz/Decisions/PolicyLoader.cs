using PhiGate.Rego;

namespace PhiGate.Authz.Decisions;

/// <summary>
/// Reads every <c>*.rego</c> file under <c>authz.policy_dirs</c> (sorted, recursive) and compiles them into one
/// <see cref="PolicyEngine"/>. Every problem is reported, each on one line naming the key or the file.
/// </summary>
internal static class PolicyLoader
{
    public sealed record Result(PolicyEngine? Engine, IReadOnlyList<string> Errors, int ModuleCount);

    public static Result Load(IReadOnlyList<string> directories, PolicyEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directories);
        if (directories.Count == 0)
        {
            return new Result(null, [], 0);
        }

        var errors = new List<string>();
        var modules = new List<PolicyModule>();
        for (var i = 0; i < directories.Count; i++)
        {
            var directory = directories[i];
            if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
            {
                errors.Add($"authz.policy_dirs[{i}]: directory not found");
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(directory, "*.rego", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (file.EndsWith("_test.rego", StringComparison.Ordinal))
                {
                    // opa test files are not part of the deployed policy.
                    continue;
                }

                try
                {
                    modules.Add(new PolicyModule(Path.GetRelativePath(directory, file), File.ReadAllText(file)));
                }
                catch (IOException)
                {
                    errors.Add($"authz.policy_dirs[{i}]: cannot read {Path.GetRelativePath(directory, file)}");
                }
                catch (UnauthorizedAccessException)
                {
                    errors.Add($"authz.policy_dirs[{i}]: cannot read {Path.GetRelativePath(directory, file)}");
                }
            }
        }

        if (errors.Count == 0 && modules.Count == 0)
        {
            errors.Add("authz.policy_dirs: no .rego files found");
        }

        if (errors.Count > 0)
        {
            return new Result(null, errors, modules.Count);
        }

        var compilation = PolicyEngine.Create(modules, options: options);
        if (!compilation.Success)
        {
            return new Result(null, [.. compilation.Errors.Select(e => "authz.policy_dirs: " + e)], modules.Count);
        }

        return new Result(compilation.Engine, [], modules.Count);
    }
}
