using Zaitaku.Data;

namespace Zaitaku.Server.Hosting;

/// <summary>How a Zaitaku process runs: which database, which faces on which addresses.</summary>
public sealed record ServerOptions
{
    /// <summary>The folder of the SQLite file, keys and demo certificates (default ./zaitaku-data).</summary>
    public string DataDirectory { get; init; } = "zaitaku-data";

    /// <summary>The database; SQLite in <see cref="DataDirectory"/> when not given.</summary>
    public DatabaseSettings? Database { get; init; }

    /// <summary>Where the console listens, e.g. http://127.0.0.1:5080.</summary>
    public string ConsoleUrl { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Write logs as JSON lines (for a log collector) instead of plain text.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>The clock; tests pass a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The process's policy-change hub, shared by the console and gateway faces.</summary>
    public Zaitaku.Data.Changes.PolicyChanges Changes { get; init; } = new();

    /// <summary>The process's presence-change hub: a workday started at the gateway's portal reaches the console's boards.</summary>
    public Zaitaku.Data.Changes.PresenceChanges Presence { get; init; } = new();

    /// <summary>Networks besides loopback that may read /metrics.</summary>
    public IReadOnlyList<System.Net.IPNetwork> MetricsNetworks { get; init; } = [];

    /// <summary>Extra configuration (key → value), as a configuration file would give it.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Minimum log level (default Information; tests use Warning).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>Last changes to the services, after Zaitaku's own (tests lower the password hash cost here).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }

    public DatabaseSettings ResolveDatabase() => Database ?? DatabaseSettings.SqliteIn(DataDirectory);
}
