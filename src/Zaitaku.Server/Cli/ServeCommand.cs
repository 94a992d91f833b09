using System.CommandLine;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Zaitaku.Server.Hosting;

namespace Zaitaku.Server.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var roles = new Option<string>("--roles") { Description = "起動する面（console, gateway をカンマ区切り） / faces to run: console, gateway", DefaultValueFactory = _ => "console" };
        var consoleUrl = new Option<string>("--console-url") { Description = "管理画面の待受URL / console listen URL", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var cert = new Option<string?>("--console-cert") { Description = "HTTPSの証明書（PEM） / the console's TLS certificate (PEM)" };
        var key = new Option<string?>("--console-key") { Description = "HTTPSの秘密鍵（PEM） / the console's TLS private key (PEM)" };
        var migrate = new Option<bool>("--migrate") { Description = "起動時にデータベースを最新にする / migrate the database at start" };
        var metrics = new Option<string[]>("--metrics-network") { Description = "/metrics を読めるネットワーク（CIDR、ループバックは常に可） / networks that may read /metrics", AllowMultipleArgumentsPerToken = true };
        var gatewayUrl = new Option<string>("--gateway-url") { Description = "ゲートウェイの待受URL（HTTPS） / gateway listen URL (https)", DefaultValueFactory = _ => "https://0.0.0.0:8443" };
        var gatewayCert = new Option<string?>("--gateway-cert") { Description = "ゲートウェイのTLS証明書（PEM） / the gateway's TLS certificate (PEM)" };
        var gatewayKey = new Option<string?>("--gateway-key") { Description = "ゲートウェイのTLS秘密鍵（PEM） / the gateway's TLS private key (PEM)" };
        var gatewayTenants = new Option<string[]>("--gateway-tenants") { Description = "このゲートウェイが受け付ける自治体コード（省略時はすべて） / tenant codes this gateway serves (default all)", AllowMultipleArgumentsPerToken = true };
        var gatewayNode = new Option<string?>("--gateway-node") { Description = "ゲートウェイのノード名（判定記録に残る。省略時はホスト名） / this gateway node's name in the decision log (default: host name)" };
        var forwarders = new Option<string[]>("--trusted-forwarder") { Description = "X-Forwarded-For を信じる転送元（CIDR、例: VPN装置） / peers whose X-Forwarded-For is believed (CIDR, e.g. the VPN concentrator)", AllowMultipleArgumentsPerToken = true };
        var staleAfter = new Option<int>("--stale-after") { Description = "方針を更新できないとき全拒否に切り替えるまでの秒数 / seconds without a policy refresh before denying everything", DefaultValueFactory = _ => 60 };
        var command = new Command("serve", "Zaitakuを起動します / run Zaitaku") { roles, consoleUrl, cert, key, migrate, metrics, gatewayUrl, gatewayCert, gatewayKey, gatewayTenants, gatewayNode, forwarders, staleAfter, common.JsonLogs };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var (settings, problem) = common.Database(parse);
            if (settings is null)
            {
                error.WriteLine(problem);
                return 2;
            }
            var faces = parse.GetValue(roles)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = faces.Where(f => f is not ("console" or "gateway")).ToList();
            if (unknown.Count > 0 || faces.Length == 0)
            {
                error.WriteLine($"--roles: 「{string.Join(",", unknown)}」は使えません（console, gateway） / unknown role \"{string.Join(",", unknown)}\" (console, gateway)");
                return 2;
            }
            GatewayHostOptions? gateway = null;
            if (faces.Contains("gateway"))
            {
                if (parse.GetValue(gatewayCert) is not { } gatewayCertPath || parse.GetValue(gatewayKey) is not { } gatewayKeyPath
                    || !File.Exists(gatewayCertPath) || !File.Exists(gatewayKeyPath))
                {
                    error.WriteLine("--gateway-cert/--gateway-key: ゲートウェイにはPEMの証明書と秘密鍵のファイルが必要です / the gateway needs its PEM certificate and key files");
                    return 2;
                }
                var trusted = new List<System.Net.IPNetwork>();
                foreach (var text in parse.GetValue(forwarders) ?? [])
                {
                    if (!System.Net.IPNetwork.TryParse(text, out var network))
                    {
                        error.WriteLine($"--trusted-forwarder: 「{text}」はCIDRではありません（例: 10.20.0.1/32） / \"{text}\" is not a CIDR range");
                        return 2;
                    }
                    trusted.Add(network);
                }
                gateway = new GatewayHostOptions
                {
                    Url = parse.GetValue(gatewayUrl)!,
                    CertificatePath = Path.GetFullPath(gatewayCertPath),
                    KeyPath = Path.GetFullPath(gatewayKeyPath),
                    Gateway = new Gateway.GatewayOptions
                    {
                        TenantCodes = parse.GetValue(gatewayTenants) ?? [],
                        NodeName = parse.GetValue(gatewayNode) ?? Environment.MachineName,
                        TrustedForwarders = trusted,
                        StaleAfter = TimeSpan.FromSeconds(Math.Max(5, parse.GetValue(staleAfter))),
                    },
                };
            }
            var networks = new List<IPNetwork>();
            foreach (var cidr in parse.GetValue(metrics) ?? [])
            {
                if (!IPNetwork.TryParse(cidr, out var network))
                {
                    error.WriteLine($"--metrics-network: 「{cidr}」はCIDRではありません / \"{cidr}\" is not a CIDR");
                    return 2;
                }
                networks.Add(network);
            }
            if (parse.GetValue(migrate)) await DatabaseSetup.MigrateAsync(settings, TimeProvider.System, cancellationToken);
            else
            {
                await using var db = DatabaseSetup.Open(settings, TimeProvider.System);
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    error.WriteLine($"データベースが古い構造です（未適用 {pending.Count} 件）。zaitaku migrate を実行するか --migrate を付けてください。 / The database needs {pending.Count} migration(s): run zaitaku migrate or pass --migrate.");
                    return 2;
                }
            }
            var url = parse.GetValue(consoleUrl)!;
            var settingsMap = new Dictionary<string, string?>();
            if (url.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
            {
                if (parse.GetValue(cert) is not { } certPath || parse.GetValue(key) is not { } keyPath || !File.Exists(certPath) || !File.Exists(keyPath))
                {
                    error.WriteLine("--console-cert/--console-key: HTTPSにはPEMの証明書と秘密鍵のファイルが必要です / an https console URL needs the PEM certificate and key files");
                    return 2;
                }
                settingsMap["Kestrel:Certificates:Default:Path"] = Path.GetFullPath(certPath);
                settingsMap["Kestrel:Certificates:Default:KeyPath"] = Path.GetFullPath(keyPath);
            }
            else if (!IsLoopback(url))
            {
                error.WriteLine("warning: the console is served over plain HTTP on a non-loopback address; use HTTPS (--console-cert/--console-key) or a TLS-terminating proxy (Console__BehindHttpsProxy=true).");
            }
            var options = common.Server(parse, settings) with { ConsoleUrl = url, MetricsNetworks = networks, Settings = settingsMap };
            var hosts = new List<WebApplication>();
            try
            {
                if (faces.Contains("console")) hosts.Add(ConsoleHost.Build(options));
                if (gateway is not null)
                {
                    var gatewayApp = GatewayHost.Build(options with { Settings = new Dictionary<string, string?>() }, gateway);
                    await Gateway.GatewayApp.WarmUpAsync(gatewayApp.Services, cancellationToken);
                    hosts.Add(gatewayApp);
                }
                await Task.WhenAll(hosts.Select(h => h.RunAsync(cancellationToken)));
            }
            finally
            {
                foreach (var host in hosts) await host.DisposeAsync();
            }
            return 0;
        });
        return command;
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || uri.Host == "localhost");
}
