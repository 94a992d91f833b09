using System.Text.Json.Nodes;
using Zaitaku.Planning;

namespace Zaitaku.Planning.Tests.Rotation;

public sealed class RotationInstanceJsonTests
{
    private const string Valid = """
        {
          "days": ["2026-06-01", "2026-06-02", "2026-06-03"],
          "rules": {"maxHomeDaysPerWeek": 4, "minOfficeDaysPerWeek": 1},
          "devicePool": 2,
          "targetHomeDays": 5,
          "sections": [{"id": "s1", "minOffice": 1, "minOfficeShare": 0.3}, {"id": "s2", "minOffice": 0, "minOfficeShare": 0}],
          "staff": [
            {"id": "e1", "section": "s1", "eligibility": "home", "leave": ["2026-06-01"], "prefersHome": ["2026-06-03"]},
            {"id": "e2", "section": "s2", "eligibility": "rotation", "fixedOffice": ["2026-06-02"], "needsDevice": false},
            {"id": "e3", "section": "s2", "eligibility": "office", "fixedHome": ["2026-06-03"]}
          ]
        }
        """;

    private static string Mutate(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(Valid)!;
        change(node);
        return node.ToJsonString();
    }

    private static IReadOnlyList<InstanceIssue> Issues(string json)
    {
        var result = RotationInstanceJson.Read(json);
        Assert.False(result.IsOk, "the instance should have been rejected");
        var error = Assert.IsType<RotationInstanceInvalid>(result.Error);
        Assert.Equal("rotation_instance_invalid", error.Code);
        return error.Issues;
    }

    [Fact]
    public void Read_ValidInstance_ReadsEveryField()
    {
        var result = RotationInstanceJson.Read(Valid);

        Assert.True(result.IsOk);
        var instance = result.Value;
        Assert.Equal(3, instance.Days.Count);
        Assert.Equal(new DateOnly(2026, 6, 2), instance.Days[1]);
        Assert.Equal(4, instance.Rules.MaxHomeDaysPerWeek);
        Assert.Equal(1, instance.Rules.MinOfficeDaysPerWeek);
        Assert.Equal(2, instance.DevicePool);
        Assert.Equal(5, instance.TargetHomeDays);
        Assert.Equal(0.3m, instance.Sections[0].MinOfficeShare);
        Assert.Equal([new DateOnly(2026, 6, 1)], instance.Staff[0].Leave);
        Assert.Equal([new DateOnly(2026, 6, 3)], instance.Staff[0].PrefersHome);
        Assert.True(instance.Staff[0].NeedsDevice);
        Assert.Equal(Eligibility.Rotation, instance.Staff[1].Eligibility);
        Assert.False(instance.Staff[1].NeedsDevice);
        Assert.Equal([new DateOnly(2026, 6, 2)], instance.Staff[1].FixedOffice);
        Assert.Equal([new DateOnly(2026, 6, 3)], instance.Staff[2].FixedHome);
    }

    [Fact]
    public void Read_WithoutTarget_HasNoCap()
    {
        var result = RotationInstanceJson.Read(Mutate(n => n.AsObject().Remove("targetHomeDays")));

        Assert.Null(result.Value.TargetHomeDays);
    }

    [Theory]
    [InlineData("staff[1].section", "unknown section \"s99\"")]
    public void Read_UnknownSection_NamesTheField(string field, string english)
    {
        var issue = Assert.Single(Issues(Mutate(n => n["staff"]![1]!["section"] = "s99")));

        Assert.Equal(field, issue.Field);
        Assert.Equal($"{field}: {english}", issue.Message.En);
        Assert.StartsWith($"{field}: ", issue.Message.Ja);
        Assert.Contains("s99", issue.Message.Ja);
    }

    public static TheoryData<string, string> BrokenInstances() => new()
    {
        { """{"staff":[{"id":"e1","section":"s1","eligibility":"home"},{"id":"e1","section":"s1","eligibility":"home"}]}""", "staff[1].id" },
        { """{"staff":[{"section":"s1","eligibility":"home"}]}""", "staff[0].id" },
        { """{"sections":[{"id":"s1","minOffice":1,"minOfficeShare":0.3},{"id":"s1","minOffice":1,"minOfficeShare":0.3}]}""", "sections[1].id" },
        { """{"days":["2026-06-01","2026-13-01"]}""", "days[1]" },
        { """{"days":["2026-06-01","2026-06-01"]}""", "days[1]" },
        { """{"days":["2026/06/01"]}""", "days[0]" },
        { """{"days":[]}""", "days" },
        { """{"devicePool":-1}""", "devicePool" },
        { """{"devicePool":2.5}""", "devicePool" },
        { """{"devicePool":"2"}""", "devicePool" },
        { """{"targetHomeDays":-3}""", "targetHomeDays" },
        { """{"rules":{"maxHomeDaysPerWeek":-1,"minOfficeDaysPerWeek":1}}""", "rules.maxHomeDaysPerWeek" },
        { """{"rules":{"maxHomeDaysPerWeek":4}}""", "rules.minOfficeDaysPerWeek" },
        { """{"sections":[{"id":"s1","minOffice":-2,"minOfficeShare":0.3}]}""", "sections[0].minOffice" },
        { """{"sections":[{"id":"s1","minOffice":1,"minOfficeShare":1.5}]}""", "sections[0].minOfficeShare" },
        { """{"sections":[{"id":"s1","minOffice":1,"minOfficeShare":-0.1}]}""", "sections[0].minOfficeShare" },
        { """{"staff":[{"id":"e1","section":"s1","eligibility":"sometimes"}]}""", "staff[0].eligibility" },
        { """{"staff":[{"id":"e1","section":"s1","eligibility":"home","leave":["2026-07-01"]}]}""", "staff[0].leave[0]" },
        { """{"staff":[{"id":"e1","section":"s1","eligibility":"home","fixedOffice":["2026-05-29"]}]}""", "staff[0].fixedOffice[0]" },
        { """{"staff":[{"id":"e1","section":"s1","eligibility":"home","prefersHome":["2026-06-01","2026-06-09"]}]}""", "staff[0].prefersHome[1]" },
        { """{"staff":[{"id":"e1","section":"s1","eligibility":"home","fixedHome":["2026-06-01"],"leave":["2026-06-01"]}]}""", "staff[0].fixedHome" },
        { """{"staff":[{"id":"e1","section":"s1","eligibility":"home","needsDevice":"yes"}]}""", "staff[0].needsDevice" },
        { """{"staff":[{"id":"e1","section":"s1","eligibility":"home","prefersHomes":[]}]}""", "staff[0].prefersHomes" },
        { """{"devicepool":2}""", "devicepool" },
    };

