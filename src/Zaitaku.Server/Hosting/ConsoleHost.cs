using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Zaitaku.Data;
using Zaitaku.Web;
using Zaitaku.Web.Accounts;
using Zaitaku.Web.Operations;
using Zaitaku.Web.Security;

namespace Zaitaku.Server.Hosting;

/// <summary>Builds the console face: a Kestrel server with the console's own pipeline.</summary>
public static class ConsoleHost
{
    public static WebApplication Build(ServerOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "zaitaku",
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddEnvironmentVariables("ZAITAKU_");
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.WebHost.UseUrls(options.ConsoleUrl);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 24L * 1024 * 1024;
        });
        ConfigureLogging(builder.Logging, options);

        var secure = options.ConsoleUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            || builder.Configuration.GetValue<bool>("Console:BehindHttpsProxy");
        builder.Services.AddSingleton(new CookieSecurity(secure));
        var database = options.ResolveDatabase();
        builder.Services.AddZaitakuDatabase(database, options.Time, options.Changes, options.Presence);
        builder.Services.AddDataProtection().SetApplicationName("Zaitaku").PersistKeysToDbContext<ZaitakuDb>();
        builder.Services.AddZaitakuConsole();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // Presence changes made on any node (a workday started at a gateway's portal) reach this node's boards.
            builder.Services.AddHostedService(provider => new Zaitaku.Data.Postgres.PostgresPolicyListener(database.ConnectionString,
                provider.GetRequiredService<Zaitaku.Data.Changes.PolicyChanges>(), provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Zaitaku.Data.Postgres.PostgresPolicyListener>>(),
                provider.GetRequiredService<Zaitaku.Data.Changes.PresenceChanges>()));
        }
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter("Zaitaku")
            .AddPrometheusExporter());

        options.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        var networks = options.MetricsNetworks;
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (context, next) =>
        {
            if (!OperationsEndpoints.MetricsAllowed(context.Connection.RemoteIpAddress, networks))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next(context);
        }));
        app.MapZaitakuConsole();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }

    internal static void ConfigureLogging(ILoggingBuilder logging, ServerOptions options)
    {
        logging.ClearProviders();
        if (options.JsonLogs) logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        else logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; });
        logging.SetMinimumLevel(options.LogLevel);
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore", options.LogLevel < LogLevel.Warning ? LogLevel.Warning : options.LogLevel);
    }
}
