using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Zaitaku.Data.Changes;

namespace Zaitaku.Data.Postgres;

/// <summary>
/// Listens for the policy notifications every node sends (<see cref="PolicyChanges.Channel"/>) and
/// raises them in this process, so a change committed on any node reaches this node's gateway at once;
/// with <paramref name="presence"/>, the presence notifications too (<see cref="PresenceChanges.Channel"/>),
/// for this node's presence boards. Reconnects after a lost connection; the gateway's own refresh covers
/// the gap and fails closed when the database stays out of reach.
/// </summary>
public sealed partial class PostgresPolicyListener(string connectionString, PolicyChanges changes, ILogger<PostgresPolicyListener> logger, PresenceChanges? presence = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 10, Pooling = false };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == PresenceChanges.Channel)
                    {
                        if (PresenceChanges.TryParse(e.Payload, out var tenantId, out var staffId)) presence?.Raise(tenantId, staffId);
                    }
                    else if (Guid.TryParse(e.Payload, out var tenant)) changes.Raise(tenant);
                };
                var channels = presence is null ? $"LISTEN {PolicyChanges.Channel}" : $"LISTEN {PolicyChanges.Channel}; LISTEN {PresenceChanges.Channel}";
                await using (var listen = new NpgsqlCommand(channels, connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                Listening(logger);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                Lost(logger, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Listening for policy changes on PostgreSQL")]
    private static partial void Listening(ILogger logger);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Lost the policy change listener ({Problem}); reconnecting")]
    private static partial void Lost(ILogger logger, string problem);
}
