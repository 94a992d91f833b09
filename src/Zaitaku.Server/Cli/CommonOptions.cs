using System.CommandLine;
using Zaitaku.Data;
using Zaitaku.Server.Hosting;

namespace Zaitaku.Server.Cli;

/// <summary>The options every verb that touches the database shares.</summary>
internal sealed class CommonOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "データフォルダ（SQLiteファイル・鍵・デモ証明書） / data folder (SQLite file, keys, demo certificates)",
        DefaultValueFactory = _ => "zaitaku-data",
    };

    public Option<string?> Db { get; } = new("--db")
    {
        Description = "データベース接続文字列（PostgreSQL: Host=…;Database=…、既定は --data のSQLite） / database connection string (default: SQLite in --data)",
    };

    public Option<bool> JsonLogs { get; } = new("--json-logs") { Description = "ログをJSON形式で出力 / write logs as JSON lines" };

    public void AddTo(Command command)
    {
        command.Add(Data);
        command.Add(Db);
    }

    /// <summary>The database the options name, or an error message naming the option.</summary>
    public (DatabaseSettings? Settings, string? Error) Database(ParseResult parse)
    {
        var db = parse.GetValue(Db);
        if (string.IsNullOrWhiteSpace(db)) return (DatabaseSettings.SqliteIn(parse.GetValue(Data)!), null);
        try
        {
            return (DatabaseSettings.Parse(db), null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    public ServerOptions Server(ParseResult parse, DatabaseSettings settings) => new()
    {
        DataDirectory = parse.GetValue(Data)!,
        Database = settings,
        JsonLogs = parse.GetValue(JsonLogs),
    };
}
