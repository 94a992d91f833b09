using Zaitaku.Devices;

namespace Zaitaku.Access;

// The plain records a PolicySnapshot is built from. The data layer fills them from the
// database; `zaitaku access explain` fills them from a scenario file. Ids are the strings the
// gateway sees: staff ids as signed in, device serials as in the device certificate.

/// <summary>The network segment of an internal system (三層の対策).</summary>
public enum Segment
{
    /// <summary>マイナンバー利用事務系 — never reachable from telework, whatever the settings.</summary>
    MyNumber,

    /// <summary>LGWAN接続系 — reachable only for systems on the telework allow-list.</summary>
    Lgwan,

    /// <summary>インターネット接続系 — mail and the web; may allow open routes.</summary>
    Internet,
}

/// <summary>Whether a network route is closed (閉域VPN, 閉域SIM) or open (home Wi-Fi, plain LTE).</summary>
public enum RouteKind
{
    /// <summary>A closed route: closed VPN or closed SIM on a private APN.</summary>
    Closed,

    /// <summary>An open route: reaches the gateway over the public Internet.</summary>
    Open,
}

/// <summary>How a staff member is employed, as far as telework eligibility cares.</summary>
public enum Employment
{
    /// <summary>正規職員 — regular staff.</summary>
    Regular,

    /// <summary>条件付採用 — in the probationary period.</summary>
    Probationary,

    /// <summary>会計年度任用職員 — appointed for the fiscal year.</summary>
    FiscalYear,
}

/// <summary>The tenant's work rules (勤務規程) that the decision applies.</summary>
public sealed record AccessRules
{
    /// <summary>Start of working hours, Asia/Tokyo wall clock; earlier requests are outside work hours.</summary>
    public TimeOnly WorkStart { get; init; } = new(8, 30);

    /// <summary>End of working hours, Asia/Tokyo wall clock; requests at or after it are outside work hours unless overtime is approved.</summary>
    public TimeOnly WorkEnd { get; init; } = new(17, 15);

    /// <summary>Data classes that may not be viewed remotely (e.g. <c>tax</c>); compared exactly.</summary>
    public IReadOnlyList<string> RestrictedDataClasses { get; init; } = [];

    /// <summary>How old the last posture report may be, in hours; a report exactly this old is still fresh.</summary>
    public int PostureMaxAgeHours { get; init; } = 24;

    /// <summary>Probationary staff (条件付採用) may not telework.</summary>
    public bool ExcludeProbationary { get; init; } = true;

    /// <summary>Fiscal-year staff (会計年度任用職員) may not telework.</summary>
    public bool ExcludeFiscalYearStaff { get; init; } = true;
}

/// <summary>A network route known to the gateway by its source address ranges.</summary>
public sealed record NetworkRoute
{
    /// <summary>The route's id, e.g. <c>vpn</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Closed or open.</summary>
    public required RouteKind Kind { get; init; }

    /// <summary>The name people read (e.g. 閉域VPN), or null to show the id; the decision never reads it.</summary>
    public string? Name { get; init; }

    /// <summary>Address ranges in CIDR text (<c>10.20.0.0/16</c>, <c>2001:db8::/32</c>); host bits must be zero.</summary>
    public IReadOnlyList<string> Cidrs { get; init; } = [];
}

/// <summary>An internal system the gateway may forward to.</summary>
public sealed record InternalSystem
{
    /// <summary>The system's id, e.g. <c>docs</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The segment it lives in.</summary>
    public required Segment Segment { get; init; }

    /// <summary>On the telework allow-list (LGWANアクセス制御).</summary>
    public bool Remote { get; init; }

    /// <summary>An Internet-segment system that may be used from open routes; ignored in other segments.</summary>
    public bool AllowOpenRoutes { get; init; }

    /// <summary>The data class of the whole system (e.g. <c>personal</c>), or null for none.</summary>
    public string? DataClass { get; init; }

    /// <summary>Path prefixes with their own data class; the longest matching prefix wins.</summary>
    public IReadOnlyList<PathRule> Paths { get; init; } = [];
}

/// <summary>A path prefix inside a system with its own data class (<c>/tax</c> → <c>tax</c>).</summary>
public sealed record PathRule
{
    /// <summary>The prefix, starting with <c>/</c>; matches the path itself and everything below it, compared ignoring ASCII case.</summary>
    public required string Prefix { get; init; }

    /// <summary>The data class of paths under the prefix, or null for none (overriding the system's class).</summary>
    public string? DataClass { get; init; }
}

/// <summary>A staff member (職員) as the decision sees them.</summary>
public sealed record StaffRecord
{
    /// <summary>The id the staff member signs in with.</summary>
    public required string Id { get; init; }

    /// <summary>How they are employed.</summary>
    public Employment Employment { get; init; } = Employment.Regular;

    /// <summary>False once the account is deactivated.</summary>
    public bool Active { get; init; } = true;
}

/// <summary>A kitted telework PC, known by the serial of its device certificate.</summary>
public sealed record DeviceRecord
{
    /// <summary>The certificate's serial, e.g. <c>ZT-0001</c>.</summary>
    public required string Serial { get; init; }

    /// <summary>Where the device is in its life.</summary>
    public required DeviceState State { get; init; }

    /// <summary>The staff id it is lent to, or null.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>When the device last reported its posture (UTC instant), or null if never.</summary>
    public DateTimeOffset? PostureReportedAt { get; init; }

    /// <summary>The last posture report found the device compliant (false when there is none).</summary>
    public bool Compliant { get; init; }
}

/// <summary>A section head's approval (所属長の承認) of one telework day.</summary>
public sealed record TeleworkApproval
{
    /// <summary>The staff id.</summary>
    public required string Staff { get; init; }

    /// <summary>The approved workday (Asia/Tokyo).</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Approved overtime: work may go on until this Tokyo wall-clock time instead of the rules' work end.</summary>
    public TimeOnly? OvertimeUntil { get; init; }
}

/// <summary>The record of one workday's start and end (始業・終業の記録).</summary>
public sealed record WorkdayRecord
{
    /// <summary>The staff id.</summary>
    public required string Staff { get; init; }

    /// <summary>The workday (Asia/Tokyo) the record belongs to.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>When the workday was started.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the workday was ended, or null while it goes on.</summary>
    public DateTimeOffset? End { get; init; }
}
