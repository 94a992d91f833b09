using Zaitaku.Data;

namespace Zaitaku.Testing;

/// <summary>A fresh database for one test: a SQLite file in a temporary folder, or a new PostgreSQL database.</summary>
public static class TestDatabase
{
    public static async Task<DatabaseSettings> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => DatabaseSettings.SqliteIn(Directory.CreateTempSubdirectory("zaitaku-test-").FullName),
        _ => new DatabaseSettings(DatabaseProvider.Postgres, await PostgresServer.CreateDatabaseAsync()),
    };

    /// <summary>Both providers, for [Theory] [MemberData] tests that run once per database.</summary>
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };
}
