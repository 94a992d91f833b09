using Zaitaku.Organization;

namespace Zaitaku.Data.Accounts;

/// <summary>
/// A token an external system (e.g. the HR system) uses to call /api/v1 for one tenant. The secret
/// is shown once; only its SHA-256 is stored.
/// </summary>
public sealed class ApiToken : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>Space-separated scopes, e.g. <c>staff:read staff:write</c>.</summary>
    public required string Scopes { get; set; }

    /// <summary>Hex SHA-256 of the secret part of the token.</summary>
    public required string SecretHash { get; set; }

    /// <summary>The first characters of the token, to recognise it in lists.</summary>
    public required string Prefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
}

/// <summary>The scopes an API token can carry.</summary>
public static class ApiScopes
{
    public const string OrgRead = "org:read";
    public const string OrgWrite = "org:write";
    public const string StaffRead = "staff:read";
    public const string StaffWrite = "staff:write";
    public const string WorkRead = "work:read";
    public const string PayrollRead = "payroll:read";

    public const string DevicesRead = "devices:read";
    public const string DevicesWrite = "devices:write";

    public const string TasksRead = "tasks:read";

    public static readonly IReadOnlyList<string> All = [OrgRead, OrgWrite, StaffRead, StaffWrite, WorkRead, PayrollRead, DevicesRead, DevicesWrite, TasksRead];

    public static LocalizedText Label(string scope) => scope switch
    {
        OrgRead => new("組織の参照", "Read the organisation"),
        OrgWrite => new("組織の変更", "Change the organisation"),
        StaffRead => new("職員の参照", "Read staff"),
        StaffWrite => new("職員の登録・変更・取込", "Create, change and import staff"),
        WorkRead => new("在宅勤務日・勤務記録・勤務表の参照", "Read telework days, workday records and timesheets"),
        PayrollRead => new("給与連携データの出力", "Export the payroll data"),
        DevicesRead => new("端末の参照", "Read telework PCs"),
        DevicesWrite => new("端末の登録・取込・操作", "Register, import and operate telework PCs"),
        TasksRead => new("業務棚卸しと在宅勤務可能人数の参照", "Read the task inventory and telework capacity"),
        _ => new(scope, scope),
    };
}
