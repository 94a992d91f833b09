using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Zaitaku.Server.Cli;

namespace Zaitaku.Server.Tests.Cli;

public sealed class AccessExplainTests : IDisposable
{
    /// <summary>The scenario file of issue 5, word for word.</summary>
    private const string IssueScenario = """
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

    private readonly string _folder = Directory.CreateTempSubdirectory("zaitaku-access-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    private string WriteVariant(string name, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(IssueScenario)!.AsObject();
        change(root);
        return Write(name, root.ToJsonString());
    }

    private static async Task<(int Exit, JsonObject[] Lines, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ZaitakuCli.RunAsync(args, output, error);
        return (exit, Lines(output.ToString()), error.ToString());
    }

    private static JsonObject[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToArray();

    private static string[] Reasons(JsonObject line) => line["reasons"]!.AsArray().Select(code => code!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Explain_IssueExamples_OneLinePerFileInTheOrderGiven()
    {
        var allow = Write("allow.json", IssueScenario);
        var juki = WriteVariant("juki.json", root => root["request"]!["system"] = "juki");
        var lte = WriteVariant("lte.json", root => root["request"]!["sourceIp"] = "100.64.1.1");
        var lteMail = WriteVariant("lte-mail.json", root =>
        {
            root["request"]!["sourceIp"] = "100.64.1.1";
            root["request"]!["system"] = "mail";
        });
        var tax = WriteVariant("tax.json", root => root["request"]!["path"] = "/a/../tax/x");

        var (exit, lines, error) = await Run("access", "explain", "--scenario", allow, juki, lte, lteMail, tax);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal([allow, juki, lte, lteMail, tax], lines.Select(line => line["scenario"]!.GetValue<string>()));
        Assert.Equal([true, false, false, true, false], lines.Select(line => line["allow"]!.GetValue<bool>()));
        Assert.Empty(Reasons(lines[0]));
        Assert.Equal(["segment_mynumber"], Reasons(lines[1]));
        Assert.Equal(["route_not_closed"], Reasons(lines[2]));
        Assert.Empty(Reasons(lines[3]));
        Assert.Equal(["data_class_restricted"], Reasons(lines[4]));
    }

    [Fact]
    public async Task Explain_Line_HasExactlyScenarioAllowAndReasons()
    {
        var (_, lines, _) = await Run("access", "explain", "--scenario", Write("allow.json", IssueScenario));

        Assert.Equal(["scenario", "allow", "reasons"], lines[0].Select(field => field.Key));
    }

    [Fact]
    public async Task Explain_ManyReasons_ListedInCheckOrder()
    {
        var file = WriteVariant("many.json", root =>
        {
            root["now"] = "2026-12-01T07:00:00+09:00";
            root["request"]!["mfa"] = false;
            root["request"]!["deviceSerial"] = null;
            root["request"]!["sourceIp"] = "192.0.2.1";
        });

        var (exit, lines, _) = await Run("access", "explain", "--scenario", file);

        Assert.Equal(0, exit);
        Assert.Equal(["no_device_certificate", "route_unknown", "mfa_required", "not_clocked_in", "outside_work_hours"], Reasons(lines[0]));
    }

    [Fact]
    public async Task Explain_InvalidFileAmongValidOnes_ErrorLineInPlaceAndExit2()
    {
        var first = Write("first.json", IssueScenario);
        var bad = WriteVariant("bad.json", root => root["systems"]![1]!["segment"] = "foo");
        var last = WriteVariant("last.json", root => root["request"]!["system"] = "juki");

        var (exit, lines, _) = await Run("access", "explain", "--scenario", first, bad, last);

        Assert.Equal(2, exit);
        Assert.Equal(3, lines.Length);
        Assert.True(lines[0]["allow"]!.GetValue<bool>());
        Assert.Equal(["scenario", "error"], lines[1].Select(field => field.Key));
        Assert.Equal(bad, lines[1]["scenario"]!.GetValue<string>());
        Assert.StartsWith("systems[1].segment: ", lines[1]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("\"foo\"", lines[1]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["segment_mynumber"], Reasons(lines[2]));
    }

    [Theory]
    [InlineData("bad-cidr", "routes[0].cidrs[0]: ")]
    [InlineData("bad-address", "request.sourceIp: ")]
    [InlineData("bad-state", "devices[0].state: ")]
    [InlineData("no-request", "request: ")]
    [InlineData("bad-date", "approvals[0].date: ")]
    public async Task Explain_InvalidScenario_ErrorNamesTheField(string kind, string field)
    {
        var file = WriteVariant(kind + ".json", root =>
        {
            switch (kind)
            {
                case "bad-cidr": root["routes"]![0]!["cidrs"]![0] = "10.20.0.0/99"; break;
                case "bad-address": root["request"]!["sourceIp"] = "10.20.3"; break;
                case "bad-state": root["devices"]![0]!["state"] = "borrowed"; break;
                case "no-request": root.Remove("request"); break;
                case "bad-date": root["approvals"]![0]!["date"] = "2026/12/01"; break;
            }
        });

        var (exit, lines, _) = await Run("access", "explain", "--scenario", file);

        Assert.Equal(2, exit);
        Assert.StartsWith(field, lines[0]["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_EnglishCulture_EnglishErrorMessage()
    {
        var file = WriteVariant("bad.json", root => root["systems"]![1]!["segment"] = "foo");
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            var (_, lines, _) = await Run("access", "explain", "--scenario", file);

            Assert.StartsWith("systems[1].segment: unknown segment \"foo\"", lines[0]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task Explain_JapaneseCulture_JapaneseErrorMessageUnescaped()
    {
        var file = WriteVariant("bad.json", root => root["systems"]![1]!["segment"] = "foo");
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
        try
        {
            using var output = new StringWriter();
            await ZaitakuCli.RunAsync(["access", "explain", "--scenario", file], output, TextWriter.Null);

            Assert.Contains("systems[1].segment: 不明なセグメント \\\"foo\\\"", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task Explain_MissingFile_ErrorLineAndExit2()
    {
        var missing = Path.Combine(_folder, "none.json");

        var (exit, lines, _) = await Run("access", "explain", "--scenario", Write("ok.json", IssueScenario), missing);

        Assert.Equal(2, exit);
        Assert.Equal(missing, lines[1]["scenario"]!.GetValue<string>());
        Assert.NotNull(lines[1]["error"]);
    }

    [Fact]
    public async Task Explain_NotJson_ErrorLineAndExit2()
    {
        var (exit, lines, _) = await Run("access", "explain", "--scenario", Write("broken.json", "{\"request\": "));

        Assert.Equal(2, exit);
        Assert.StartsWith("$: ", lines[0]["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_OptionRepeated_EveryFileRead()
    {
        var first = Write("a.json", IssueScenario);
        var second = WriteVariant("b.json", root => root["request"]!["system"] = "juki");

        var (exit, lines, _) = await Run("access", "explain", "--scenario", first, "--scenario", second);

        Assert.Equal(0, exit);
        Assert.Equal([first, second], lines.Select(line => line["scenario"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Explain_PathWithJapaneseName_EchoedAsGiven()
    {
        var file = Write("在宅シナリオ.json", IssueScenario);

        using var output = new StringWriter();
        await ZaitakuCli.RunAsync(["access", "explain", "--scenario", file], output, TextWriter.Null);

        Assert.Contains(file, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_WithoutScenarioOption_UsageErrorAndNoDecision()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await ZaitakuCli.RunAsync(["access", "explain"], output, error);

        Assert.NotEqual(0, exit);
        Assert.Contains("--scenario", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"scenario\"", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 15, true, new string[0])]
    [InlineData(18, 0, false, new[] { "outside_work_hours" })]
    public async Task Explain_ScenarioWithoutNow_DecidedAtTheClockTime(int hour, int minute, bool allow, string[] reasons)
    {
        var file = WriteVariant("no-now.json", root => root.Remove("now"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, hour, minute, 0, TimeSpan.FromHours(9)));
        var root = new RootCommand();
        root.Add(AccessCommand.Create(clock));
        using var output = new StringWriter();

        var exit = await root.Parse(["access", "explain", "--scenario", file]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        var line = Lines(output.ToString()).Single();
        Assert.Equal(allow, line["allow"]!.GetValue<bool>());
        Assert.Equal(reasons, Reasons(line));
    }

    [Fact]
    public async Task Explain_ScenarioWithNow_IgnoresTheClock()
    {
        var file = Write("with-now.json", IssueScenario);
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 3, 0, 0, TimeSpan.Zero));
        var root = new RootCommand();
        root.Add(AccessCommand.Create(clock));
        using var output = new StringWriter();

        await root.Parse(["access", "explain", "--scenario", file]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.True(Lines(output.ToString()).Single()["allow"]!.GetValue<bool>());
    }
}
