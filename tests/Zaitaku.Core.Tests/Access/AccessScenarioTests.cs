using System.Text.Json.Nodes;
using Zaitaku.Access;
using Zaitaku.Devices;

namespace Zaitaku.Core.Tests.Access;

public class AccessScenarioTests
{
    private static readonly DateTimeOffset Unused = DateTimeOffset.UnixEpoch;

    /// <summary>The issue's scenario with one change made to its JSON tree.</summary>
    private static string Variant(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(IssueExample.ScenarioJson)!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    private static string[] Explain(string json)
    {
        var scenario = AccessScenario.Parse(json);
        Assert.True(scenario.IsOk, scenario.Error?.Message.En);
        return IssueExample.Codes(scenario.Value.Decide(Unused));
    }

    private static string ErrorOf(string json)
    {
        var scenario = AccessScenario.Parse(json);
        Assert.False(scenario.IsOk);
        var error = Assert.IsType<PolicyInputError>(scenario.Error);
        Assert.StartsWith(error.Field + ": ", error.Message.Ja, StringComparison.Ordinal);
        return error.Message.En;
    }

    // The examples of issue 5, from the JSON itself.

    [Fact]
    public void Parse_IssueScenario_Allows() => Assert.Empty(Explain(IssueExample.ScenarioJson));

    [Fact]
    public void Parse_IssueScenarioToJuki_SegmentMyNumber() =>
        Assert.Equal(["segment_mynumber"], Explain(Variant(root => root["request"]!["system"] = "juki")));

    [Fact]
    public void Parse_IssueScenarioFromLte_RouteNotClosed() =>
        Assert.Equal(["route_not_closed"], Explain(Variant(root => root["request"]!["sourceIp"] = "100.64.1.1")));

    [Fact]
    public void Parse_IssueScenarioFromLteToMail_Allows() =>
        Assert.Empty(Explain(Variant(root =>
        {
            root["request"]!["sourceIp"] = "100.64.1.1";
            root["request"]!["system"] = "mail";
        })));

    [Fact]
    public void Parse_IssueScenarioDotSegmentsIntoTax_DataClassRestricted() =>
        Assert.Equal(["data_class_restricted"], Explain(Variant(root => root["request"]!["path"] = "/a/../tax/x")));

    [Fact]
    public void Parse_IssueScenario_ReadsEveryRecord()
    {
        var scenario = AccessScenario.Parse(IssueExample.ScenarioJson).Value;

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 1, 15, 0, TimeSpan.Zero), scenario.Now);
        Assert.Equal(new TimeOnly(8, 30), scenario.Snapshot.Rules.WorkStart);
        Assert.Equal(new TimeOnly(17, 15), scenario.Snapshot.Rules.WorkEnd);
        Assert.Equal(["10.20.0.0/16"], scenario.Snapshot.Routes[0].Cidrs);
        Assert.Equal(RouteKind.Open, scenario.Snapshot.Routes[1].Kind);
        Assert.Equal(Segment.MyNumber, scenario.Snapshot.Systems[1].Segment);
        Assert.Equal("/tax", scenario.Snapshot.Systems[0].Paths[0].Prefix);
        Assert.Equal(DeviceState.Lent, scenario.Snapshot.Devices[0].State);
        Assert.Equal(new DateOnly(2026, 12, 1), scenario.Snapshot.Approvals[0].Date);
        Assert.Null(scenario.Snapshot.Workdays[0].End);
        Assert.Equal("s001", scenario.Request.Staff);
        Assert.Equal("ZT-0001", scenario.Request.DeviceSerial);
        Assert.Equal("GET", scenario.Request.Method);
    }

    // Optional parts.

    [Fact]
    public void Parse_WithoutNow_DecidesAtTheGivenTime()
    {
        var scenario = AccessScenario.Parse(Variant(root => root.Remove("now"))).Value;

        Assert.Null(scenario.Now);
        Assert.True(scenario.Decide(IssueExample.Now).Allow);
        Assert.Equal(["outside_work_hours"], IssueExample.Codes(scenario.Decide(IssueExample.At(18, 0))));
    }

    [Fact]
    public void Parse_NullStaffAndDevice_NotSignedInAndNoCertificate() =>
        Assert.Equal(["no_device_certificate", "not_signed_in"], Explain(Variant(root =>
        {
            root["request"]!["staff"] = null;
            root["request"]!["deviceSerial"] = null;
        })));

    [Fact]
    public void Parse_MinimalScenario_DefaultsFailClosed()
    {
        const string json = """
            {"now": "2026-12-01T10:15:00+09:00",
             "systems": [{"id": "docs", "segment": "lgwan"}],
             "request": {"sourceIp": "10.20.3.4", "system": "docs"}}
            """;

        Assert.Equal(["no_device_certificate", "route_unknown", "not_signed_in", "system_not_remote"], Explain(json));
    }

    [Fact]
    public void Parse_DeviceWithoutPostureOrCompliance_StaleAndNoncompliant() =>
        Assert.Equal(["device_posture_stale", "device_noncompliant"], Explain(Variant(root =>
            root["devices"] = JsonNode.Parse("""[{"serial": "ZT-0001", "state": "lent", "assignedTo": "s001"}]"""))));

    [Fact]
    public void Parse_OvertimeUntil_ExtendsTheDay() =>
        Assert.Empty(Explain(Variant(root =>
        {
            root["now"] = "2026-12-01T18:30:00+09:00";
            root["approvals"]![0]!["overtimeUntil"] = "19:00";
        })));

    [Fact]
    public void Parse_FiscalYearStaffWithRulesAllowingThem_Allows() =>
        Assert.Empty(Explain(Variant(root =>
        {
            root["staff"]![0]!["employment"] = "fiscal-year";
            root["rules"]!["excludeFiscalYearStaff"] = false;
        })));

    [Fact]
    public void Parse_DescriptionField_Accepted() =>
        Assert.Empty(Explain(Variant(root => root["description"] = "基本の許可例")));

    // Strict reading: each bad field named.

    [Fact]
    public void Parse_UnknownSegment_NamesTheField() =>
        Assert.StartsWith("systems[1].segment: unknown segment \"foo\"", ErrorOf(Variant(root => root["systems"]![1]!["segment"] = "foo")));

    [Fact]
    public void Parse_SegmentInOtherCase_Refused() =>
        Assert.StartsWith("systems[0].segment: unknown segment \"LGWAN\"", ErrorOf(Variant(root => root["systems"]![0]!["segment"] = "LGWAN")));

    [Fact]
    public void Parse_UnknownDeviceState_NamesTheField() =>
        Assert.StartsWith("devices[0].state: unknown device state \"revoked\"", ErrorOf(Variant(root => root["devices"]![0]!["state"] = "revoked")));

    [Fact]
    public void Parse_DeviceStateAsNumber_Refused() =>
        Assert.Equal("devices[0].state: expected a string", ErrorOf(Variant(root => root["devices"]![0]!["state"] = 3)));

    [Theory]
    [InlineData("ordered", DeviceState.Ordered)]
    [InlineData("kitting", DeviceState.Kitting)]
    [InlineData("ready", DeviceState.Ready)]
    [InlineData("lent", DeviceState.Lent)]
    [InlineData("returned", DeviceState.Returned)]
    [InlineData("failed", DeviceState.Failed)]
    [InlineData("rekitting", DeviceState.Rekitting)]
    [InlineData("lost", DeviceState.Lost)]
    [InlineData("disposing", DeviceState.Disposing)]
    [InlineData("disposed", DeviceState.Disposed)]
    public void Parse_EveryDeviceState_Read(string text, DeviceState state) =>
        Assert.Equal(state, AccessScenario.Parse(Variant(root => root["devices"]![0]!["state"] = text)).Value.Snapshot.Devices[0].State);

    [Fact]
    public void Parse_UnknownEmployment_NamesTheField() =>
        Assert.StartsWith("staff[0].employment: unknown employment \"fiscal_year\"", ErrorOf(Variant(root => root["staff"]![0]!["employment"] = "fiscal_year")));

    [Fact]
    public void Parse_UnknownRouteKind_NamesTheField() =>
        Assert.StartsWith("routes[1].kind: unknown route kind \"lte\"", ErrorOf(Variant(root => root["routes"]![1]!["kind"] = "lte")));

    [Fact]
    public void Parse_BadCidr_NamesTheField() =>
        Assert.StartsWith("routes[0].cidrs[0]: invalid CIDR \"10.20.0.0/33\"", ErrorOf(Variant(root => root["routes"]![0]!["cidrs"]![0] = "10.20.0.0/33")));

    [Fact]
    public void Parse_BadSourceAddress_NamesTheField() =>
        Assert.Equal("request.sourceIp: invalid address \"010.20.3.4\"", ErrorOf(Variant(root => root["request"]!["sourceIp"] = "010.20.3.4")));

    [Fact]
    public void Parse_MissingRequest_NamesTheField() =>
        Assert.Equal("request: required field is missing", ErrorOf(Variant(root => root.Remove("request"))));

    [Fact]
    public void Parse_NullRequest_NamesTheField() =>
        Assert.Equal("request: required field is missing", ErrorOf(Variant(root => root["request"] = null)));

    [Fact]
    public void Parse_MissingSourceAddress_NamesTheField() =>
        Assert.Equal("request.sourceIp: required field is missing", ErrorOf(Variant(root => root["request"]!.AsObject().Remove("sourceIp"))));

    [Fact]
    public void Parse_MissingSystemId_NamesTheField() =>
        Assert.Equal("systems[2].id: required field is missing", ErrorOf(Variant(root => root["systems"]![2]!.AsObject().Remove("id"))));

    [Fact]
    public void Parse_BadNow_NamesTheField() =>
        Assert.StartsWith("now: invalid date and time \"2026-12-01 10:15\"", ErrorOf(Variant(root => root["now"] = "2026-12-01 10:15")));

    [Fact]
    public void Parse_NowWithoutOffset_Refused() =>
        Assert.StartsWith("now: invalid date and time \"2026-12-01T10:15:00\"", ErrorOf(Variant(root => root["now"] = "2026-12-01T10:15:00")));

    [Fact]
    public void Parse_NowInUtc_Accepted() =>
        Assert.Empty(Explain(Variant(root => root["now"] = "2026-12-01T01:15:00Z")));

    [Fact]
    public void Parse_BadPostureTime_NamesTheField() =>
        Assert.StartsWith("devices[0].postureReportedAt: invalid date and time", ErrorOf(Variant(root => root["devices"]![0]!["postureReportedAt"] = "yesterday")));

    [Fact]
    public void Parse_BadDate_NamesTheField() =>
        Assert.StartsWith("approvals[0].date: invalid date \"2026-02-30\"", ErrorOf(Variant(root => root["approvals"]![0]!["date"] = "2026-02-30")));

    [Fact]
    public void Parse_BadTime_NamesTheField() =>
        Assert.StartsWith("rules.workStart: invalid time \"8:30\"", ErrorOf(Variant(root => root["rules"]!["workStart"] = "8:30")));

    [Fact]
    public void Parse_BadOvertime_NamesTheField() =>
        Assert.StartsWith("approvals[0].overtimeUntil: invalid time \"25:00\"", ErrorOf(Variant(root => root["approvals"]![0]!["overtimeUntil"] = "25:00")));

    [Fact]
    public void Parse_UnknownField_NamesItsObject() =>
        Assert.Equal("systems[0]: unknown field \"remtoe\"", ErrorOf(Variant(root => root["systems"]![0]!["remtoe"] = true)));

    [Fact]
    public void Parse_UnknownTopLevelField_Refused() =>
        Assert.Equal("$: unknown field \"rule\"", ErrorOf(Variant(root => root["rule"] = new JsonObject())));

    [Fact]
    public void Parse_DuplicateField_Refused() =>
        Assert.Equal("request: duplicate field \"system\"", ErrorOf(IssueExample.ScenarioJson.Replace("\"system\": \"docs\"", "\"system\": \"docs\", \"system\": \"juki\"", StringComparison.Ordinal)));

    [Fact]
    public void Parse_StringWhereBooleanExpected_NamesTheField() =>
        Assert.Equal("request.mfa: expected true or false", ErrorOf(Variant(root => root["request"]!["mfa"] = "true")));

    [Fact]
    public void Parse_NegativePostureAge_NamesTheField() =>
        Assert.StartsWith("rules.postureMaxAgeHours: expected a whole number", ErrorOf(Variant(root => root["rules"]!["postureMaxAgeHours"] = -1)));

    [Fact]
    public void Parse_FractionalPostureAge_NamesTheField() =>
        Assert.StartsWith("rules.postureMaxAgeHours: expected a whole number", ErrorOf(Variant(root => root["rules"]!["postureMaxAgeHours"] = 1.5)));

    [Fact]
    public void Parse_RoutesNotAnArray_NamesTheField() =>
        Assert.Equal("routes: expected an array", ErrorOf(Variant(root => root["routes"] = "vpn")));

    [Fact]
    public void Parse_ApprovalForUnknownStaff_NamesTheField() =>
        Assert.Equal("approvals[0].staff: unknown staff \"s002\"", ErrorOf(Variant(root => root["approvals"]![0]!["staff"] = "s002")));

    [Fact]
    public void Parse_NotJson_SaysWhere() =>
        Assert.Equal("$: invalid JSON at line 2, byte 3", ErrorOf("{\n  oops\n}"));

    [Fact]
    public void Parse_JsonArrayAtTop_Refused() =>
        Assert.Equal("$: expected an object", ErrorOf("[]"));

    [Fact]
    public void Parse_TrailingComma_RefusedAsInvalidJson() =>
        Assert.StartsWith("$: invalid JSON", ErrorOf("""{"request": {"sourceIp": "10.20.3.4", "system": "docs"},}"""));
}
