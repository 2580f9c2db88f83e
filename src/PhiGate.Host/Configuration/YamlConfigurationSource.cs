using Microsoft.Extensions.Configuration;

namespace PhiGate.Host.Configuration;

/// <summary>Adds a PhiGate YAML file (already parsed into flat keys) to the configuration.</summary>
internal sealed class YamlConfigurationSource(IReadOnlyDictionary<string, string?> values) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new FlatConfigurationProvider(values);
}

/// <summary>A provider over keys that were flattened and normalised up front.</summary>
internal sealed class FlatConfigurationProvider : ConfigurationProvider
{
    public FlatConfigurationProvider(IReadOnlyDictionary<string, string?> values)
    {
        foreach (var (key, value) in values)
        {
            Data[key] = value;
        }
    }
}
