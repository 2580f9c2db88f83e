using System.Text.Json;
using PhiGate.Rego;
using PhiGate.Rego.Values;

namespace PhiGate.Commands;

/// <summary>
/// Loads policy paths as <c>opa</c> does: <c>.rego</c> files are modules; <c>.json</c> files are data placed
/// at their directory's path below the given root (<c>roles/data.json</c> becomes <c>data.roles</c>).
/// </summary>
internal sealed class PolicyFiles
{
    public List<PolicyModule> Modules { get; } = [];

    public Value Data { get; private set; } = Value.NewObject();

    public static PolicyFiles Load(IEnumerable<string> paths)
    {
        var files = new PolicyFiles();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var rel = Path.GetRelativePath(path, Path.GetDirectoryName(file)!);
                    var prefix = rel == "." ? [] : rel.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
                    files.Add(file, prefix);
                }
            }
            else if (File.Exists(path))
            {
                files.Add(path, []);
            }
            else
            {
                throw new CliException(ExitCodes.InvalidInput, $"{path}: no such file or directory");
            }
        }

        return files;
    }

    private void Add(string file, string[] prefix)
    {
        if (file.EndsWith(".rego", StringComparison.Ordinal))
        {
            Modules.Add(new PolicyModule(file, File.ReadAllText(file)));
        }
        else if (file.EndsWith(".json", StringComparison.Ordinal))
        {
            Value doc;
            try
            {
                doc = JsonValueReader.Parse(File.ReadAllBytes(file));
            }
            catch (JsonException)
            {
                throw new CliException(ExitCodes.InvalidInput, $"{file}: not valid JSON");
            }

            for (var i = prefix.Length - 1; i >= 0; i--)
            {
                doc = Value.NewObject((prefix[i], doc));
            }

            Data = Merge(Data, doc, file);
        }
    }

    /// <summary>Reads an input document from a JSON file.</summary>
    public static Value ReadInput(string file)
    {
        try
        {
            return JsonValueReader.Parse(File.ReadAllBytes(file));
        }
        catch (JsonException)
        {
            throw new CliException(ExitCodes.InvalidInput, $"{file}: not valid JSON");
        }
        catch (IOException)
        {
            throw new CliException(ExitCodes.InvalidInput, $"{file}: cannot read file");
        }
    }

    private static Value Merge(Value a, Value b, string file)
    {
        if (a is not ObjectValue oa || b is not ObjectValue ob)
        {
            throw new CliException(ExitCodes.InvalidInput, $"{file}: data conflicts with another data file");
        }

        var builder = new ObjectBuilder(oa.Count + ob.Count);
        for (var i = 0; i < oa.Count; i++)
        {
            var other = ob.Get(oa.Keys[i]);
            builder.Add(oa.Keys[i], other is null ? oa.Values[i] : Merge(oa.Values[i], other, file));
        }

        for (var i = 0; i < ob.Count; i++)
        {
            if (oa.Get(ob.Keys[i]) is null)
            {
                builder.Add(ob.Keys[i], ob.Values[i]);
            }
        }

        return builder.Build();
    }

    /// <summary>Compiles the modules and data, printing every error as file:line:col with a caret.</summary>
    public PolicyEngine Compile(TextWriter errors)
    {
        var compilation = PolicyEngine.Create(Modules, Data);
        if (compilation.Success)
        {
            return compilation.Engine!;
        }

        PrintErrors(compilation.Errors, errors);
        throw new CliException(ExitCodes.InvalidInput, $"{compilation.Errors.Count} error(s) occurred");
    }

    public void PrintErrors(IReadOnlyList<Rego.Diagnostics.RegoError> list, TextWriter errors)
    {
        foreach (var e in list)
        {
            var source = Modules.FirstOrDefault(m => m.FileName == e.Location.File)?.Source;
            errors.WriteLine(e.ToDetailedString(source));
        }
    }
}
