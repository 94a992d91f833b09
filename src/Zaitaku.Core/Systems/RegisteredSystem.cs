using Zaitaku.Access;
using Zaitaku.Organization;

namespace Zaitaku.Systems;

/// <summary>What the gateway does to a system's responses so that only the screen reaches the PC (画面転送のみ).</summary>
[Flags]
public enum ScreenControls
{
    None = 0,

    /// <summary>Block file downloads: responses that are attachments or of a type a browser does not show.</summary>
    BlockDownloads = 1,

    /// <summary>Block uploads: requests that carry files (multipart form data).</summary>
    BlockUploads = 2,

    /// <summary>Block printing: pages print as a notice instead of their content.</summary>
    BlockPrinting = 4,

    /// <summary>Overlay a visible watermark with the staff number and time on HTML pages.</summary>
    Watermark = 8,

    All = BlockDownloads | BlockUploads | BlockPrinting | Watermark,
}

/// <summary>A path prefix inside a system with its own data class, e.g. <c>/tax</c> → <c>tax</c>.</summary>
public sealed record SystemPathRule(string Prefix, string? DataClass);

/// <summary>
/// An internal system the IT department registered (文書管理, 財務会計, …): where it lives, whether it is
/// on the telework allow-list, its data class and path rules, and what the gateway does to its pages.
/// A teleworker opens it at <c>https://(gateway)/s/{Slug}/…</c>.
/// </summary>
public sealed class RegisteredSystem : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The short id in the gateway's address and in the decision log, e.g. <c>docs</c>.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    public Segment Segment { get; set; }

    /// <summary>Where the gateway forwards to, e.g. <c>http://10.1.2.3:8080/</c>.</summary>
    public required string UpstreamUrl { get; set; }

    /// <summary>On the telework allow-list (LGWANアクセス制御).</summary>
    public bool Remote { get; set; }

    /// <summary>An Internet-segment system that may be used from open routes (home Wi-Fi, LTE).</summary>
    public bool AllowOpenRoutes { get; set; }

    /// <summary>The data class of the whole system (e.g. <c>personal</c>), or null.</summary>
    public string? DataClass { get; set; }

    public List<SystemPathRule> PathRules { get; set; } = [];

    public ScreenControls Controls { get; set; } = ScreenControls.All;

    public string? Description { get; set; }

    public int SortOrder { get; set; }

    /// <summary>The record the access decision reads.</summary>
    public InternalSystem ToPolicy() => new()
    {
        Id = Slug,
        Segment = Segment,
        Remote = Remote,
        AllowOpenRoutes = AllowOpenRoutes,
        DataClass = DataClass,
        Paths = PathRules.Select(r => new PathRule { Prefix = r.Prefix, DataClass = r.DataClass }).ToList(),
    };

    public static LocalizedText SegmentLabel(Segment segment) => segment switch
    {
        Segment.MyNumber => new("マイナンバー利用事務系", "My Number segment"),
        Segment.Lgwan => new("LGWAN接続系", "LGWAN segment"),
        _ => new("インターネット接続系", "Internet segment"),
    };
}

/// <summary>A network route the gateway knows by its source address ranges: a closed VPN, a closed SIM's APN, or an open one.</summary>
public sealed class RegisteredRoute : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The short id in the decision log, e.g. <c>vpn</c>.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    public RouteKind Kind { get; set; }

    /// <summary>Address ranges, IPv4 and IPv6, in CIDR text.</summary>
    public List<string> Cidrs { get; set; } = [];

    public NetworkRoute ToPolicy() => new() { Id = Slug, Kind = Kind, Name = Name, Cidrs = Cidrs };

    public static LocalizedText KindLabel(RouteKind kind) => kind == RouteKind.Closed
        ? new("閉域（閉域VPN・閉域SIM）", "Closed (closed VPN, closed SIM)")
        : new("開放（自宅Wi-Fi・一般のLTEなど）", "Open (home Wi-Fi, plain LTE)");
}

/// <summary>The gateway settings of a municipality.</summary>
public sealed class GatewaySettings : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Data classes that may not be viewed while teleworking (e.g. <c>tax</c>).</summary>
    public List<string> RestrictedDataClasses { get; set; } = ["tax"];

    /// <summary>How old a PC's last posture report may be, in hours (default 24).</summary>
    public int PostureMaxAgeHours { get; set; } = 24;

    /// <summary>A portal session ends after this many minutes without a request (default 15).</summary>
    public int IdleTimeoutMinutes { get; set; } = 15;
}
