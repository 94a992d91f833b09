namespace Zaitaku.Access;

/// <summary>
/// Why a request was denied. The member order is the order in which reasons are listed (the
/// order of the checks); the strings of <see cref="ReasonCodes.ToCode"/> are part of the public
/// contract — the denial page, the decision log and <c>zaitaku access explain</c> show them.
/// Never renumber or rename: add new codes only where their check runs.
/// </summary>
public enum ReasonCode
{
    /// <summary><c>policy_stale</c>: the gateway could not refresh its snapshot in time and fails closed.</summary>
    PolicyStale,

    /// <summary><c>no_device_certificate</c>: no client certificate was presented.</summary>
    NoDeviceCertificate,

    /// <summary><c>device_unknown</c>: no device has the certificate's serial.</summary>
    DeviceUnknown,

    /// <summary><c>device_not_lent</c>: the device's state is not <c>lent</c>.</summary>
    DeviceNotLent,

    /// <summary><c>device_not_assigned</c>: the device is not lent to the signed-in staff member.</summary>
    DeviceNotAssigned,

    /// <summary><c>device_posture_stale</c>: no posture report, or the last one is older than the rules allow.</summary>
    DevicePostureStale,

    /// <summary><c>device_noncompliant</c>: the last posture report says the device is not compliant.</summary>
    DeviceNoncompliant,

    /// <summary><c>route_unknown</c>: the source address is in no registered route.</summary>
    RouteUnknown,

    /// <summary><c>route_not_closed</c>: the route is open and the system does not allow open routes.</summary>
    RouteNotClosed,

    /// <summary><c>not_signed_in</c>: nobody is signed in.</summary>
    NotSignedIn,

    /// <summary><c>staff_unknown</c>: the signed-in id names no staff member.</summary>
    StaffUnknown,

    /// <summary><c>staff_inactive</c>: the staff member is deactivated.</summary>
    StaffInactive,

    /// <summary><c>mfa_required</c>: the session has not passed the one-time code.</summary>
    MfaRequired,

    /// <summary><c>staff_ineligible</c>: probationary or fiscal-year staff where the rules exclude them.</summary>
    StaffIneligible,

    /// <summary><c>system_unknown</c>: no such internal system.</summary>
    SystemUnknown,

    /// <summary><c>segment_mynumber</c>: the system is in the My Number segment (fixed rule).</summary>
    SegmentMyNumber,

    /// <summary><c>system_not_remote</c>: the system is not on the telework allow-list.</summary>
    SystemNotRemote,

    /// <summary><c>path_invalid</c>: the path cannot be normalised safely (encoded slash, backslash, ...).</summary>
    PathInvalid,

    /// <summary><c>data_class_restricted</c>: the path's data class may not be viewed remotely.</summary>
    DataClassRestricted,

    /// <summary><c>no_approved_telework</c>: telework is not approved for today.</summary>
    NoApprovedTelework,

    /// <summary><c>not_clocked_in</c>: no workday started today that has not ended.</summary>
    NotClockedIn,

    /// <summary><c>outside_work_hours</c>: before the work start or at/after the work end (or approved overtime end).</summary>
    OutsideWorkHours,
}

/// <summary>The stable strings and the plain-language explanations of <see cref="ReasonCode"/>.</summary>
public static class ReasonCodes
{
    /// <summary>How many codes exist; every code is below this as an integer.</summary>
    public const int Count = (int)ReasonCode.OutsideWorkHours + 1;

    private static readonly string[] Codes =
    [
        "policy_stale",
        "no_device_certificate",
        "device_unknown",
        "device_not_lent",
        "device_not_assigned",
        "device_posture_stale",
        "device_noncompliant",
        "route_unknown",
        "route_not_closed",
        "not_signed_in",
        "staff_unknown",
        "staff_inactive",
        "mfa_required",
        "staff_ineligible",
        "system_unknown",
        "segment_mynumber",
        "system_not_remote",
        "path_invalid",
        "data_class_restricted",
        "no_approved_telework",
        "not_clocked_in",
        "outside_work_hours",
    ];

