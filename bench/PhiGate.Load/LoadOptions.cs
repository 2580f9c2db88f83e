using System.Globalization;

namespace PhiGate.Load;

/// <summary>Command line of the load generator. Every run is bounded by <see cref="Duration"/> and <see cref="MaxRequests"/>.</summary>
internal sealed class LoadOptions
{
    public string? Target { get; private set; }

    public string? PhigatePath { get; private set; }

    public bool CompareBaseline { get; private set; }

    public string Scenario { get; private set; } = "rbac";

    public int Concurrency { get; private set; } = 32;

    public int Rate { get; private set; }

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(2);

    public int Connections { get; private set; } = 2;

    public int FreshTokens { get; private set; } = 20_000;

    public long MaxRequests { get; private set; } = 5_000_000;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(2);

    public const string Usage = """
        phigate-load: drives Envoy's Check against phigate serve and prints requests/s and latency percentiles.

          --compare-baseline     start phigate serve (baseline on) and run: no-op baseline, repeated token + RBAC,
                                 RBAC at a fixed 5000 req/s, fresh RS256 tokens; print the ratios
          --scenario NAME        baseline | rbac | fresh (default rbac) for a single run
          --target ADDRESS       a running server (host:port or unix:/path); default: start one
          --phigate PATH         the phigate executable to start (default: found next to this build)
          --concurrency N        requests in flight (closed loop, default 32)
          --rate R               fixed arrival rate in requests/s (open loop) instead of --concurrency
          --duration D           measured time, e.g. 10s (at most 2m); --warmup D (default 2s)
          --connections N        HTTP/2 connections (default 2)
          --fresh-tokens N       distinct tokens signed up front for the fresh scenario (default 20000)
          --max-requests N       upper bound on requests per run (default 5000000)
        """;

    /// <summary>The same settings at a fixed arrival rate.</summary>
    public LoadOptions WithRate(int rate)
    {
        var copy = (LoadOptions)MemberwiseClone();
        copy.Rate = rate;
        return copy;
    }

    public static LoadOptions? Parse(string[] args, out string? error)
    {
        var options = new LoadOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--compare-baseline": options.CompareBaseline = true; break;
                    case "--scenario": options.Scenario = Next(); break;
                    case "--target": options.Target = Next(); break;
                    case "--phigate": options.PhigatePath = Next(); break;
                    case "--concurrency": options.Concurrency = PositiveInt(Next()); break;
                    case "--rate": options.Rate = PositiveInt(Next()); break;
                    case "--duration": options.Duration = ParseDuration(Next()); break;
                    case "--warmup": options.Warmup = ParseDuration(Next()); break;
                    case "--connections": options.Connections = PositiveInt(Next()); break;
                    case "--fresh-tokens": options.FreshTokens = PositiveInt(Next()); break;
                    case "--max-requests": options.MaxRequests = PositiveInt(Next()); break;
                    case "--help" or "-h": error = Usage; return null;
                    default: throw new FormatException($"unknown option {args[i]}");
                }
            }
            catch (FormatException ex)
            {
                error = ex.Message + "\n\n" + Usage;
                return null;
            }
        }

        if (options.Scenario is not ("baseline" or "rbac" or "fresh"))
        {
            error = "--scenario must be baseline, rbac or fresh";
            return null;
        }

        if (options.Duration > MaxDuration || options.Warmup > MaxDuration)
        {
            error = "--duration and --warmup are at most 2m";
            return null;
        }

        return options;
    }

    private static int PositiveInt(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw new FormatException($"not a positive number: {text}");

    private static TimeSpan ParseDuration(string text)
    {
        var unit = text.TrimStart("0123456789.".ToCharArray());
        var number = double.Parse(text[..^unit.Length], CultureInfo.InvariantCulture);
        return unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            _ => throw new FormatException($"not a duration: {text}"),
        };
    }
}
