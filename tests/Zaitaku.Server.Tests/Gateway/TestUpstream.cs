using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>A request as an internal system received it from the gateway.</summary>
internal sealed record UpstreamRequest(string Method, string RawTarget, string Host, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public IEnumerable<string> All(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public string? Header(string name) => All(name).FirstOrDefault();
}

/// <summary>
/// A stand-in internal system on plain HTTP on a free loopback port: it echoes what it received as an
/// HTML page and can answer a file download, a non-viewable type, a cookie and a redirect.
/// </summary>
internal sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestUpstream(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Every request that reached this system, in order.</summary>
    public ConcurrentQueue<UpstreamRequest> Received { get; } = new();

    public static async Task<TestUpstream> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TestUpstream).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var upstream = new TestUpstream(app, name);
        app.Run(upstream.HandleAsync);
        await app.StartAsync();
        upstream.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return upstream;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8)) body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList();
        Received.Enqueue(new UpstreamRequest(request.Method, context.Features.Get<IHttpRequestFeature>()!.RawTarget, request.Host.Value ?? "", headers, body));

        var response = context.Response;
        switch (request.Path.Value)
        {
            case "/files/report.pdf":
                response.ContentType = "application/pdf";
                response.Headers.ContentDisposition = "attachment; filename=\"report.pdf\"";
                await response.Body.WriteAsync("%PDF-1.4 secret report"u8.ToArray());
                return;
            case "/files/data.bin":
                response.ContentType = "application/octet-stream";
                await response.Body.WriteAsync(new byte[] { 1, 2, 3, 4 });
                return;
            case "/set-cookie":
                response.Headers.SetCookie = "upstream-sid=abc123; Path=/; HttpOnly";
                break;
            case "/redirect":
                response.StatusCode = StatusCodes.Status302Found;
                response.Headers.Location = new Uri(Address, "list?from=redirect").ToString();
                return;
        }
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "public, max-age=3600";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><title>").Append(Name).Append("</title></head><body>");
        html.Append("<h1>").Append(Name).Append("</h1>");
        html.Append("<p id=\"method\">").Append(WebUtility.HtmlEncode(request.Method)).Append("</p>");
        html.Append("<p id=\"target\">").Append(WebUtility.HtmlEncode(context.Features.Get<IHttpRequestFeature>()!.RawTarget)).Append("</p>");
        html.Append("<ul id=\"headers\">");
        foreach (var (key, value) in headers) html.Append("<li>").Append(WebUtility.HtmlEncode($"{key}: {value}")).Append("</li>");
        html.Append("</ul><a href=\"/list\">一覧</a></body></html>");
        await response.WriteAsync(html.ToString(), Encoding.UTF8);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
