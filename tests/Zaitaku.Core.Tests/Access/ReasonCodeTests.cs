using Zaitaku.Access;

namespace Zaitaku.Core.Tests.Access;

public class ReasonCodeTests
{
    // The public contract, copied from issue 5 and the task: a rename breaks this test on purpose.
    private static readonly string[] ContractCodes =
    [
        "policy_stale",
        "no_device_certificate", "device_unknown", "device_not_lent", "device_not_assigned", "device_posture_stale", "device_noncompliant",
        "route_unknown", "route_not_closed",
        "not_signed_in", "staff_unknown", "staff_inactive", "mfa_required", "staff_ineligible",
        "system_unknown", "segment_mynumber", "system_not_remote",
        "path_invalid", "data_class_restricted",
        "no_approved_telework", "not_clocked_in", "outside_work_hours",
    ];

    [Fact]
    public void ToCode_EveryCodeInListingOrder_ExactContractStrings() =>
        Assert.Equal(ContractCodes, ReasonCodes.All.Select(code => code.ToCode()));

    [Fact]
    public void TryParse_EveryContractString_RoundTrips()
    {
        foreach (var text in ContractCodes)
        {
            Assert.True(ReasonCodes.TryParse(text, out var code));
            Assert.Equal(text, code.ToCode());
        }
    }

    [Theory]
    [InlineData("SEGMENT_MYNUMBER")]
    [InlineData("segment-mynumber")]
    [InlineData("device_revoked")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotAContractString_False(string? text) =>
        Assert.False(ReasonCodes.TryParse(text, out _));

    [Fact]
    public void Explanation_EveryCode_JapaneseAndEnglishText()
    {
        foreach (var code in ReasonCodes.All)
        {
            var text = code.Explanation();
            Assert.Contains(text.Ja, c => c is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF');
            Assert.False(string.IsNullOrWhiteSpace(text.En));
            Assert.DoesNotContain(text.En, c => c > '\u007F');
        }
    }

    [Fact]
    public void Explanation_EveryCode_Distinct()
    {
        Assert.Equal(ReasonCodes.Count, ReasonCodes.All.Select(code => code.Explanation().Ja).Distinct().Count());
        Assert.Equal(ReasonCodes.Count, ReasonCodes.All.Select(code => code.Explanation().En).Distinct().Count());
    }

    [Fact]
    public void Explanation_MyNumber_SaysItIsAFixedRule()
    {
        var text = ReasonCode.SegmentMyNumber.Explanation();

        Assert.Contains("マイナンバー利用事務系", text.Ja, StringComparison.Ordinal);
        Assert.Contains("My Number", text.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Reasons_DecisionBuiltOutOfOrder_ListedInCheckOrder()
    {
        var decision = AccessDecision.Deny(ReasonCode.OutsideWorkHours, ReasonCode.NoDeviceCertificate, ReasonCode.SegmentMyNumber);

        Assert.Equal([ReasonCode.NoDeviceCertificate, ReasonCode.SegmentMyNumber, ReasonCode.OutsideWorkHours], decision.Reasons.ToArray());
        Assert.Equal(3, decision.Reasons.Count);
        Assert.Equal(ReasonCode.SegmentMyNumber, decision.Reasons[1]);
        Assert.Equal("deny: no_device_certificate, segment_mynumber, outside_work_hours", decision.ToString());
    }

    [Fact]
    public void With_AddedReason_TurnsAllowIntoDeny()
    {
        Assert.True(AccessDecision.Allowed.Allow);
        Assert.Equal("allow", AccessDecision.Allowed.ToString());

        var denied = AccessDecision.Allowed.With(ReasonCode.MfaRequired);

        Assert.False(denied.Allow);
        Assert.True(denied.Has(ReasonCode.MfaRequired));
        Assert.False(denied.Has(ReasonCode.StaffInactive));
        Assert.Equal(AccessDecision.Deny(ReasonCode.MfaRequired), denied);
    }
}
