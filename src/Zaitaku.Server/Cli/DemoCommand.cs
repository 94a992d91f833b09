using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Zaitaku.Data;
using Zaitaku.Server.Demo;
using Zaitaku.Server.Hosting;

namespace Zaitaku.Server.Cli;

internal static class DemoCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "データフォルダ / data folder", DefaultValueFactory = _ => "zaitaku-data" };
        var port = new Option<int>("--port") { Description = "管理画面のポート / console port", DefaultValueFactory = _ => 5080 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "ゲートウェイのポート（HTTPS） / gateway port (https)", DefaultValueFactory = _ => 5443 };
        var command = new Command("demo", "デモ市のデータでZaitakuを起動します（SQLite） / run Zaitaku with the demo municipality on SQLite") { data, port, gatewayPort };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var started = Stopwatch.StartNew();
            var output = parse.InvocationConfiguration.Output;
            var folder = Path.GetFullPath(parse.GetValue(data)!);
            Directory.CreateDirectory(folder);
            var settings = DatabaseSettings.SqliteIn(folder);
            var options = new ServerOptions
            {
                DataDirectory = folder,
                Database = settings,
                ConsoleUrl = $"http://127.0.0.1:{parse.GetValue(port)}",
                LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            };
            await DatabaseSetup.MigrateAsync(settings, options.Time, cancellationToken);
            await using var console = ConsoleHost.Build(options);
            // The console answers at once; デモ市, its PCs, the stand-in systems and the gateway are seeded and
            // started behind it, and the sign-ins are printed only when all of it is ready.
            await console.StartAsync(cancellationToken);
            var logins = await DemoSeeder.SeedAsync(console.Services, cancellationToken);
            var demoDevice = await DemoDevices.SeedAsync(console.Services, folder, cancellationToken);
            // The stand-in internal systems listen next to the gateway (its port + 1).
            var (systems, systemsAddress) = await DemoSystems.StartAsync(parse.GetValue(gatewayPort) + 1, cancellationToken);
            await using var systemsLifetime = systems;
            await DemoSystems.SeedAsync(console.Services, systemsAddress, folder, demoDevice, cancellationToken);
            var gatewayOptions = DemoDevices.GatewayOptions(folder, parse.GetValue(gatewayPort));
            await using var gateway = GatewayHost.Build(options, gatewayOptions);
            await Gateway.GatewayApp.WarmUpAsync(gateway.Services, cancellationToken);
            await gateway.StartAsync(cancellationToken);

            output.WriteLine();
            output.WriteLine("在宅 Zaitaku デモ / demo");
            output.WriteLine($"  管理画面 / console:  {options.ConsoleUrl}/");
            output.WriteLine($"  データ / data:       {folder}");
            output.WriteLine($"  自治体 / municipality: {DemoMunicipality.Name}（自治体コード {DemoMunicipality.Code}）");
            output.WriteLine();
            output.WriteLine("  ログイン / sign-ins (password: " + DemoSeeder.Password + ")");
            foreach (var login in logins)
            {
                var code = login.TenantCode.Length == 0 ? "（空欄 / empty）" : login.TenantCode;
                output.WriteLine($"    {login.Role,-40} 自治体コード {code,-10} ID {login.LoginId,-10}" +
                    (login.TotpSecret is null ? "" : $" TOTP {login.TotpSecret}"));
            }
            output.WriteLine();
            output.WriteLine("  確認コード / one-time code:  zaitaku totp code --secret <TOTP>");
            DemoDevices.Describe(output, gatewayOptions, demoDevice);
            if (demoDevice is not null) DemoSystemsText.Describe(output, gatewayOptions, demoDevice, folder, systemsAddress);
            output.WriteLine($"  起動まで / ready in {started.Elapsed.TotalSeconds:F1} s. Ctrl+C で終了 / to stop.");
            await console.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
