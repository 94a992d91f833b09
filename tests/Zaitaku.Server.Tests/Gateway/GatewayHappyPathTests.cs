using Microsoft.EntityFrameworkCore;
using System.Net;
using Zaitaku.Audit;
using Zaitaku.Server.Cli;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>
/// A teleworker's day through the real gateway: the PC's certificate, the portal's sign-in with a
/// one-time code, the start of the workday, an internal system's page through the proxy, and the
/// decision log behind it.
/// </summary>
public sealed class GatewayHappyPathTests
{
    [Fact]
    public async Task Portal_SignInStartWorkdayOpenSystem_ReachesUpstreamScreenOnlyAndLogged()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = world.Client();

        var signInForm = await pc.GetAsync("/portal/");
        Assert.Equal(HttpStatusCode.OK, signInForm.Status);
        Assert.Equal("TS-PC-0001", signInForm.Document.QuerySelector("[data-testid=asset-tag]")?.TextContent);
        world.Server.Time.Advance(TimeSpan.FromSeconds(31));
        var home = await pc.SignInAsync(world.Staff, world.StaffTotp, world.Now);
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains($"職員番号 {world.StaffMember.StaffNumber}", home.Document.QuerySelector("[data-testid=staff]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("承認済み", home.Document.QuerySelector("[data-testid=approval]")!.TextContent, StringComparison.Ordinal);
        // The route by the name IT gave it, not its id.
        Assert.Contains("閉域（閉域VPN）", home.Text, StringComparison.Ordinal);
        // Before the start of the workday nothing is open, and the portal says why.
        Assert.NotNull(home.Document.QuerySelector("[data-testid=no-tiles]"));
        Assert.Contains("not_clocked_in", home.Document.QuerySelector("[data-testid=closed-docs]")!.TextContent, StringComparison.Ordinal);

        var started = await pc.StartWorkdayAsync();
        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Contains("始業を記録しました", started.Document.QuerySelector("[data-testid=notice]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("勤務中", started.Document.QuerySelector("[data-testid=workday]")!.TextContent, StringComparison.Ordinal);
        var tiles = started.Document.QuerySelectorAll("[data-testid=tiles] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/s/docs/", "/s/mail/"], tiles);
        // My Number and systems off the allow-list are never offered.
        Assert.DoesNotContain("住民記録", started.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("財務会計", started.Text, StringComparison.Ordinal);

        pc.Cookies["theme"] = "dark";
        var page = await pc.GetAsync("/s/docs/a/./b/../list?q=1", request =>
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", "10.20.9.9");
            request.Headers.TryAddWithoutValidation("Forwarded", "for=10.20.9.9");
            request.Headers.TryAddWithoutValidation("X-Real-IP", "10.20.9.9");
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var received = Assert.Single(world.Upstream.Received);
        Assert.Equal("GET", received.Method);
        Assert.Equal("/a/list?q=1", received.RawTarget);
        Assert.Equal(world.Upstream.Address.Authority, received.Host);
        Assert.Equal(["127.0.0.1"], received.All("X-Forwarded-For"));
        Assert.Empty(received.All("Forwarded"));
        Assert.Empty(received.All("X-Real-IP"));
        Assert.Equal("theme=dark", received.Header("Cookie"));
        Assert.Equal("/s/docs", received.Header("X-Forwarded-Prefix"));
        Assert.Equal(page.HeaderRequestId, received.Header("X-Request-Id"));

        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        var watermark = page.Document.QuerySelector("[data-zaitaku=watermark]");
        Assert.NotNull(watermark);
        Assert.Contains(world.StaffMember.StaffNumber, watermark.TextContent, StringComparison.Ordinal);
        Assert.Contains(JapanTime.ToTokyo(world.Now).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), watermark.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("link[media=print][href='/__zaitaku/print-block.css']"));
        // Root-relative links stay inside the system's address on the gateway.
        Assert.Equal("/s/docs/list", page.Document.QuerySelector("a")!.GetAttribute("href"));

        var records = await world.DecisionsAsync(page.HeaderRequestId, 2);
        Assert.Equal([DecisionEntryKind.Decision, DecisionEntryKind.Result], records.Select(r => r.Kind));
        Assert.All(records, r =>
        {
            Assert.True(r.Allow);
            Assert.Equal("", r.Reasons);
            Assert.Equal(world.StaffMember.StaffNumber, r.StaffNumber);
            Assert.Equal(world.PcDevice.SerialNumber, r.DeviceSerial);
            Assert.Equal("127.0.0.1", r.SourceAddress);
            Assert.Equal("vpn", r.Route);
            Assert.Equal("docs", r.System);
            Assert.Equal("GET", r.Method);
            Assert.Equal("/a/list", r.Path);
            Assert.Equal("gw-test", r.Node);
        });
        Assert.Equal(200, records[1].Status);
        Assert.True(records[1].Bytes > 0);
        Assert.NotNull(records[1].DurationMs);

        using var output = new StringWriter();
        var exit = await ZaitakuCli.RunAsync(["audit", "verify", "--db", world.Server.Database.ConnectionString], output, output);
        Assert.True(exit == 0, output.ToString());
        Assert.Contains("decisions 131001 テスト市 @ gw-test", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proxy_ManyRequestsAtOnce_EachDecisionCommittedBeforeItsResponseAndChainIntact()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        // Enough requests at once that the log writes them in several group commits, each written while the one before is flushed.
        var pages = await Task.WhenAll(Enumerable.Range(0, 48).Select(async n =>
        {
            var page = await pc.GetAsync($"/s/docs/list?n={n}");
            // Read at once from another connection: the decision record must already be committed when the response arrives.
            using var scoped = world.Server.OpenDb();
            var committed = await scoped.Db.DecisionRecords.AsNoTracking()
                .CountAsync(r => r.RequestId == page.HeaderRequestId && r.Kind == DecisionEntryKind.Decision);
            return (page.Status, committed);
        }));

        Assert.All(pages, p => Assert.Equal((HttpStatusCode.OK, 1), p));
        using var output = new StringWriter();
        var exit = await ZaitakuCli.RunAsync(["audit", "verify", "--db", world.Server.Database.ConnectionString], output, output);
        Assert.True(exit == 0, output.ToString());
    }

    [Fact]
    public async Task Proxy_RedirectAndCookieOfTheSystem_StayUnderItsGatewayAddress()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var redirect = await pc.GetAsync("/s/docs/redirect");
        var cookie = await pc.GetAsync("/s/docs/set-cookie");

        Assert.Equal(HttpStatusCode.Found, redirect.Status);
        Assert.Equal("/s/docs/list?from=redirect", redirect.Location);
        Assert.Equal(HttpStatusCode.OK, cookie.Status);
        var setCookie = Assert.Single(cookie.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("upstream-sid=abc123", setCookie, StringComparison.Ordinal);
        Assert.Contains("path=/s/docs/", setCookie, StringComparison.OrdinalIgnoreCase);
    }
}
