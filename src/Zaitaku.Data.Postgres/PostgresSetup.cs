using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zaitaku.Data.Tenancy;

namespace Zaitaku.Data.Postgres;

public static class PostgresSetup
{
    /// <summary>PostgreSQL (Npgsql) with this assembly's migrations.</summary>
    public static DbContextOptionsBuilder UseZaitakuPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresSetup).Assembly.GetName().Name));
}

/// <summary>For <c>dotnet ef migrations add</c>: the model needs no server to be built.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ZaitakuDb>
{
    public ZaitakuDb CreateDbContext(string[] args) =>
        Create();

    private static ZaitakuDb Create()
    {
        var options = new DbContextOptionsBuilder<ZaitakuDb>();
        options.UseZaitakuPostgres("Host=localhost;Database=zaitaku_design");
        return new ZaitakuDb(options.Options, new TenantContext(), TimeProvider.System);
    }
}