    private static readonly LocalizedText[] Explanations =
    [
        new("アクセス方針を最新の状態に更新できていないため、安全のためすべての接続を止めています。しばらくしてから再度お試しください。",
            "The gateway could not refresh its access policy, so it refuses every request to stay safe. Please try again shortly."),
        new("端末証明書が提示されていません。貸与されたテレワーク端末から接続してください。",
            "No device certificate was presented. Connect from the telework PC lent to you."),
        new("この端末は登録されていません。",
            "This device is not registered."),
        new("この端末は現在貸与中ではありません（返却済み・故障・紛失などの状態です）。",
            "This device is not currently lent (it is returned, broken, lost or similar)."),
        new("この端末はあなたに貸与されたものではありません。",
            "This device is not lent to you."),
        new("端末の状態報告が届いていないか、古くなっています。端末を再起動し、しばらくしてから再度お試しください。",
            "The device's health report is missing or too old. Restart the PC and try again shortly."),
        new("端末がセキュリティ基準を満たしていません（更新の未適用など）。情報政策課に連絡してください。",
            "The device does not meet the security baseline (for example, missing updates). Contact the IT department."),
        new("登録されていないネットワークからの接続です。閉域VPNまたは閉域SIMで接続してください。",
            "The connection comes from a network that is not registered. Connect over the closed VPN or closed SIM."),
        new("閉域網（閉域VPN・閉域SIM）以外の経路からは、このシステムを利用できません。",
            "This system cannot be used over a route that is not closed (closed VPN or closed SIM)."),
        new("サインインしていません。パスワードとワンタイムコードでサインインしてください。",
            "You are not signed in. Sign in with your password and one-time code."),
        new("職員として登録されていません。",
            "You are not registered as a staff member."),
        new("職員アカウントが無効になっています。",
            "Your staff account is deactivated."),
        new("多要素認証（ワンタイムコードの入力）が完了していません。",
            "Multi-factor authentication (the one-time code) has not been completed."),
        new("勤務規程により、条件付採用期間中の職員または会計年度任用職員はテレワークの対象外です。",
            "Under the work rules, probationary and fiscal-year staff are not eligible for telework."),
        new("指定されたシステムは登録されていません。",
            "The requested system is not registered."),
        new("マイナンバー利用事務系のシステムには、テレワークからは接続できません（三層の対策による固定の規則です）。",
            "Systems in the My Number segment can never be reached from telework (a fixed rule of the three-layer model)."),
        new("このシステムはテレワークでの利用が許可されていません（LGWANアクセス制御の許可リストにありません）。",
            "This system is not on the telework allow-list."),
        new("要求されたURLのパスが不正です（符号化されたスラッシュ、バックスラッシュ、制御文字など）。",
            "The requested URL path is not valid (an encoded slash, a backslash, a control character or similar)."),
        new("この情報（税情報など）はテレワークでの閲覧が制限されています。",
            "This information (such as tax information) may not be viewed while teleworking."),
        new("本日のテレワークは所属長に承認されていません。",
            "Telework today has not been approved by your section head."),
        new("本日の始業が記録されていないか、すでに終業しています。ポータルで始業してください。",
            "Your workday has not been started, or has already ended. Start your workday on the portal."),
        new("勤務時間外です。時間外勤務には事前の承認が必要です。",
            "It is outside working hours. Overtime needs approval in advance."),
    ];

    private static readonly Dictionary<string, ReasonCode> ByCode =
        Enumerable.Range(0, Count).ToDictionary(i => Codes[i], i => (ReasonCode)i, StringComparer.Ordinal);

    /// <summary>Every code, in listing order.</summary>
    public static IReadOnlyList<ReasonCode> All { get; } = Enumerable.Range(0, Count).Select(i => (ReasonCode)i).ToArray();

    /// <summary>The stable string of the code, e.g. <c>segment_mynumber</c>.</summary>
    public static string ToCode(this ReasonCode reason) => Codes[Index(reason)];

    /// <summary>What the code means, in plain Japanese and English, for the denial page.</summary>
    public static LocalizedText Explanation(this ReasonCode reason) => Explanations[Index(reason)];

    /// <summary>The code for a stable string; exact and case-sensitive.</summary>
    public static bool TryParse(string? code, out ReasonCode reason)
    {
        reason = default;
        return code is not null && ByCode.TryGetValue(code, out reason);
    }

    private static int Index(ReasonCode reason) =>
        (uint)reason < Count ? (int)reason : throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a reason code");
}
