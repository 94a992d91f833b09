namespace Zaitaku.Data;

/// <summary>Which database a deployment uses.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The database of a deployment: SQLite by default, PostgreSQL for production and many nodes.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The SQLite file in a data folder.</summary>
    public static DatabaseSettings SqliteIn(string dataDirectory) =>
        new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Path.GetFullPath(dataDirectory), "zaitaku.db")}");

    /// <summary>
    /// Reads a connection string: a PostgreSQL one (<c>Host=…</c> or a <c>postgres://</c> URL) or a
    /// SQLite one (<c>Data Source=…</c>, or a path ending in .db).
    /// </summary>
    public static DatabaseSettings Parse(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new(DatabaseProvider.Postgres, FromUrl(new Uri(text)));
        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase) || text.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            return new(DatabaseProvider.Postgres, text);
        if (text.Contains("Data Source=", StringComparison.OrdinalIgnoreCase) || text.Contains("DataSource=", StringComparison.OrdinalIgnoreCase))
            return new(DatabaseProvider.Sqlite, text);
        if (text.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase))
            return new(DatabaseProvider.Sqlite, $"Data Source={Path.GetFullPath(text)}");
        throw new FormatException($"--db: \"{Redact(text)}\" is neither a PostgreSQL connection string (Host=…) nor a SQLite one (Data Source=…).");
    }

    /// <summary>The connection string with any password removed, for logs and messages.</summary>
    public static string Redact(string connectionString) =>
        System.Text.RegularExpressions.Regex.Replace(connectionString, @"(?i)(password|pwd)\s*=\s*[^;]*", "$1=***");

    public override string ToString() => $"{Provider}: {Redact(ConnectionString)}";

    private static string FromUrl(Uri url)
    {
        var userInfo = url.UserInfo.Split(':', 2);
        var database = url.AbsolutePath.Trim('/');
        var parts = new List<string> { $"Host={url.Host}", $"Port={(url.Port > 0 ? url.Port : 5432)}" };
        if (database.Length > 0) parts.Add($"Database={Uri.UnescapeDataString(database)}");
        if (userInfo[0].Length > 0) parts.Add($"Username={Uri.UnescapeDataString(userInfo[0])}");
        if (userInfo.Length > 1) parts.Add($"Password={Uri.UnescapeDataString(userInfo[1])}");
        return string.Join(';', parts);
    }
}
