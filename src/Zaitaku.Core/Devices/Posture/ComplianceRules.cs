namespace Zaitaku.Devices.Posture;

/// <summary>One rule a posture report broke: a stable code and a message naming the rule and the reported value.</summary>
/// <param name="Code">Stable code, e.g. <c>antivirus_definitions_stale</c>.</param>
/// <param name="Message">For IT and the borrower.</param>
public sealed record ComplianceFailure(string Code, LocalizedText Message);

/// <summary>The verdict on one report: compliant, or every rule that failed.</summary>
/// <param name="Failures">The failed rules in the order of <see cref="ComplianceRules"/>; empty when compliant.</param>
public sealed record ComplianceResult(IReadOnlyList<ComplianceFailure> Failures)
{
    /// <summary>True when no rule failed.</summary>
    public bool IsCompliant => Failures.Count == 0;

    /// <summary>The failure codes, for the decision log and filters.</summary>
    public IEnumerable<string> Codes => Failures.Select(f => f.Code);
}

/// <summary>A tenant's posture compliance rules, with the defaults of issue 3.</summary>
public sealed record ComplianceRules
{
    /// <summary>The defaults: definitions at most 3 days old, encryption on, no local data, capture blocked.</summary>
    public static ComplianceRules Default { get; } = new();

    /// <summary>How many days old the antivirus definitions may be (Asia/Tokyo calendar days); exactly this many is still compliant. 0 to 365.</summary>
    public int AntivirusDefinitionsMaxAgeDays { get; init; } = 3;

    /// <summary>The system disk must be encrypted.</summary>
    public bool DiskEncryptionRequired { get; init; } = true;

    /// <summary>No user data may be stored on the PC itself.</summary>
    public bool LocalUserDataForbidden { get; init; } = true;

    /// <summary>Screen capture must be blocked.</summary>
    public bool ScreenCaptureBlockingRequired { get; init; } = true;

    /// <summary>The lowest agent version accepted (dotted numbers), or null for any.</summary>
    public string? MinimumAgentVersion { get; init; }

    /// <summary>The lowest OS build accepted (dotted numbers), or null for any.</summary>
    public string? MinimumOsBuild { get; init; }

    /// <summary>Null when the rules are usable; otherwise the error naming the bad setting.</summary>
    public Error? Validate()
    {
        if (AntivirusDefinitionsMaxAgeDays is < 0 or > 365)
        {
            return new PostureReportInvalid("antivirusDefinitionsMaxAgeDays", new(
                $"{AntivirusDefinitionsMaxAgeDays} は使えません。0〜365日で指定してください。",
                $"{AntivirusDefinitionsMaxAgeDays} is not allowed; use 0 to 365 days."));
        }

        if (MinimumAgentVersion is not null && !DottedVersion.IsValid(MinimumAgentVersion))
        {
            return new PostureReportInvalid("minimumAgentVersion", new($"「{MinimumAgentVersion}」は版数（例 1.4.0）ではありません。", $"\"{MinimumAgentVersion}\" is not a version such as 1.4.0."));
        }

        if (MinimumOsBuild is not null && !DottedVersion.IsValid(MinimumOsBuild))
        {
            return new PostureReportInvalid("minimumOsBuild", new($"「{MinimumOsBuild}」はOSビルド番号（例 10.0.22631）ではありません。", $"\"{MinimumOsBuild}\" is not an OS build such as 10.0.22631."));
        }

        return null;
    }

    /// <summary>
    /// Checks a report against the rules at <paramref name="now"/> (the server's clock when the
    /// report arrives). Every failing rule is listed, not just the first.
    /// </summary>
    public ComplianceResult Evaluate(PostureReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Validate() is { } invalid)
        {
            throw new InvalidOperationException(invalid.Message.En);
        }

        var failures = new List<ComplianceFailure>();
        var today = JapanTime.DateOf(now);
        var age = today.DayNumber - report.AntivirusDefinitionsDate.DayNumber;
        var definitions = report.AntivirusDefinitionsDate.ToString("yyyy-MM-dd");
        if (age < 0)
        {
            failures.Add(new("antivirus_definitions_in_future", new(
                $"ウイルス対策の定義ファイルの日付 {definitions} が未来です（端末の時計または報告が正しくありません）。",
                $"The antivirus definitions date {definitions} is in the future (the PC's clock or report is wrong).")));
        }
        else if (age > AntivirusDefinitionsMaxAgeDays)
        {
            failures.Add(new("antivirus_definitions_stale", new(
                $"ウイルス対策の定義ファイルが古すぎます: {definitions}（{age}日前）。{AntivirusDefinitionsMaxAgeDays}日以内のものが必要です。",
                $"The antivirus definitions are too old: {definitions} ({age} days). At most {AntivirusDefinitionsMaxAgeDays} days are allowed.")));
        }

        if (DiskEncryptionRequired && !report.DiskEncrypted)
        {
            failures.Add(new("disk_not_encrypted", new(
                "ディスク暗号化が無効です（diskEncrypted: false）。暗号化が必要です。",
                "Disk encryption is off (diskEncrypted: false); it is required.")));
        }

        if (LocalUserDataForbidden && report.UserDataStoredLocally)
        {
            failures.Add(new("user_data_stored_locally", new(
                "端末内に利用者のデータが保存されています（userDataStoredLocally: true）。端末へのデータ保存は禁止です。",
                "User data is stored on the PC (userDataStoredLocally: true); storing data locally is forbidden.")));
        }

        if (ScreenCaptureBlockingRequired && !report.ScreenCaptureBlocked)
        {
            failures.Add(new("screen_capture_not_blocked", new(
                "画面キャプチャが禁止されていません（screenCaptureBlocked: false）。禁止設定が必要です。",
                "Screen capture is not blocked (screenCaptureBlocked: false); blocking is required.")));
        }

        if (MinimumAgentVersion is { } minimumAgent && DottedVersion.Compare(report.AgentVersion, minimumAgent) < 0)
        {
            failures.Add(new("agent_outdated", new(
                $"エージェントの版 {report.AgentVersion} が古すぎます。{minimumAgent} 以上が必要です。",
                $"Agent version {report.AgentVersion} is too old; {minimumAgent} or later is required.")));
        }

        if (MinimumOsBuild is { } minimumOs && DottedVersion.Compare(report.OsBuild, minimumOs) < 0)
        {
            failures.Add(new("os_build_outdated", new(
                $"OSビルド {report.OsBuild} が古すぎます。{minimumOs} 以上が必要です。",
                $"OS build {report.OsBuild} is too old; {minimumOs} or later is required.")));
        }

        return new ComplianceResult(failures);
    }
}
