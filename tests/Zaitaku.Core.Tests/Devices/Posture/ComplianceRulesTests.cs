using Zaitaku.Devices.Posture;

namespace Zaitaku.Core.Tests.Devices.Posture;

public class ComplianceRulesTests
{
    // 2026-11-26 10:00 in Tokyo.
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);

    private static readonly PostureReport Good = new()
    {
        OsBuild = "10.0.22631.4460",
        AntivirusDefinitionsDate = new DateOnly(2026, 11, 26),
        DiskEncrypted = true,
        UserDataStoredLocally = false,
        ScreenCaptureBlocked = true,
        AgentVersion = "1.4.0",
        ReportedAt = Now.AddMinutes(-1),
    };

    [Fact]
    public void Evaluate_GoodReportWithDefaults_Compliant()
    {
        var result = ComplianceRules.Default.Evaluate(Good, Now);

        Assert.True(result.IsCompliant);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void Evaluate_DefinitionsExactlyThreeDaysOld_Compliant()
    {
        var result = ComplianceRules.Default.Evaluate(Good with { AntivirusDefinitionsDate = new DateOnly(2026, 11, 23) }, Now);

        Assert.True(result.IsCompliant);
    }

    [Fact]
    public void Evaluate_DefinitionsFourDaysOld_StaleNamingDateAndAge()
    {
        var result = ComplianceRules.Default.Evaluate(Good with { AntivirusDefinitionsDate = new DateOnly(2026, 11, 22) }, Now);

        var failure = Assert.Single(result.Failures);
        Assert.Equal("antivirus_definitions_stale", failure.Code);
        Assert.Equal("ウイルス対策の定義ファイルが古すぎます: 2026-11-22（4日前）。3日以内のものが必要です。", failure.Message.Ja);
        Assert.Contains("2026-11-22 (4 days)", failure.Message.En);
    }

    [Fact]
    public void Evaluate_AgeCountsTokyoCalendarDays_NotUtc()
    {
        // 2026-11-26 23:30 UTC is already 2026-11-27 in Tokyo: definitions of 11-23 are then four days old.
        var lateEvening = new DateTimeOffset(2026, 11, 26, 15, 30, 0, TimeSpan.Zero);

        var result = ComplianceRules.Default.Evaluate(Good with { AntivirusDefinitionsDate = new DateOnly(2026, 11, 23) }, lateEvening);

        Assert.Equal(["antivirus_definitions_stale"], result.Codes);
    }

    [Fact]
    public void Evaluate_DefinitionsDatedTomorrow_Refused()
    {
        var result = ComplianceRules.Default.Evaluate(Good with { AntivirusDefinitionsDate = new DateOnly(2026, 11, 27) }, Now);

        Assert.Equal(["antivirus_definitions_in_future"], result.Codes);
    }

    [Fact]
    public void Evaluate_MaxAgeZero_OnlyTodaysDefinitionsPass()
    {
        var rules = ComplianceRules.Default with { AntivirusDefinitionsMaxAgeDays = 0 };

        Assert.True(rules.Evaluate(Good, Now).IsCompliant);
        Assert.False(rules.Evaluate(Good with { AntivirusDefinitionsDate = new DateOnly(2026, 11, 25) }, Now).IsCompliant);
    }

    [Fact]
    public void Evaluate_EveryRuleBroken_ListsEveryFailureInRuleOrder()
    {
        var rules = ComplianceRules.Default with { MinimumAgentVersion = "1.5", MinimumOsBuild = "10.0.26100" };
        var bad = new PostureReport
        {
            OsBuild = "10.0.22631.4460",
            AntivirusDefinitionsDate = new DateOnly(2026, 10, 1),
            DiskEncrypted = false,
            UserDataStoredLocally = true,
            ScreenCaptureBlocked = false,
            AgentVersion = "1.4.9",
            ReportedAt = Now,
        };

        var result = rules.Evaluate(bad, Now);

        Assert.Equal(
            ["antivirus_definitions_stale", "disk_not_encrypted", "user_data_stored_locally", "screen_capture_not_blocked", "agent_outdated", "os_build_outdated"],
            result.Codes);
        Assert.Contains("1.4.9", result.Failures[4].Message.Ja);
        Assert.Contains("1.5", result.Failures[4].Message.Ja);
        Assert.Contains("10.0.22631.4460", result.Failures[5].Message.Ja);
    }

    [Fact]
    public void Evaluate_RulesSwitchedOff_DoNotFail()
    {
        var lax = ComplianceRules.Default with
        {
            DiskEncryptionRequired = false,
            LocalUserDataForbidden = false,
            ScreenCaptureBlockingRequired = false,
        };

        var result = lax.Evaluate(Good with { DiskEncrypted = false, UserDataStoredLocally = true, ScreenCaptureBlocked = false }, Now);

        Assert.True(result.IsCompliant);
    }

    [Theory]
    [InlineData("1.4.0", "1.4", true)]
    [InlineData("1.4.0", "1.4.0.0", true)]
    [InlineData("1.4.0", "1.4.1", false)]
    [InlineData("1.10.0", "1.9.9", true)]
    [InlineData("2", "1.99.99", true)]
    public void Evaluate_MinimumAgentVersion_ComparesNumberByNumber(string agent, string minimum, bool compliant)
    {
        var rules = ComplianceRules.Default with { MinimumAgentVersion = minimum };

        Assert.Equal(compliant, rules.Evaluate(Good with { AgentVersion = agent }, Now).IsCompliant);
    }

    [Theory]
    [InlineData(-1, null, null, "antivirusDefinitionsMaxAgeDays")]
    [InlineData(366, null, null, "antivirusDefinitionsMaxAgeDays")]
    [InlineData(3, "v1.2", null, "minimumAgentVersion")]
    [InlineData(3, null, "10.0.x", "minimumOsBuild")]
    public void Validate_BadSetting_NamesIt(int maxAge, string? agent, string? os, string field)
    {
        var rules = new ComplianceRules { AntivirusDefinitionsMaxAgeDays = maxAge, MinimumAgentVersion = agent, MinimumOsBuild = os };

        var error = Assert.IsType<PostureReportInvalid>(rules.Validate());

        Assert.Equal(field, error.Field);
    }
}
