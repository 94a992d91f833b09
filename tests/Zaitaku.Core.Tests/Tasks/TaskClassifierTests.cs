using Zaitaku.Tasks;

namespace Zaitaku.Core.Tests.Tasks;

public class TaskClassifierTests
{
    private static readonly SystemRef Groupware = new("gw", "グループウェア", SystemSegment.Lgwan, RemoteAllowed: true);
    private static readonly SystemRef Finance = new("fin", "財務会計システム", SystemSegment.Lgwan, RemoteAllowed: false);
    private static readonly SystemRef Residents = new("jk", "住民記録システム", SystemSegment.MyNumber, RemoteAllowed: true);
    private static readonly SystemRef Web = new("web", "インターネット閲覧", SystemSegment.Internet, RemoteAllowed: true);
    private static readonly DateTimeOffset Noon = new(2026, 4, 1, 3, 0, 0, TimeSpan.Zero);

    private static readonly WorkTask Plain = new("t1", "s1", "予算要求資料の作成", CounterWork: false, ConfidentialPersonalData: false,
        Systems: [Groupware, Web], PaperOriginals: Frequency.Never, SameRoom: Frequency.Never);

    [Fact]
    public void Classify_NothingInTheWay_HomeWithNoRestrictionReason()
    {
        var result = TaskClassifier.Classify(Plain);

        Assert.Equal(TeleworkClass.Home, result.Effective);
        Assert.Equal(TeleworkClass.Home, result.Computed);
        var reason = Assert.Single(result.Reasons);
        Assert.Equal("no_restriction", reason.Code);
        Assert.Equal("在宅勤務を妨げる要素はありません", reason.Text.Ja);
    }

