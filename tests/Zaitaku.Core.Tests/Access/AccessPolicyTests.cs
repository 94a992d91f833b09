using System.Net;
using Zaitaku.Access;
using Zaitaku.Devices;
using static Zaitaku.Core.Tests.Access.IssueExample;

namespace Zaitaku.Core.Tests.Access;

public class AccessPolicyTests
{
    // The examples of issue 5.

    [Fact]
    public void Decide_IssueExample_Allows()
    {
        var decision = AccessPolicy.Decide(Snapshot(), Request, Now);

        Assert.True(decision.Allow);
        Assert.Empty(decision.Reasons);
    }

    [Fact]
    public void Decide_MyNumberSystem_SegmentMyNumber() =>
        Assert.Equal(["segment_mynumber"], Decide(Request with { System = "juki" }));

    [Fact]
    public void Decide_OpenRouteToLgwanSystem_RouteNotClosed() =>
        Assert.Equal(["route_not_closed"], Decide(Request with { SourceAddress = IPAddress.Parse("100.64.1.1") }));

    [Fact]
    public void Decide_OpenRouteToInternetSystemAllowingOpenRoutes_Allows() =>
        Assert.Empty(Decide(Request with { SourceAddress = IPAddress.Parse("100.64.1.1"), System = "mail" }));

    [Fact]
    public void Decide_DotSegmentsIntoTaxPath_DataClassRestricted() =>
        Assert.Equal(["data_class_restricted"], Decide(Request with { Path = "/a/../tax/x" }));

    // 1. Device.

    [Fact]
    public void Decide_NoCertificate_OnlyNoDeviceCertificate() =>
        Assert.Equal(["no_device_certificate"], Decide(Request with { DeviceSerial = null }));

    [Fact]
    public void Decide_UnknownSerial_OnlyDeviceUnknown() =>
        Assert.Equal(["device_unknown"], Decide(Request with { DeviceSerial = "ZT-9999" }));

