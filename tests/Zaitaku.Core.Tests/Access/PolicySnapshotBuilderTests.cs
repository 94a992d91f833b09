using Zaitaku.Access;
using Zaitaku.Devices;

namespace Zaitaku.Core.Tests.Access;

public class PolicySnapshotBuilderTests
{
    private static string BuildError(Action<PolicySnapshotBuilder> change)
    {
        var builder = IssueExample.Builder();
        change(builder);
        var built = builder.Build();
        Assert.False(built.IsOk);
        var error = Assert.IsType<PolicyInputError>(built.Error);
        Assert.Equal("policy_input_invalid", error.Code);
        Assert.StartsWith(error.Field + ": ", error.Message.Ja, StringComparison.Ordinal);
        return error.Message.En;
    }

    [Fact]
    public void Build_IssueExample_Builds()
    {
        var built = IssueExample.Builder().Build();

        Assert.True(built.IsOk);
        Assert.Equal(3, built.Value.Systems.Count);
        Assert.Equal(["tax"], built.Value.Rules.RestrictedDataClasses);
    }

    [Fact]
    public void Build_CidrWithHostBits_NamesRouteAndRange() =>
        Assert.Equal(
            "routes[1].cidrs[0]: invalid CIDR \"100.64.1.0/10\" (host bits are set (did you mean 100.64.0.0/10?))",
            BuildError(b => b.Routes[1] = b.Routes[1] with { Cidrs = ["100.64.1.0/10"] }));

    [Fact]
    public void Build_DuplicateRouteId_Error() =>
        Assert.Equal("routes[1].id: duplicate \"vpn\"", BuildError(b => b.Routes[1] = b.Routes[1] with { Id = "vpn" }));

    [Fact]
    public void Build_DuplicateSystemId_Error() =>
        Assert.Equal("systems[2].id: duplicate \"docs\"", BuildError(b => b.Systems[2] = b.Systems[2] with { Id = "docs" }));

    [Fact]
    public void Build_PathPrefixWithEncodedSlash_Error() =>
        Assert.StartsWith("systems[0].paths[0].prefix: invalid path prefix \"/tax%2Fold\"", BuildError(b => b.Systems[0] = b.Systems[0] with { Paths = [new PathRule { Prefix = "/tax%2Fold", DataClass = "tax" }] }));

    [Fact]
    public void Build_RelativePathPrefix_Error() =>
        Assert.StartsWith("systems[0].paths[0].prefix:", BuildError(b => b.Systems[0] = b.Systems[0] with { Paths = [new PathRule { Prefix = "tax", DataClass = "tax" }] }));

    [Fact]
    public void Build_SamePrefixTwiceInAnotherSpelling_Error() =>
        Assert.StartsWith("systems[0].paths[1].prefix: duplicate", BuildError(b => b.Systems[0] = b.Systems[0] with
        {
            Paths = [new PathRule { Prefix = "/tax", DataClass = "tax" }, new PathRule { Prefix = "/TAX/", DataClass = null }],
        }));

    [Fact]
    public void Build_DuplicateStaff_Error() =>
        Assert.Equal("staff[1].id: duplicate \"s001\"", BuildError(b => b.Staff.Add(new StaffRecord { Id = "s001" })));

    [Fact]
    public void Build_DuplicateDeviceSerial_Error() =>
        Assert.Equal("devices[1].serial: duplicate \"ZT-0001\"", BuildError(b => b.Devices.Add(new DeviceRecord { Serial = "ZT-0001", State = DeviceState.Ready })));

    [Fact]
    public void Build_DeviceLentToUnknownStaff_Error() =>
        Assert.Equal("devices[0].assignedTo: unknown staff \"s404\"", BuildError(b => b.Devices[0] = b.Devices[0] with { AssignedTo = "s404" }));

    [Fact]
    public void Build_ApprovalOfUnknownStaff_Error() =>
        Assert.Equal("approvals[0].staff: unknown staff \"s404\"", BuildError(b => b.Approvals[0] = b.Approvals[0] with { Staff = "s404" }));

    [Fact]
    public void Build_SecondApprovalSameDay_Error() =>
        Assert.StartsWith("approvals[1]: a second approval for s001 on 2026-12-01", BuildError(b => b.Approvals.Add(b.Approvals[0])));

    [Fact]
    public void Build_WorkdayOfUnknownStaff_Error() =>
        Assert.Equal("workdays[0].staff: unknown staff \"s404\"", BuildError(b => b.Workdays[0] = b.Workdays[0] with { Staff = "s404" }));

    [Fact]
    public void Build_WorkdayEndingBeforeStart_Error() =>
        Assert.Equal("workdays[0].end: is before start", BuildError(b => b.Workdays[0] = b.Workdays[0] with { End = IssueExample.At(8, 0) }));

    [Fact]
    public void Build_WorkEndNotAfterStart_Error() =>
        Assert.Equal("rules.workEnd: must be after workStart", BuildError(b => b.Rules = b.Rules with { WorkEnd = new TimeOnly(8, 30) }));

    [Fact]
    public void Build_NegativePostureAge_Error() =>
        Assert.Equal("rules.postureMaxAgeHours: must not be negative", BuildError(b => b.Rules = b.Rules with { PostureMaxAgeHours = -1 }));

    [Fact]
    public void Build_RecordsChangedAfterBuild_SnapshotUnchanged()
    {
        var builder = IssueExample.Builder();
        var snapshot = builder.Build().Value;

        builder.Devices[0] = builder.Devices[0] with { State = DeviceState.Lost };
        builder.Approvals.Clear();

        Assert.Empty(IssueExample.Decide(snapshot, IssueExample.Request));
        Assert.Equal(DeviceState.Lent, snapshot.Devices[0].State);
        Assert.Single(snapshot.Approvals);
    }
}
