using System.Net.Http.Headers;
using System.Text;
using Yarp.ReverseProxy.Forwarder;
using Zaitaku.Gateway.Policy;
using Zaitaku.Systems;

namespace Zaitaku.Gateway.Proxy;

/// <summary>
/// The request and response transforms of one forwarded request: the gateway's own cookies and any
/// client-sent forwarding headers stay behind; the system gets the normalised path and Zaitaku's
/// X-Forwarded-* only. Responses are never cached, downloads and over-large pages are blocked, HTML gets
/// its watermark and print block, and redirects and cookies stay under the system's address.
/// </summary>
internal sealed class GatewayTransformer(
    SystemTarget system,
    IGatewayRequestFeature request,
    string normalisedPath,
    string query,
    Task durable,
    GatewayOptions options,
    TimeProvider time) : HttpTransformer
{
    private static readonly string[] ClientForwardingHeaders = ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "Forwarded", "X-Real-IP"];

    /// <summary>The block code when the response was replaced by a block page.</summary>
    public string? Blocked { get; private set; }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, PathString.FromUriComponent(normalisedPath), new QueryString(query.Length > 0 ? query : null));
        proxyRequest.Headers.Host = null;
        foreach (var header in ClientForwardingHeaders) proxyRequest.Headers.Remove(header);
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", request.SourceAddress?.ToString() ?? "");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", "/s/" + system.Slug);
        proxyRequest.Headers.TryAddWithoutValidation("X-Request-Id", request.RequestId);
        if (RemoveGatewayCookies(httpContext.Request.Headers.Cookie.ToString()) is { Length: > 0 } cookies)
        {
            proxyRequest.Headers.Remove("Cookie");
            proxyRequest.Headers.TryAddWithoutValidation("Cookie", cookies);
        }
        else proxyRequest.Headers.Remove("Cookie");
        if (NeedsRewrite) proxyRequest.Headers.AcceptEncoding.Clear();
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        // The decision record is durable before any byte of the response goes out; without it, nothing goes out.
        try
        {
            await durable;
        }
        catch (Decisions.DecisionLogUnavailableException)
        {
            return await BlockAsync(httpContext, BlockCodes.LogUnavailable, StatusCodes.Status503ServiceUnavailable);
        }
        if (proxyResponse is null) return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);

        var contentType = proxyResponse.Content.Headers.ContentType?.ToString();
        var disposition = proxyResponse.Content.Headers.ContentDisposition?.ToString();
        if (system.Controls.HasFlag(ScreenControls.BlockDownloads) && ResponseControls.IsDownload(contentType, disposition))
            return await BlockAsync(httpContext, BlockCodes.Download);

        await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        var headers = httpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.Remove("Expires");
        headers.Remove("ETag");
        headers.Remove("Last-Modified");
        if (proxyResponse.Headers.Location is { } location && ResponseControls.RewriteLocation(location.OriginalString, system.Upstream, system.Slug) is { } rewritten)
            headers.Location = rewritten;
        if (headers.SetCookie.Count > 0)
            headers.SetCookie = headers.SetCookie.Select(c => ResponseControls.RewriteSetCookie(c!, system.Slug)).ToArray();

        if (!NeedsRewrite || !ResponseControls.IsHtml(contentType)) return true;

        if (proxyResponse.Content.Headers.ContentLength is > 0 and var length && length > options.MaxRewrittenHtmlBytes)
            return await BlockAsync(httpContext, BlockCodes.TooLarge);
        await using var body = ResponseControls.Decode(await proxyResponse.Content.ReadAsStreamAsync(cancellationToken), proxyResponse.Content.Headers.ContentEncoding.LastOrDefault());
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > options.MaxRewrittenHtmlBytes) return await BlockAsync(httpContext, BlockCodes.TooLarge);
        var charset = proxyResponse.Content.Headers.ContentType?.CharSet;
        var encoding = Encoding.UTF8;
        try
        {
            if (charset is not null) encoding = Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            // An unknown charset is read as UTF-8; the page is still shown, with its watermark.
        }
        var html = encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var watermark = system.Controls.HasFlag(ScreenControls.Watermark) && request.Session is { } session
            ? $"{session.StaffNumber} {JapanTime.ToTokyo(time.GetUtcNow()):yyyy-MM-dd HH:mm}"
            : null;
        var page = Encoding.UTF8.GetBytes(ResponseControls.Rewrite(html, system.Slug, system.Controls.HasFlag(ScreenControls.BlockPrinting), watermark));
        headers.Remove("Content-Encoding");
        headers.ContentType = "text/html; charset=utf-8";
        headers.ContentLength = page.Length;
        await httpContext.Response.Body.WriteAsync(page, cancellationToken);
        return false;
    }

    private bool NeedsRewrite => system.Controls.HasFlag(ScreenControls.Watermark) || system.Controls.HasFlag(ScreenControls.BlockPrinting);

    private async ValueTask<bool> BlockAsync(HttpContext httpContext, string code, int status = StatusCodes.Status403Forbidden)
    {
        Blocked = code;
        // Nothing of the system's answer stays (its disposition, type, cookies); the gateway's own headers come back.
        httpContext.Response.Headers.Clear();
        httpContext.Response.Headers["X-Request-Id"] = request.RequestId;
        httpContext.Response.Headers.XContentTypeOptions = "nosniff";
        await GatewayProxy.WriteAsync(httpContext, status, GatewayPages.Blocked(code, request.RequestId));
        return false;
    }

    /// <summary>The Cookie header without the gateway's own cookies (portal session, antiforgery), which no system may see.</summary>
    private static string RemoveGatewayCookies(string header) =>
        string.Join("; ", header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(c => !c.StartsWith("__Host-zaitaku", StringComparison.Ordinal) && !c.StartsWith("zaitaku", StringComparison.Ordinal)));
}