    [Theory]
    [InlineData(DeviceState.Ordered)]
    [InlineData(DeviceState.Kitting)]
    [InlineData(DeviceState.Ready)]
    [InlineData(DeviceState.Returned)]
    [InlineData(DeviceState.Failed)]
    [InlineData(DeviceState.Rekitting)]
    [InlineData(DeviceState.Lost)]
    [InlineData(DeviceState.Disposing)]
    [InlineData(DeviceState.Disposed)]
    public void Decide_DeviceNotLent_DeviceNotLent(DeviceState state)
    {
        var snapshot = Snapshot(b => b.Devices[0] = b.Devices[0] with { State = state });

        Assert.Equal(["device_not_lent"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_DeviceLentToSomeoneElse_DeviceNotAssigned()
    {
        var snapshot = Snapshot(b =>
        {
            b.Staff.Add(new StaffRecord { Id = "s002" });
            b.Devices[0] = b.Devices[0] with { AssignedTo = "s002" };
        });

        Assert.Equal(["device_not_assigned"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_DeviceWithoutAssignee_DeviceNotAssigned()
    {
        var snapshot = Snapshot(b => b.Devices[0] = b.Devices[0] with { AssignedTo = null });

        Assert.Equal(["device_not_assigned"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_NobodySignedIn_NotSignedInWithoutAssignmentStaffOrDayChecks()
    {
        // Not assigned to nobody, no MFA, no approval: none of those is listed without a signed-in person.
        var snapshot = Snapshot(b => b.Approvals.Clear());

        Assert.Equal(["not_signed_in"], Decide(snapshot, Request with { Staff = null, Mfa = false }));
    }

    [Fact]
    public void Decide_NoPostureReport_DevicePostureStale()
    {
        var snapshot = Snapshot(b => b.Devices[0] = b.Devices[0] with { PostureReportedAt = null });

        Assert.Equal(["device_posture_stale"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_PostureExactlyMaxAgeOld_Fresh()
    {
        var snapshot = Snapshot(b => b.Devices[0] = b.Devices[0] with { PostureReportedAt = Now.AddHours(-24) });

        Assert.Empty(Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_PostureOneTickOlderThanMaxAge_DevicePostureStale()
    {
        var snapshot = Snapshot(b => b.Devices[0] = b.Devices[0] with { PostureReportedAt = Now.AddHours(-24).AddTicks(-1) });

        Assert.Equal(["device_posture_stale"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_PostureMaxAgeFromRules_Applies()
    {
        var snapshot = Snapshot(b =>
        {
            b.Rules = b.Rules with { PostureMaxAgeHours = 1 };
            b.Devices[0] = b.Devices[0] with { PostureReportedAt = Now.AddMinutes(-61) };
        });

        Assert.Equal(["device_posture_stale"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_NoncompliantDevice_DeviceNoncompliant()
    {
        var snapshot = Snapshot(b => b.Devices[0] = b.Devices[0] with { Compliant = false });

        Assert.Equal(["device_noncompliant"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_KnownDeviceFailingEverything_ListsEveryDeviceCode()
    {
        var snapshot = Snapshot(b => b.Devices[0] = new DeviceRecord { Serial = "ZT-0001", State = DeviceState.Lost });

        Assert.Equal(["device_not_lent", "device_not_assigned", "device_posture_stale", "device_noncompliant"], Decide(snapshot, Request));
    }

    // 2. Route.

    [Fact]
    public void Decide_AddressInNoRoute_RouteUnknown() =>
        Assert.Equal(["route_unknown"], Decide(Request with { SourceAddress = IPAddress.Parse("192.168.1.10") }));

    [Fact]
    public void Decide_NoSourceAddress_RouteUnknown() =>
        Assert.Equal(["route_unknown"], Decide(Request with { SourceAddress = null }));

    [Fact]
    public void Decide_OpenRouteToInternetSystemNotAllowingOpenRoutes_RouteNotClosed()
    {
        var snapshot = Snapshot(b => b.Systems[2] = b.Systems[2] with { AllowOpenRoutes = false });

        Assert.Equal(["route_not_closed"], Decide(snapshot, Request with { SourceAddress = IPAddress.Parse("100.64.1.1"), System = "mail" }));
    }

    [Fact]
    public void Decide_OpenRouteToLgwanSystemMarkedAllowOpenRoutes_RouteNotClosed()
    {
        // allowOpenRoutes means something only in the Internet segment.
        var snapshot = Snapshot(b => b.Systems[0] = b.Systems[0] with { AllowOpenRoutes = true });

        Assert.Equal(["route_not_closed"], Decide(snapshot, Request with { SourceAddress = IPAddress.Parse("100.64.1.1") }));
    }

    [Fact]
    public void Decide_OpenRouteToUnknownSystem_RouteNotClosedAndSystemUnknown() =>
        Assert.Equal(["route_not_closed", "system_unknown"], Decide(Request with { SourceAddress = IPAddress.Parse("100.64.1.1"), System = "nope" }));

    [Fact]
    public void Decide_IPv4MappedIPv6Source_MatchesIPv4Route() =>
        Assert.Empty(Decide(Request with { SourceAddress = IPAddress.Parse("::ffff:10.20.3.4") }));

    [Fact]
    public void Decide_IPv4MappedIPv6SourceOnOpenRoute_RouteNotClosed() =>
        Assert.Equal(["route_not_closed"], Decide(Request with { SourceAddress = IPAddress.Parse("::ffff:100.64.1.1") }));

    // 3. Staff.

    [Fact]
    public void Decide_UnknownStaff_StaffUnknownWithoutDayChecks()
    {
        // The device is lent to s001, so it is not assigned to the unknown id; no approval or workday is looked for.
        Assert.Equal(["device_not_assigned", "staff_unknown"], Decide(Request with { Staff = "s999", Mfa = false }));
    }

    [Fact]
    public void Decide_InactiveStaff_StaffInactive()
    {
        var snapshot = Snapshot(b => b.Staff[0] = b.Staff[0] with { Active = false });

        Assert.Equal(["staff_inactive"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_WithoutOneTimeCode_MfaRequired() =>
        Assert.Equal(["mfa_required"], Decide(Request with { Mfa = false }));

    [Theory]
    [InlineData(Employment.Probationary, true, true, new[] { "staff_ineligible" })]
    [InlineData(Employment.Probationary, false, true, new string[0])]
    [InlineData(Employment.FiscalYear, true, true, new[] { "staff_ineligible" })]
    [InlineData(Employment.FiscalYear, true, false, new string[0])]
    [InlineData(Employment.Regular, true, true, new string[0])]
    public void Decide_EmploymentAgainstRules_StaffIneligibleWhereExcluded(Employment employment, bool excludeProbationary, bool excludeFiscalYear, string[] expected)
    {
        var snapshot = Snapshot(b =>
        {
            b.Rules = b.Rules with { ExcludeProbationary = excludeProbationary, ExcludeFiscalYearStaff = excludeFiscalYear };
            b.Staff[0] = b.Staff[0] with { Employment = employment };
        });

        Assert.Equal(expected, Decide(snapshot, Request));
    }

    // 4. System.

    [Fact]
    public void Decide_UnknownSystem_SystemUnknown() =>
        Assert.Equal(["system_unknown"], Decide(Request with { System = "nope" }));

    [Fact]
    public void Decide_NoSystem_SystemUnknown() =>
        Assert.Equal(["system_unknown"], Decide(Request with { System = null }));

    [Fact]
    public void Decide_SystemNotOnAllowList_SystemNotRemote()
    {
        var snapshot = Snapshot(b => b.Systems[0] = b.Systems[0] with { Remote = false });

        Assert.Equal(["system_not_remote"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_MyNumberSystemNotOnAllowList_OnlySegmentMyNumber()
    {
        var snapshot = Snapshot(b => b.Systems[1] = b.Systems[1] with { Remote = false });

        Assert.Equal(["segment_mynumber"], Decide(snapshot, Request with { System = "juki" }));
    }

    [Fact]
    public void Decide_MyNumberSystemAllowingOpenRoutesFromOpenRoute_StillDenied()
    {
        // Whatever its settings, a My Number system is refused.
        var snapshot = Snapshot(b => b.Systems[1] = b.Systems[1] with { AllowOpenRoutes = true });

        Assert.Equal(["route_not_closed", "segment_mynumber"], Decide(snapshot, Request with { System = "juki", SourceAddress = IPAddress.Parse("100.64.1.1") }));
    }

    // 5. Path and data class.

    [Theory]
    [InlineData("/tax")]
    [InlineData("/tax/")]
    [InlineData("/tax/x")]
    [InlineData("/TAX/x")]
    [InlineData("/Tax")]
    [InlineData("/%74ax/x")]
    [InlineData("/%2e%2e/tax/x")]
    [InlineData("/docs/./../tax/x")]
    [InlineData("/tax;jsessionid=1/x")]
    [InlineData("/tax?download=1")]
    public void Decide_PathUnderRestrictedPrefix_DataClassRestricted(string path) =>
        Assert.Equal(["data_class_restricted"], Decide(Request with { Path = path }));

    [Theory]
    [InlineData("/taxonomy")]
    [InlineData("/taxes/x")]
    [InlineData("/list/tax")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("/a/tax/..")]
    public void Decide_PathOutsideRestrictedPrefix_Allows(string path) =>
        Assert.Empty(Decide(Request with { Path = path }));

    [Theory]
    [InlineData("/tax%2Fx")]
    [InlineData("/tax%2fx")]
    [InlineData("/tax\\x")]
    [InlineData("/tax%5Cx")]
    [InlineData("/%252e%252e/tax")]
    public void Decide_InvalidPathUnderRestrictedPrefix_OnlyPathInvalid(string path) =>
        Assert.Equal(["path_invalid"], Decide(Request with { Path = path }));

    [Fact]
    public void Decide_LongPathNeedingNormalisation_Decided()
    {
        var segments = string.Concat(Enumerable.Repeat("/%E7%A8%8E", 60));

        Assert.Empty(Decide(Request with { Path = "/docs" + segments }));
        Assert.Equal(["data_class_restricted"], Decide(Request with { Path = "/x/.." + "/tax" + segments }));
    }

    [Fact]
    public void Decide_PathBeyondMaxLength_PathInvalid() =>
        Assert.Equal(["path_invalid"], Decide(Request with { Path = "/" + new string('a', RequestPath.MaxLength) }));

    [Fact]
    public void Decide_InvalidPathToUnknownSystem_BothListed() =>
        Assert.Equal(["system_unknown", "path_invalid"], Decide(Request with { System = "nope", Path = "/a%2Fb" }));

    [Fact]
    public void Decide_SystemWithRestrictedClass_DataClassRestricted()
    {
        var snapshot = Snapshot(b => b.Systems[0] = b.Systems[0] with { DataClass = "tax", Paths = [] });

        Assert.Equal(["data_class_restricted"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_LongestPrefixWins_MoreSpecificRuleDecides()
    {
        var snapshot = Snapshot(b => b.Systems[0] = b.Systems[0] with
        {
            Paths =
            [
                new PathRule { Prefix = "/tax", DataClass = "tax" },
                new PathRule { Prefix = "/tax/forms", DataClass = null },
                new PathRule { Prefix = "/tax/forms/filled", DataClass = "tax" },
            ],
        });

        Assert.Equal(["data_class_restricted"], Decide(snapshot, Request with { Path = "/tax/x" }));
        Assert.Empty(Decide(snapshot, Request with { Path = "/tax/forms/blank" }));
        Assert.Equal(["data_class_restricted"], Decide(snapshot, Request with { Path = "/tax/forms/filled/1" }));
    }

    [Fact]
    public void Decide_PathRuleWithoutClassInRestrictedSystem_OpensOnlyThatPath()
    {
        var snapshot = Snapshot(b => b.Systems[0] = b.Systems[0] with
        {
            DataClass = "tax",
            Paths = [new PathRule { Prefix = "/public/", DataClass = null }],
        });

        Assert.Empty(Decide(snapshot, Request with { Path = "/public/x" }));
        Assert.Equal(["data_class_restricted"], Decide(snapshot, Request with { Path = "/publicity" }));
    }

    [Fact]
    public void Decide_RootPathRule_CoversEveryPath()
    {
        var snapshot = Snapshot(b => b.Systems[0] = b.Systems[0] with { Paths = [new PathRule { Prefix = "/", DataClass = "tax" }] });

        Assert.Equal(["data_class_restricted"], Decide(snapshot, Request with { Path = "/anything" }));
    }

    [Fact]
    public void Decide_NonAsciiPrefixRule_MatchesEncodedAndRawForms()
    {
        var snapshot = Snapshot(b => b.Systems[0] = b.Systems[0] with { Paths = [new PathRule { Prefix = "/税務", DataClass = "tax" }] });

        Assert.Equal(["data_class_restricted"], Decide(snapshot, Request with { Path = "/%E7%A8%8E%E5%8B%99/x" }));
        Assert.Equal(["data_class_restricted"], Decide(snapshot, Request with { Path = "/%e7%a8%8e%e5%8b%99" }));
        Assert.Equal(["data_class_restricted"], Decide(snapshot, Request with { Path = "/税務/x" }));
    }

    [Fact]
    public void Decide_ClassNotInRestrictedList_Allows()
    {
        var snapshot = Snapshot(b => b.Rules = b.Rules with { RestrictedDataClasses = ["personal"] });

        Assert.Empty(Decide(snapshot, Request with { Path = "/tax/x" }));
    }

    // 6. Day.

    [Fact]
    public void Decide_NoApprovalToday_NoApprovedTelework()
    {
        var snapshot = Snapshot(b => b.Approvals[0] = b.Approvals[0] with { Date = Today.AddDays(-1) });

        Assert.Equal(["no_approved_telework"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_NoWorkdayToday_NotClockedIn()
    {
        var snapshot = Snapshot(b => b.Workdays.Clear());

        Assert.Equal(["not_clocked_in"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_WorkdayRecordedForAnotherDate_NotClockedIn()
    {
        var snapshot = Snapshot(b => b.Workdays[0] = b.Workdays[0] with { Date = Today.AddDays(-1) });

        Assert.Equal(["not_clocked_in"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_WorkdayStartedExactlyNow_ClockedIn()
    {
        var snapshot = Snapshot(b => b.Workdays[0] = b.Workdays[0] with { Start = Now });

        Assert.Empty(Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_WorkdayStartingAfterNow_NotClockedIn()
    {
        var snapshot = Snapshot(b => b.Workdays[0] = b.Workdays[0] with { Start = Now.AddTicks(1) });

        Assert.Equal(["not_clocked_in"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_WorkdayEndedExactlyNow_NotClockedIn()
    {
        var snapshot = Snapshot(b => b.Workdays[0] = b.Workdays[0] with { End = Now });

        Assert.Equal(["not_clocked_in"], Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_WorkdayEndingAfterNow_ClockedIn()
    {
        var snapshot = Snapshot(b => b.Workdays[0] = b.Workdays[0] with { End = Now.AddTicks(1) });

        Assert.Empty(Decide(snapshot, Request));
    }

    [Fact]
    public void Decide_SecondWorkdayRecordOpen_ClockedIn()
    {
        var snapshot = Snapshot(b =>
        {
            b.Workdays[0] = b.Workdays[0] with { End = At(9, 0) };
            b.Workdays.Add(new WorkdayRecord { Staff = "s001", Date = Today, Start = At(10, 0) });
        });

        Assert.Empty(Decide(snapshot, Request));
        Assert.Equal(["not_clocked_in"], Decide(snapshot, Request, At(9, 30)));
    }

    [Theory]
    [InlineData(8, 29, 59, new[] { "outside_work_hours" })]
    [InlineData(8, 30, 0, new string[0])]
    [InlineData(17, 14, 59, new string[0])]
    [InlineData(17, 15, 0, new[] { "outside_work_hours" })]
    [InlineData(23, 0, 0, new[] { "outside_work_hours" })]
    public void Decide_AroundWorkHours_OutsideWorkHoursBeforeStartAndFromEnd(int hour, int minute, int second, string[] expected)
    {
        var snapshot = Snapshot(b => b.Workdays[0] = b.Workdays[0] with { Start = At(0, 0) });

        Assert.Equal(expected, Decide(snapshot, Request, At(hour, minute, second)));
    }

    [Fact]
    public void Decide_JustBeforeWorkStartByOneTick_OutsideWorkHours()
    {
        var snapshot = Snapshot(b => b.Workdays[0] = b.Workdays[0] with { Start = At(0, 0) });

        Assert.Equal(["outside_work_hours"], Decide(snapshot, Request, At(8, 30).AddTicks(-1)));
    }

    [Theory]
    [InlineData(17, 15, new string[0])]
    [InlineData(18, 59, new string[0])]
    [InlineData(19, 0, new[] { "outside_work_hours" })]
    public void Decide_ApprovedOvertime_WorkEndsAtOvertimeUntil(int hour, int minute, string[] expected)
    {
        var snapshot = Snapshot(b => b.Approvals[0] = b.Approvals[0] with { OvertimeUntil = new TimeOnly(19, 0) });

        Assert.Equal(expected, Decide(snapshot, Request, At(hour, minute)));
    }

    [Fact]
    public void Decide_NoApprovalAfterWorkEnd_BothDayCodes()
    {
        var snapshot = Snapshot(b => b.Approvals.Clear());

        Assert.Equal(["no_approved_telework", "outside_work_hours"], Decide(snapshot, Request, At(17, 30)));
    }

    [Fact]
    public void Decide_NowGivenInUtc_JudgedOnTokyoDateAndClock()
    {
        // 2026-12-01T01:15Z is 10:15 in Tokyo; 2026-11-30T23:00Z is 08:00 on 1 December in Tokyo.
        Assert.Empty(Decide(Request, new DateTimeOffset(2026, 12, 1, 1, 15, 0, TimeSpan.Zero)));
        var early = new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero);
        Assert.Equal(Today, JapanTime.DateOf(early));
        Assert.Equal(["not_clocked_in", "outside_work_hours"], Decide(Request, early));
    }

    [Fact]
    public void Decide_JustAfterTokyoMidnight_LooksAtTheNewDay()
    {
        // 00:30 on 2 December in Tokyo is still 1 December in UTC: yesterday's approval must not count.
        var now = new DateTimeOffset(2026, 12, 2, 0, 30, 0, IssueExample.Tokyo);

        Assert.Equal(["no_approved_telework", "not_clocked_in", "outside_work_hours"], Decide(Request, now));
    }

    // Order and deny-wins.

    [Fact]
    public void Decide_EverythingFails_EveryCodeInCheckOrder()
    {
        var snapshot = Snapshot(b =>
        {
            b.Staff[0] = b.Staff[0] with { Active = false, Employment = Employment.Probationary };
            b.Staff.Add(new StaffRecord { Id = "s002" });
            b.Devices[0] = new DeviceRecord { Serial = "ZT-0001", State = DeviceState.Returned, AssignedTo = "s002" };
            b.Systems[0] = b.Systems[0] with { Remote = false };
            b.Approvals.Clear();
            b.Workdays.Clear();
        });
        var request = Request with { Mfa = false, SourceAddress = IPAddress.Parse("100.64.9.9"), Path = "/x/../tax/1" };

        Assert.Equal(
            [
                "device_not_lent", "device_not_assigned", "device_posture_stale", "device_noncompliant",
                "route_not_closed",
                "staff_inactive", "mfa_required", "staff_ineligible",
                "system_not_remote",
                "data_class_restricted",
                "no_approved_telework", "not_clocked_in", "outside_work_hours",
            ],
            Decide(snapshot, request, At(7, 0)));
    }

    [Fact]
    public void Decide_NothingKnown_FirstCodeOfEachCheck()
    {
        var request = new AccessRequest(null, false, null, null, null, "GET", "/a%2Fb");

        Assert.Equal(["no_device_certificate", "route_unknown", "not_signed_in", "system_unknown", "path_invalid"], Decide(PolicySnapshot.Empty, request));
    }

    [Fact]
    public void Decide_EmptySnapshot_Denies() =>
        Assert.False(AccessPolicy.Decide(PolicySnapshot.Empty, Request, Now).Allow);

    [Fact]
    public void PolicyStale_ForAGatewayWithAnOldSnapshot_DeniesWithPolicyStale()
    {
        Assert.False(AccessDecision.PolicyStale.Allow);
        Assert.Equal(["policy_stale"], Codes(AccessDecision.PolicyStale));
    }

    [Fact]
    public void Decide_AllowPath_AllocatesNothing()
    {
        var snapshot = Snapshot();
        var request = Request;
        AccessPolicy.Decide(snapshot, request, Now);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var allowed = 0;
        for (var i = 0; i < 1_000; i++) allowed += AccessPolicy.Decide(snapshot, request, Now).Allow ? 1 : 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1_000, allowed);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Decide_DenyPathWithManyReasons_AllocatesNothing()
    {
        var snapshot = Snapshot(b => b.Approvals.Clear());
        var request = Request with { Mfa = false, SourceAddress = IPAddress.Parse("100.64.1.1"), Path = "/a/../tax/%E7%A8%8E" };
        AccessPolicy.Decide(snapshot, request, Now);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var reasons = 0;
        for (var i = 0; i < 1_000; i++)
        {
            foreach (var reason in AccessPolicy.Decide(snapshot, request, Now).Reasons) reasons++;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(4_000, reasons);
        Assert.Equal(0, allocated);
    }
}