    [Fact]
    public void Classify_CounterWork_Office()
    {
        var result = TaskClassifier.Classify(Plain with { CounterWork = true });

        Assert.Equal(TeleworkClass.Office, result.Effective);
        Assert.Equal(["counter_work"], result.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Classify_ConfidentialPersonalData_Office()
    {
        var result = TaskClassifier.Classify(Plain with { ConfidentialPersonalData = true });

        Assert.Equal(TeleworkClass.Office, result.Effective);
        Assert.Equal(["confidential_personal_data"], result.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Classify_MyNumberSystemEvenIfMarkedAllowed_OfficeNamingTheSystem()
    {
        var result = TaskClassifier.Classify(Plain with { Systems = [Groupware, Residents] });

        Assert.Equal(TeleworkClass.Office, result.Effective);
        var reason = Assert.Single(result.Reasons);
        Assert.Equal("system_mynumber", reason.Code);
        Assert.Equal("jk", reason.SystemId);
        Assert.Contains("住民記録システム", reason.Text.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_SystemNotOnAllowList_OfficeNamingTheSystem()
    {
        var result = TaskClassifier.Classify(Plain with { Systems = [Finance] });

        Assert.Equal(TeleworkClass.Office, result.Effective);
        var reason = Assert.Single(result.Reasons);
        Assert.Equal("system_not_allowed", reason.Code);
        Assert.Contains("財務会計システム", reason.Text.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_InternetSystemNotAllowed_Office()
    {
        var result = TaskClassifier.Classify(Plain with { Systems = [Web with { RemoteAllowed = false }] });

        Assert.Equal(TeleworkClass.Office, result.Effective);
    }

    [Theory]
    [InlineData(Frequency.Sometimes, TeleworkClass.Rotation, "paper_originals_sometimes")]
    [InlineData(Frequency.Daily, TeleworkClass.Office, "paper_originals_daily")]
    public void Classify_PaperOriginals_RotationOrOffice(Frequency frequency, TeleworkClass expected, string code)
    {
        var result = TaskClassifier.Classify(Plain with { PaperOriginals = frequency });

        Assert.Equal(expected, result.Effective);
        Assert.Equal([code], result.Reasons.Select(r => r.Code));
    }

    [Theory]
    [InlineData(Frequency.Sometimes, TeleworkClass.Rotation, "same_room_sometimes")]
    [InlineData(Frequency.Daily, TeleworkClass.Office, "same_room_daily")]
    public void Classify_SameRoom_RotationOrOffice(Frequency frequency, TeleworkClass expected, string code)
    {
        var result = TaskClassifier.Classify(Plain with { SameRoom = frequency });

        Assert.Equal(expected, result.Effective);
        Assert.Equal([code], result.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Classify_SeveralReasons_StrictestWinsAndAllListed()
    {
        var result = TaskClassifier.Classify(Plain with { PaperOriginals = Frequency.Sometimes, Systems = [Finance, Residents], CounterWork = true });

        Assert.Equal(TeleworkClass.Office, result.Effective);
        Assert.Equal(["counter_work", "system_not_allowed", "system_mynumber", "paper_originals_sometimes"], result.Reasons.Select(r => r.Code));
        Assert.Equal(4, result.ReasonKinds.Count);
    }

    [Fact]
    public void Classify_TwoRotationReasons_Rotation()
    {
        var result = TaskClassifier.Classify(Plain with { PaperOriginals = Frequency.Sometimes, SameRoom = Frequency.Sometimes });

        Assert.Equal(TeleworkClass.Rotation, result.Effective);
        Assert.Equal(2, result.Reasons.Count);
    }

    [Fact]
    public void WithOverride_Justified_EffectiveChangesAndComputedReasonsKept()
    {
        var counter = Plain with { CounterWork = true };

        var overridden = TaskClassifier.WithOverride(counter, TeleworkClass.Rotation, "窓口は予約制に移行し、出勤日にまとめて対応する", "head-01", Noon).Value;
        var result = TaskClassifier.Classify(overridden);

        Assert.Equal(TeleworkClass.Office, result.Computed);
        Assert.Equal(TeleworkClass.Rotation, result.Effective);
        Assert.True(result.OverrideApplied);
        Assert.Equal(["counter_work", "section_head_override"], result.Reasons.Select(r => r.Code));
        Assert.Contains("窓口は予約制に移行", result.Reasons[1].Text.Ja, StringComparison.Ordinal);
        Assert.Equal("head-01", result.Override!.DecidedBy);
        Assert.Equal(Noon, result.Override.DecidedAt);
    }

    [Fact]
    public void WithOverride_HomeTaskToOffice_Applied()
    {
        var overridden = TaskClassifier.WithOverride(Plain, TeleworkClass.Office, "年度末は課内での読み合わせが必須のため", "head-01", Noon).Value;

        Assert.Equal(TeleworkClass.Office, TaskClassifier.Classify(overridden).Effective);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("必要なため")]
    [InlineData("  短い理由です  ")]
    public void WithOverride_JustificationTooShort_Refused(string justification)
    {
        var error = Assert.IsType<TaskInputError>(TaskClassifier.WithOverride(Plain, TeleworkClass.Office, justification, "head-01", Noon).Error);

        Assert.Equal(TaskErrorCodes.JustificationTooShort, error.Code);
        Assert.Equal("override.justification", error.Field);
    }

    [Fact]
    public void WithOverride_WithoutDecider_Refused()
    {
        var error = Assert.IsType<TaskInputError>(TaskClassifier.WithOverride(Plain, TeleworkClass.Office, "年度末は課内での読み合わせが必須のため", " ", Noon).Error);

        Assert.Equal("override.decidedBy", error.Field);
    }

    [Theory]
    [InlineData(TeleworkClass.Home)]
    [InlineData(TeleworkClass.Rotation)]
    public void WithOverride_LiftingMyNumberTask_Refused(TeleworkClass decided)
    {
        var task = Plain with { Systems = [Residents] };

        var error = Assert.IsType<TaskInputError>(TaskClassifier.WithOverride(task, decided, "住民記録の照会は少なく、在宅でも支障がないため", "head-01", Noon).Error);

        Assert.Equal(TaskErrorCodes.OverrideMyNumber, error.Code);
    }

    [Fact]
    public void Classify_StoredDecisionLiftingMyNumberTask_NotApplied()
    {
        // A system registered later as My Number makes an earlier decision void, not dangerous.
        var task = Plain with
        {
            Systems = [Residents],
            Override = new TaskOverride(TeleworkClass.Home, "システムは在宅で使えると確認済みのため", "head-01", Noon),
        };

        var result = TaskClassifier.Classify(task);

        Assert.Equal(TeleworkClass.Office, result.Effective);
        Assert.False(result.OverrideApplied);
        Assert.Equal("section_head_override", result.Reasons[^1].Code);
        Assert.Contains("適用されません", result.Reasons[^1].Text.Ja, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TeleworkClass.Home, "home", "在宅可")]
    [InlineData(TeleworkClass.Rotation, "rotation", "交代制なら可")]
    [InlineData(TeleworkClass.Office, "office", "不可")]
    public void ToCode_EachClass_PlannerCodeAndJapaneseLabel(TeleworkClass value, string code, string label)
    {
        Assert.Equal(code, value.ToCode());
        Assert.Equal(label, value.Label().Ja);
        Assert.True(TeleworkClassText.TryParse(code, out var fromCode) && fromCode == value);
        Assert.True(TeleworkClassText.TryParse(label, out var fromLabel) && fromLabel == value);
    }
}