    [Theory]
    [MemberData(nameof(BrokenInstances))]
    public void Read_InstanceBreakingItsFormat_NamesTheField(string patch, string field)
    {
        // Each patch replaces top-level members of the valid instance.
        var json = Mutate(n =>
        {
            foreach (var (key, value) in JsonNode.Parse(patch)!.AsObject()) n[key] = value?.DeepClone();
        });

        var issues = Issues(json);

        Assert.Contains(issues, i => i.Field == field);
        Assert.All(issues, i => Assert.StartsWith($"{i.Field}: ", i.Message.En));
        Assert.All(issues, i => Assert.StartsWith($"{i.Field}: ", i.Message.Ja));
    }

    [Fact]
    public void Read_MissingDevicePool_SaysItIsRequired()
    {
        var issue = Assert.Single(Issues(Mutate(n => n.AsObject().Remove("devicePool"))));

        Assert.Equal("devicePool: is required", issue.Message.En);
        Assert.Equal("devicePool: 必須の項目がありません", issue.Message.Ja);
    }

    [Fact]
    public void Read_NotJson_SaysWhere()
    {
        var issue = Assert.Single(Issues("{\"days\": [\n  \"2026-06-01\",, ]}"));

        Assert.Equal("$", issue.Field);
        Assert.Contains("line 2", issue.Message.En);
    }

    [Fact]
    public void Read_SeveralProblems_ReportsEachAndCountsThemInTheMessage()
    {
        var json = Mutate(n =>
        {
            n["devicePool"] = -1;
            n["staff"]![0]!["section"] = "nowhere";
        });

        var result = RotationInstanceJson.Read(json);

        var error = Assert.IsType<RotationInstanceInvalid>(result.Error);
        Assert.Equal(["devicePool", "staff[0].section"], error.Issues.Select(i => i.Field));
        Assert.EndsWith("(and 1 more)", error.Message.En);
    }

    [Fact]
    public void Write_GeneratedInstance_ReadsBackTheSame()
    {
        var instance = RotationInstanceGenerator.Generate(new GeneratorSettings { Staff = 40, Sections = 3, Days = 7, TargetShare = 0.2, FixedHomeRate = 0.1 });

        var back = RotationInstanceJson.Read(RotationInstanceJson.Write(instance)).Value;

        Assert.Equal(instance.Days, back.Days);
        Assert.Equal(instance.Rules, back.Rules);
        Assert.Equal(instance.DevicePool, back.DevicePool);
        Assert.Equal(instance.TargetHomeDays, back.TargetHomeDays);
        Assert.Equal(instance.Sections, back.Sections);
        Assert.Equal(instance.Staff.Count, back.Staff.Count);
        for (var i = 0; i < instance.Staff.Count; i++)
        {
            var (a, b) = (instance.Staff[i], back.Staff[i]);
            Assert.Equal((a.Id, a.Section, a.Eligibility, a.NeedsDevice), (b.Id, b.Section, b.Eligibility, b.NeedsDevice));
            Assert.Equal(a.Leave, b.Leave);
            Assert.Equal(a.FixedOffice, b.FixedOffice);
            Assert.Equal(a.FixedHome, b.FixedHome);
            Assert.Equal(a.PrefersHome, b.PrefersHome);
        }
    }

    [Fact]
    public void PlanJson_WrittenPlan_HasExactlyTheIssueFormat()
    {
        var plan = new RotationPlan
        {
            Status = PlanStatus.Feasible,
            HomeDays = 1,
            Bound = 2,
            Assignments = new Dictionary<string, IReadOnlyList<DayPlace>> { ["e\"1"] = [DayPlace.Home, DayPlace.Office, DayPlace.Leave] },
        };

        var node = JsonNode.Parse(RotationPlanJson.Write(plan))!.AsObject();

        Assert.Equal(["status", "homeDays", "bound", "assignments"], node.Select(p => p.Key));
        Assert.Equal("feasible", (string)node["status"]!);
        Assert.Equal(1, (int)node["homeDays"]!);
        Assert.Equal(2, (int)node["bound"]!);
        Assert.Equal(["home", "office", "leave"], node["assignments"]!["e\"1"]!.AsArray().Select(x => (string)x!));
    }
}
