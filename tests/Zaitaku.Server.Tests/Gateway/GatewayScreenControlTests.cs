using System.Net;
using System.Net.Http.Headers;
using Zaitaku.Audit;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>Screen only (画面転送のみ): downloads and uploads blocked with a Japanese page and a log record, printing blocked by style.</summary>
public sealed class GatewayScreenControlTests
{
    private static async Task AssertBlockedAsync(GatewayWorld world, GatewayPage page, string code, string japanese)
    {
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("この操作はできません Blocked", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(japanese, page.Text, StringComparison.Ordinal);
        Assert.Contains(code, page.Text, StringComparison.Ordinal);
        Assert.Equal(page.HeaderRequestId, page.RequestId);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Null(page.ContentHeaders?.ContentDisposition);
        Assert.Equal("text/html", page.ContentHeaders?.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/s/docs/files/report.pdf")]
    [InlineData("/s/docs/files/data.bin")]
    public async Task Proxy_DownloadFromASystemThatBlocksThem_ReplacedByTheBlockPage_AndLogged(string path)
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var page = await pc.GetAsync(path);

        await AssertBlockedAsync(world, page, "download_blocked", "ファイルのダウンロードは禁止されています。");
        Assert.DoesNotContain("%PDF", page.Html, StringComparison.Ordinal);
        var records = await world.DecisionsAsync(page.RequestId, 2);
        Assert.Equal([(DecisionEntryKind.Decision, true, ""), (DecisionEntryKind.Result, false, "download_blocked")],
            records.Select(r => (r.Kind, r.Allow, r.Reasons)));
        Assert.Equal(403, records[1].Status);
        Assert.Equal(path[7..], records[1].Path);
    }

    [Fact]
    public async Task Proxy_DownloadFromASystemWithoutTheBlock_PassesThrough()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var page = await pc.GetAsync("/s/mail/files/report.pdf");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("attachment", page.ContentHeaders?.ContentDisposition?.DispositionType);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Proxy_UploadToASystemThatBlocksThem_RefusedBeforeTheSystem_AndLogged()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("個人情報を含む表"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ms-excel");
        form.Add(file, "file", "meibo.xls");

        var page = await pc.SendAsync(HttpMethod.Post, "/s/docs/upload", form);
        var octets = await pc.SendAsync(HttpMethod.Put, "/s/docs/upload", new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } });

        await AssertBlockedAsync(world, page, "upload_blocked", "ファイルのアップロードは禁止されています。");
        await AssertBlockedAsync(world, octets, "upload_blocked", "ファイルのアップロードは禁止されています。");
        Assert.Empty(world.Upstream.Received);
        var record = Assert.Single(await world.DecisionsAsync(page.RequestId));
        Assert.Equal((false, "upload_blocked", 403, "POST"), (record.Allow, record.Reasons, record.Status, record.Method));
    }

    [Fact]
    public async Task Proxy_PageOfASystemThatBlocksPrinting_CarriesThePrintBlockStyle()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var docs = await pc.GetAsync("/s/docs/list");
        var mail = await pc.GetAsync("/s/mail/inbox");
        var style = await pc.GetAsync(docs.Document.QuerySelector("link[media=print]")!.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.OK, style.Status);
        Assert.Equal("text/css", style.ContentHeaders?.ContentType?.MediaType);
        Assert.Contains("@media print", style.Html, StringComparison.Ordinal);
        Assert.Contains("印刷が禁止されています", style.Html, StringComparison.Ordinal);
        // Mail asks only for the watermark: no print block there, but the watermark is.
        Assert.Null(mail.Document.QuerySelector("link[media=print]"));
        Assert.NotNull(mail.Document.QuerySelector("[data-zaitaku=watermark]"));
    }
}
