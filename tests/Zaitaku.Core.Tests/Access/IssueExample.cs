using System.Net;
using Zaitaku.Access;
using Zaitaku.Devices;

namespace Zaitaku.Core.Tests.Access;

/// <summary>The scenario of issue 5 ("The scenario file for explain"), as records, for tests to vary.</summary>
internal static class IssueExample
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T10:15:00+09:00", System.Globalization.CultureInfo.InvariantCulture);

    public static readonly DateOnly Today = new(2026, 12, 1);

    public static readonly TimeSpan Tokyo = TimeSpan.FromHours(9);

    public static AccessRequest Request => new(
        Staff: "s001",
        Mfa: true,
        DeviceSerial: "ZT-0001",
        SourceAddress: IPAddress.Parse("10.20.3.4"),
        System: "docs",
        Method: "GET",
        Path: "/list");

    public static PolicySnapshotBuilder Builder()
    {
        var builder = new PolicySnapshotBuilder
        {
            Rules = new AccessRules
            {
                WorkStart = new TimeOnly(8, 30),
                WorkEnd = new TimeOnly(17, 15),
                RestrictedDataClasses = ["tax"],
                PostureMaxAgeHours = 24,
                ExcludeProbationary = true,
                ExcludeFiscalYearStaff = true,
            },
        };
        builder.Routes.Add(new NetworkRoute { Id = "vpn", Kind = RouteKind.Closed, Cidrs = ["10.20.0.0/16"] });
        builder.Routes.Add(new NetworkRoute { Id = "lte", Kind = RouteKind.Open, Cidrs = ["100.64.0.0/10"] });
        builder.Systems.Add(new InternalSystem { Id = "docs", Segment = Segment.Lgwan, Remote = true, Paths = [new PathRule { Prefix = "/tax", DataClass = "tax" }] });
        builder.Systems.Add(new InternalSystem { Id = "juki", Segment = Segment.MyNumber, Remote = true });
        builder.Systems.Add(new InternalSystem { Id = "mail", Segment = Segment.Internet, Remote = true, AllowOpenRoutes = true, DataClass = null });
        builder.Staff.Add(new StaffRecord { Id = "s001", Employment = Employment.Regular, Active = true });
        builder.Devices.Add(new DeviceRecord
        {
            Serial = "ZT-0001",
            State = DeviceState.Lent,
            AssignedTo = "s001",
            PostureReportedAt = At(8, 20),
            Compliant = true,
        });
        builder.Approvals.Add(new TeleworkApproval { Staff = "s001", Date = Today, OvertimeUntil = null });
        builder.Workdays.Add(new WorkdayRecord { Staff = "s001", Date = Today, Start = At(8, 31), End = null });
        return builder;
    }

    public static PolicySnapshot Snapshot(Action<PolicySnapshotBuilder>? change = null)
    {
        var builder = Builder();
        change?.Invoke(builder);
        var built = builder.Build();
        Assert.True(built.IsOk, built.Error?.Message.En);
        return built.Value;
    }

    /// <summary>A Tokyo wall-clock instant on the example's day.</summary>
    public static DateTimeOffset At(int hour, int minute, int second = 0) => new(2026, 12, 1, hour, minute, second, Tokyo);

    /// <summary>The reason codes of a decision, as the denial page and explain show them.</summary>
    public static string[] Codes(AccessDecision decision) => decision.Reasons.ToCodes();

    public static string[] Decide(PolicySnapshot snapshot, AccessRequest request, DateTimeOffset? now = null) =>
        Codes(AccessPolicy.Decide(snapshot, request, now ?? Now));

    public static string[] Decide(AccessRequest request, DateTimeOffset? now = null) => Decide(Snapshot(), request, now);

    /// <summary>The scenario file of the issue, word for word.</summary>
    public const string ScenarioJson = """
        {
          "now": "2026-12-01T10:15:00+09:00",
          "rules": {"workStart": "08:30", "workEnd": "17:15", "restrictedDataClasses": ["tax"],
                    "postureMaxAgeHours": 24, "excludeProbationary": true, "excludeFiscalYearStaff": true},
          "routes": [{"id": "vpn", "kind": "closed", "cidrs": ["10.20.0.0/16"]},
                     {"id": "lte", "kind": "open", "cidrs": ["100.64.0.0/10"]}],
          "systems": [{"id": "docs", "segment": "lgwan", "remote": true, "paths": [{"prefix": "/tax", "dataClass": "tax"}]},
                      {"id": "juki", "segment": "mynumber", "remote": true},
                      {"id": "mail", "segment": "internet", "remote": true, "allowOpenRoutes": true, "dataClass": null}],
          "staff": [{"id": "s001", "employment": "regular", "active": true}],
          "devices": [{"serial": "ZT-0001", "state": "lent", "assignedTo": "s001",
                       "postureReportedAt": "2026-12-01T08:20:00+09:00", "compliant": true}],
          "approvals": [{"staff": "s001", "date": "2026-12-01", "overtimeUntil": null}],
          "workdays": [{"staff": "s001", "date": "2026-12-01", "start": "2026-12-01T08:31:00+09:00", "end": null}],
          "request": {"staff": "s001", "mfa": true, "deviceSerial": "ZT-0001", "sourceIp": "10.20.3.4",
                      "system": "docs", "method": "GET", "path": "/list"}
        }
        """;
}
