using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Zaitaku.Data.Tenancy;

namespace Zaitaku.Data.Sqlite;

public static class SqliteSetup
{
    /// <summary>SQLite with this assembly's migrations and the connection settings Zaitaku relies on.</summary>
    public static DbContextOptionsBuilder UseZaitakuSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteSetup).Assembly.GetName().Name))
            .AddInterceptors(SqlitePragmas.Instance);
}

/// <summary>
/// Per-connection settings: foreign keys on, a busy timeout so writers wait for each other instead
/// of failing, and full sync so a committed audit or decision record survives a power cut.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: builds the context on a throwaway SQLite file.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ZaitakuDb>
{
    public ZaitakuDb CreateDbContext(string[] args) =>
        Create();

    private static ZaitakuDb Create()
    {
        var options = new DbContextOptionsBuilder<ZaitakuDb>();
        options.UseZaitakuSqlite("Data Source=design-time.db");
        return new ZaitakuDb(options.Options, new TenantContext(), TimeProvider.System);
    }
}
