using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Zaitaku.Gateway.Proxy;

/// <summary>
/// What makes a response "screen only": which content a browser just shows (everything else is a
/// download), which requests carry files, and the rewriting of HTML pages (watermark, print block,
/// links kept inside the system's address).
/// </summary>
internal static partial class ResponseControls
{
    // Types a browser displays in the page itself; anything else would be saved as a file.
    private static readonly string[] Viewable =
    [
        "text/html", "text/plain", "text/css", "text/javascript", "application/javascript", "application/ecmascript",
        "application/json", "text/xml", "application/xml", "application/xhtml+xml", "image/png", "image/jpeg", "image/gif",
        "image/webp", "image/svg+xml", "image/x-icon", "image/vnd.microsoft.icon", "image/avif", "font/woff", "font/woff2",
        "font/ttf", "font/otf", "application/font-woff",
    ];

    /// <summary>Whether a response would reach the PC as a file: an attachment, or a type a browser does not show.</summary>
    public static bool IsDownload(string? contentType, string? contentDisposition)
    {
        if (contentDisposition is { Length: > 0 } d && d.TrimStart().StartsWith("attachment", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.IsNullOrWhiteSpace(contentType)) return false;
        var media = contentType.Split(';', 2)[0].Trim();
        return !Viewable.Contains(media, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether a request carries files to the internal system.</summary>
    public static bool IsUpload(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return false;
        var media = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return media.StartsWith("multipart/", StringComparison.Ordinal)
            || media is "application/octet-stream" or "application/pdf" or "application/zip"
            || media.StartsWith("image/", StringComparison.Ordinal) || media.StartsWith("video/", StringComparison.Ordinal)
            || media.StartsWith("audio/", StringComparison.Ordinal) || media.StartsWith("application/vnd.", StringComparison.Ordinal);
    }

    public static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.Split(';', 2)[0].Trim().Equals("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>Decompresses a body the upstream compressed although it was asked not to.</summary>
    public static Stream Decode(Stream body, string? encoding) => encoding?.Trim().ToLowerInvariant() switch
    {
        null or "" or "identity" => body,
        "gzip" or "x-gzip" => new GZipStream(body, CompressionMode.Decompress),
        "deflate" => new ZLibStream(body, CompressionMode.Decompress),
        "br" => new BrotliStream(body, CompressionMode.Decompress),
        var other => throw new NotSupportedException($"Unknown content encoding {other}"),
    };

    /// <summary>
    /// Rewrites an HTML page: root-relative links stay inside <c>/s/{slug}</c>; the print block and the
    /// watermark are added where the system asks for them.
    /// </summary>
    public static string Rewrite(string html, string slug, bool blockPrint, string? watermark)
    {
        var prefix = "/s/" + slug;
        html = RootRelativeAttribute().Replace(html, m => $"{m.Groups[1].Value}={m.Groups[2].Value}{prefix}/");
        var head = new StringBuilder();
        if (watermark is not null) head.Append("""<link rel="stylesheet" href="/__zaitaku/watermark.css">""");
        if (blockPrint) head.Append("""<link rel="stylesheet" media="print" href="/__zaitaku/print-block.css">""");
        var body = new StringBuilder();
        if (watermark is not null)
        {
            var mark = GatewayPages.Encode(watermark);
            body.Append("""<div class="zaitaku-watermark" aria-hidden="true" data-zaitaku="watermark">""");
            for (var i = 0; i < 60; i++) body.Append("<span>").Append(mark).Append("</span>");
            body.Append("</div>");
        }
        html = Insert(html, HeadEnd(), head.ToString(), before: true);
        return Insert(html, BodyEnd(), body.ToString(), before: true);
    }

    /// <summary>A cookie path of the system, moved under the system's address on the gateway.</summary>
    public static string RewriteSetCookie(string setCookie, string slug) =>
        CookiePath().Match(setCookie) is { Success: true } m
            ? CookiePath().Replace(setCookie, $"Path=/s/{slug}{(m.Groups[1].Value == "/" ? "/" : m.Groups[1].Value)}", 1)
            : setCookie + $"; Path=/s/{slug}/";

    /// <summary>A redirect of the system, kept inside the system's address on the gateway.</summary>
    public static string? RewriteLocation(string location, Uri upstream, string slug)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var absolute))
        {
            if (!string.Equals(absolute.GetLeftPart(UriPartial.Authority), upstream.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)) return null;
            var basePath = upstream.AbsolutePath.TrimEnd('/');
            var path = absolute.PathAndQuery;
            if (basePath.Length > 0 && path.StartsWith(basePath, StringComparison.Ordinal)) path = path[basePath.Length..];
            return $"/s/{slug}{(path.StartsWith('/') ? path : "/" + path)}";
        }
        return location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) ? $"/s/{slug}{location}" : location;
    }

    private static string Insert(string html, Regex marker, string content, bool before)
    {
        if (content.Length == 0) return html;
        var match = marker.Match(html);
        return match.Success ? html.Insert(before ? match.Index : match.Index + match.Length, content) : html + content;
    }

    [GeneratedRegex("""(\b(?:href|src|action))=(["'])/(?![/\\])""", RegexOptions.IgnoreCase)]
    private static partial Regex RootRelativeAttribute();

    [GeneratedRegex("</head>", RegexOptions.IgnoreCase)]
    private static partial Regex HeadEnd();

    [GeneratedRegex("</body>", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex BodyEnd();

    [GeneratedRegex(@"(?i)\bPath=([^;]*)")]
    private static partial Regex CookiePath();
}
