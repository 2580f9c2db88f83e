using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using static PhiGate.Deployment.Tests.Envoy.EnvoyYaml;

namespace PhiGate.Deployment.Tests.Envoy;

internal sealed partial class EnvoyConfigCheck
{
    private const long OneYearSeconds = 31_536_000;

    private void CheckRoutes(string listener, YamlMappingNode? manager)
    {
        var routeConfig = Mapping(manager, "route_config");
        var hosts = Mappings(routeConfig, "virtual_hosts").ToList();
        CheckHsts(listener, routeConfig, hosts);

        var overrides = 0;
        foreach (var host in hosts)
        {
            var hostName = Scalar(host, "name") ?? "(unnamed)";
            overrides += CheckPerFilterConfig($"virtual host '{hostName}'", host);
            foreach (var route in Mappings(host, "routes"))
            {
                overrides += CheckPerFilterConfig($"route '{Scalar(route, "name") ?? "(unnamed)"}' of '{hostName}'", route);
            }
        }

        if (overrides == 0)
        {
            Report(Guarantee.RateLimitPerRouteOverride, $"listener '{listener}': no route or virtual host overrides the local rate limit");
        }
    }

    /// <returns>1 when this element overrides the local rate limit, else 0.</returns>
    private int CheckPerFilterConfig(string where, YamlMappingNode element)
    {
        var perFilter = Mapping(element, "typed_per_filter_config");
        if (IsTrue(Mapping(perFilter, ExtAuthzFilter), "disabled"))
        {
            Report(Guarantee.FiltersAlwaysOn, $"{where}: ext_authz is disabled");
        }

        var proc = Mapping(perFilter, ExtProcFilter);
        if (IsTrue(proc, "disabled"))
        {
            Report(Guarantee.FiltersAlwaysOn, $"{where}: ext_proc is disabled");
        }

        var procOverrides = Mapping(proc, "overrides");
        if (IsTrue(procOverrides, "failure_mode_allow") || IsTrue(Mapping(procOverrides, "failure_mode_allow"), "value"))
        {
            Report(Guarantee.ExtProcFailClosed, $"{where}: ext_proc failure_mode_allow is turned on");
        }

        if (Mapping(perFilter, RateLimitFilter) is not { } rateLimit)
        {
            return 0;
        }

        CheckRateLimit($"{where} override", rateLimit);
        return 1;
    }

    private void CheckHsts(string listener, YamlMappingNode? routeConfig, List<YamlMappingNode> hosts)
    {
        if (HasHsts(routeConfig))
        {
            return;
        }

        if (hosts.Count == 0 || !hosts.All(HasHsts))
        {
            Report(Guarantee.Hsts, $"listener '{listener}': strict-transport-security with max-age >= {OneYearSeconds} and includeSubDomains is not added to every response");
        }
    }

    private static bool HasHsts(YamlMappingNode? element)
    {
        foreach (var entry in Mappings(element, "response_headers_to_add"))
        {
            var header = Mapping(entry, "header");
            if (!string.Equals(Scalar(header, "key"), "strict-transport-security", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = Scalar(header, "value") ?? string.Empty;
            var maxAge = Regex.Match(value, @"max-age=(\d+)", RegexOptions.IgnoreCase);
            return maxAge.Success &&
                   long.Parse(maxAge.Groups[1].Value, CultureInfo.InvariantCulture) >= OneYearSeconds &&
                   value.Contains("includeSubDomains", StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }
}
