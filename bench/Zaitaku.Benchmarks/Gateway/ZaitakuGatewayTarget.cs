namespace Zaitaku.Benchmarks.Gateway;

/// <summary>
/// The seam where the Zaitaku gateway joins the gateway-vs-nginx scenario. The lead fills it: start the gateway
/// (best in its own process, via <see cref="BenchChild"/> and a child mode in Scenarios.cs, so its CPU is
/// measured apart) with mutual TLS on <see cref="GatewayBenchSetup.ServerCertificatePath"/>, the full decision
/// and the durable decision log, on <see cref="GatewayBenchSetup.Database"/>; register the system <c>docs</c>
/// (LGWAN, on the allow-list) with upstream <see cref="GatewayBenchSetup.UpstreamUrl"/>, a closed route holding
/// 127.0.0.1, today's approval and a started workday (with work hours or overtime covering the time of the run)
/// for the staff member the PC is lent to; sign in to the portal (password + TOTP of
/// <see cref="GatewayBenchSetup.Tenant"/>) presenting <see cref="GatewayBenchSetup.ClientCertificate"/>; return the
/// address, <c>/s/docs/</c> and the session cookie (the generator ignores Set-Cookie, so the cookie must stay valid
/// for the whole run: warm-up, rounds and all, about 3 minutes by default). Scenarios.cs already has a child mode that hosts
/// <c>GatewayHost.Build</c> on a database with a given certificate:
/// <c>BenchChild.Start("gateway-host", "--db", setup.Database.ConnectionString, "--port", port, "--cert", setup.ServerCertificatePath, "--key", setup.ServerKeyPath)</c>
/// (take the port from <see cref="NginxServer.FreePort"/>; return the child's <c>Process.Id</c> and the child itself as the disposable).
/// </summary>
internal static class ZaitakuGatewayTarget
{
    /// <summary>Why the row says "not run" until the seam is filled.</summary>
    public const string NotWired = "not wired yet: ZaitakuGatewayTarget.StartAsync returns null (bench/Zaitaku.Benchmarks/Gateway/ZaitakuGatewayTarget.cs)";

    /// <summary>Starts the gateway for the scenario, or returns null when it cannot be run (the table then prints "not run").</summary>
    public static Task<GatewayTarget?> StartAsync(GatewayBenchSetup setup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return Task.FromResult<GatewayTarget?>(null);
    }
}
