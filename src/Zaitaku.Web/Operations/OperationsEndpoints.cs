using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace Zaitaku.Web.Operations;

public static class OperationsEndpoints
{
    /// <summary>
    /// /healthz (the process answers) and /readyz (the database answers) are open, for load
    /// balancers; they show nothing but the status.
    /// </summary>
    internal static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }

    /// <summary>Whether a caller may read /metrics: loopback, or an address in the configured networks.</summary>
    public static bool MetricsAllowed(IPAddress? address, IReadOnlyList<IPNetwork> allowed)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return IPAddress.IsLoopback(address) || allowed.Any(n => n.Contains(address));
    }
}
