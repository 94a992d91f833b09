using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Zaitaku.BrowserTests.Gateway;

/// <summary>
/// An internal system behind the gateway: plain HTTP on a free loopback port, answering every path
/// with a small document-list page (its name, the path it was asked for, a table and links).
/// </summary>
public sealed class StandInSystem : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInSystem(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri Address { get; }

    public static async Task<StandInSystem> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(static context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(Page(context.Request.Path.Value ?? "/"));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StandInSystem(app, new Uri(address.TrimEnd('/') + "/"));
    }

    private static string Page(string path) => $$"""
        <!DOCTYPE html>
        <html lang="ja"><head><meta charset="utf-8"><title>文書管理システム</title>
        <style>body{font-family:"Noto Sans CJK JP",sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem .6rem}</style></head>
        <body>
        <h1>文書管理システム</h1>
        <p>表示中のパス: <code id="path">{{WebUtility.HtmlEncode(path)}}</code></p>
        <table><thead><tr><th>文書番号</th><th>件名</th><th>更新日</th></tr></thead><tbody>
        <tr><td>R8-0412</td><td>令和8年度 在宅勤務実施要領（案）</td><td>令和8年11月20日</td></tr>
        <tr><td>R8-0398</td><td>庁内ネットワーク更改に係る仕様書</td><td>令和8年11月12日</td></tr>
        <tr><td>R8-0377</td><td>会計年度任用職員の勤務条件について</td><td>令和8年10月31日</td></tr>
        </tbody></table>
        <ul>
        <li><a href="/list">一覧</a></li>
        <li><a href="/tax/assessment">課税資料</a></li>
        </ul>
        </body></html>
        """;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
