using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Postgres;
using Zaitaku.Data.Sqlite;
using Zaitaku.Data.Tenancy;

namespace Zaitaku.Server.Hosting;

internal static class DatabaseSetup
{
    public static IServiceCollection AddZaitakuDatabase(this IServiceCollection services, DatabaseSettings settings, TimeProvider time, Zaitaku.Data.Changes.PolicyChanges changes, Zaitaku.Data.Changes.PresenceChanges presence)
    {
        services.AddSingleton(time);
        services.AddSingleton(settings);
        services.AddScoped<TenantContext>();
        // One instance per process: the console and the gateway faces are separate apps that share it.
        services.AddSingleton(changes);
        services.AddSingleton(presence);
        services.AddScoped<Zaitaku.Data.Work.PresenceSignal>();
        services.AddScoped<Zaitaku.Data.Work.IWorkdayObserver>(provider => provider.GetRequiredService<Zaitaku.Data.Work.PresenceSignal>());
        services.AddDbContext<ZaitakuDb>(options => Configure(options, settings));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseZaitakuSqlite(settings.ConnectionString);
                break;
            default:
                options.UseZaitakuPostgres(settings.ConnectionString);
                break;
        }
    }

    /// <summary>A unit of work outside a request (CLI verbs, start-up work).</summary>
    public static ZaitakuDb Open(DatabaseSettings settings, TimeProvider time, TenantContext? tenant = null)
    {
        var options = new DbContextOptionsBuilder<ZaitakuDb>();
        Configure(options, settings);
        return new ZaitakuDb(options.Options, tenant ?? new TenantContext(), time);
    }

    /// <summary>Brings the schema up to date; on SQLite also switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(DatabaseSettings settings, TimeProvider time, CancellationToken cancellationToken = default)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString);
            if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder) Directory.CreateDirectory(folder);
        }
        await using var db = Open(settings, time);
        await db.Database.MigrateAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
    }
}
