using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zaitaku.Data;
using Zaitaku.Server.Hosting;

namespace Zaitaku.Testing;

/// <summary>
/// The console face on a real Kestrel server on a free loopback port, on its own database (SQLite file
/// or PostgreSQL), with a clock the test controls.
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConsoleServer(WebApplication app, DatabaseSettings database, FakeTimeProvider time, Uri address)
    {
        _app = app;
        Database = database;
        Time = time;
        Address = address;
    }

    public DatabaseSettings Database { get; }

    public FakeTimeProvider Time { get; }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The app, for tests that enumerate its endpoints.</summary>
    public WebApplication App => _app;

    /// <summary>Starts a console on a new database of the provider; the clock starts at <paramref name="now"/> (default 2026-11-26 10:00 Tokyo).</summary>
    public static async Task<ConsoleServer> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, DateTimeOffset? now = null, Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider((now ?? new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(9))).ToUniversalTime());
        await DatabaseSetup.MigrateAsync(database, time);
        return await StartOnAsync(database, time, configure);
    }

    /// <summary>Another console node on this server's database and clock, as a second machine behind the load balancer would be.</summary>
    public Task<ConsoleServer> StartNodeAsync(Action<IServiceCollection>? configure = null) => StartOnAsync(Database, Time, configure);

    private static async Task<ConsoleServer> StartOnAsync(DatabaseSettings database, FakeTimeProvider time, Action<IServiceCollection>? configure)
    {
        var app = ConsoleHost.Build(new ServerOptions
        {
            Database = database,
            ConsoleUrl = "http://127.0.0.1:0",
            Time = time,
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            ConfigureServices = services =>
            {
                // The real hash, with fewer rounds: tests create many accounts.
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
                configure?.Invoke(services);
            },
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConsoleServer(app, database, time, new Uri(address));
    }

    /// <summary>A browser-like client: its own cookies, no automatic redirects.</summary>
    public ConsoleClient CreateClient() => new(Address);

    /// <summary>A plain HTTP client for API calls.</summary>
    public HttpClient CreateApiClient(string? token = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>A unit of work on the server's database, scoped to a tenant.</summary>
    public ScopedDb OpenDb(Guid? tenantId = null)
    {
        var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        db.TenantScope.SetTenant(tenantId);
        db.TenantScope.SetActor(null, "test");
        return new ScopedDb(scope, db);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Database.Provider == DatabaseProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}

/// <summary>A database context with its DI scope.</summary>
public sealed class ScopedDb(IServiceScope scope, ZaitakuDb db) : IDisposable
{
    public ZaitakuDb Db { get; } = db;

    public IServiceProvider Services => scope.ServiceProvider;

    public void Dispose() => scope.Dispose();
}
