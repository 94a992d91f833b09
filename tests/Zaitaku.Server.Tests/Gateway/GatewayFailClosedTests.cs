using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zaitaku.Data;
using Zaitaku.Gateway;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>A gateway that cannot refresh its policy denies everything with policy_stale: it fails closed, never open.</summary>
public sealed class GatewayFailClosedTests
{
    private static GatewayOptions Stale() => GatewayWorld.DefaultOptions() with { StaleAfter = TimeSpan.FromSeconds(2), RefreshEvery = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task Proxy_PolicyRefreshFailingPastStaleAfter_DeniesWithPolicyStale_AndRecovers()
    {
        await using var world = await GatewayWorld.StartAsync(options: Stale());
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/s/docs/list")).Status);
        string table;
        using (var scoped = world.OpenDb()) table = scoped.Db.Model.FindEntityType(typeof(Zaitaku.Systems.GatewaySettings))!.GetTableName()!;

        // A table the policy is built from goes missing: every rebuild fails from now on.
        using (var scoped = world.OpenDb()) await scoped.Db.Database.ExecuteSqlRawAsync(Rename(table, table + "_gone"));
        var stale = await GatewayWorld.EventuallyAsync(() => pc.GetAsync("/s/docs/list"), p => p.Status != HttpStatusCode.OK);
        var portal = await pc.GetAsync("/portal/");

        await GatewayDenialTests.AssertDeniedAsync(world, stale, "docs", "policy_stale");
        Assert.Equal(HttpStatusCode.Forbidden, portal.Status);
        Assert.Equal(["policy_stale"], portal.Reasons);
        var forwarded = world.Upstream.Received.Count;
        await GatewayDenialTests.AssertDeniedAsync(world, await pc.GetAsync("/s/docs/list"), "docs", "policy_stale");
        Assert.Equal(forwarded, world.Upstream.Received.Count);

        using (var scoped = world.OpenDb()) await scoped.Db.Database.ExecuteSqlRawAsync(Rename(table + "_gone", table));
        var recovered = await GatewayWorld.EventuallyAsync(() => pc.GetAsync("/s/docs/list"), p => p.Status == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, recovered.Status);
    }

    [Fact]
    public async Task Proxy_DatabaseGone_DeniesWithPolicyStale_NeverForwards()
    {
        await using var world = await GatewayWorld.StartAsync(DatabaseProvider.Postgres, options: Stale());
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/s/docs/list")).Status);
        var database = new NpgsqlConnectionStringBuilder(world.Server.Database.ConnectionString);
        var admin = new NpgsqlConnectionStringBuilder(world.Server.Database.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;

        await ExecuteAsync(admin, $"ALTER DATABASE \"{database.Database}\" WITH ALLOW_CONNECTIONS false",
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database.Database}' AND pid <> pg_backend_pid()");
        try
        {
            var page = await GatewayWorld.EventuallyAsync(() => pc.GetAsync("/s/docs/list"), p => p.Reasons.Contains("policy_stale"));

            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
            Assert.Equal(["policy_stale"], page.Reasons);
            Assert.Matches("^[0-9a-f]{16}$", page.RequestId);
            var forwarded = world.Upstream.Received.Count;
            var again = await pc.GetAsync("/s/docs/list");
            Assert.Equal(HttpStatusCode.Forbidden, again.Status);
            Assert.Equal(["policy_stale"], again.Reasons);
            Assert.Equal(forwarded, world.Upstream.Received.Count);
        }
        finally
        {
            await ExecuteAsync(admin, $"ALTER DATABASE \"{database.Database}\" WITH ALLOW_CONNECTIONS true");
        }
    }

    private static string Rename(string from, string to) => $"ALTER TABLE \"{from}\" RENAME TO \"{to}\"";

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
