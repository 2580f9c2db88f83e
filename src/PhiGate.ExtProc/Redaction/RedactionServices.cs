using Microsoft.Extensions.Options;
using PhiGate.Audit;
using PhiGate.Redaction;
using PhiGate.Redaction.Operators;
using PhiGate.Redaction.Profiles;

namespace PhiGate.ExtProc.Redaction;

/// <summary>The shared, immutable parts of redaction: profiles, the redactor with its keys, the options.</summary>
internal sealed class RedactionServices
{
    public RedactionServices(IOptions<RedactionOptions> options, TimeProvider time, IAuditTrail? audit = null)
    {
        Options = options.Value;
        Audit = audit;
        var loaded = Options.ProfilesFile is { } file ? ProfileLoader.LoadFile(file).Profiles : [];
        Profiles = new RedactionProfileSet(loaded);
        var keys = new PseudonymKeyRing();
        if (Options.HashKeyFile is { } keyFile && Options.HashKeyId is { } keyId && ReadKey(keyFile) is { } key)
        {
            keys.TryAdd(keyId, key);
        }

        Redactor = new PhiRedactor(keys, time);
        UrlScanner = new RequestPhiScanner(Options.PhiQueryParameters);
    }

    public RedactionOptions Options { get; }

    /// <summary>The audit trail, when the host has one (it always does; library tests may not).</summary>
    public IAuditTrail? Audit { get; }

    public RedactionProfileSet Profiles { get; }

    public PhiRedactor Redactor { get; }

    public RequestPhiScanner UrlScanner { get; }

    internal static byte[]? ReadKey(string path)
    {
        try
        {
            var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return key.Length >= PseudonymKeyRing.MinimumKeyLength ? key : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>Creates a <see cref="RedactionExchangeHandler"/> per ext_proc stream.</summary>
internal sealed class RedactionHandlerFactory(RedactionServices services, Microsoft.Extensions.Logging.ILogger<RedactionExchangeHandler> logger) : IExchangeHandlerFactory
{
    public ExchangeHandler Create() => new RedactionExchangeHandler(services, logger);
}
