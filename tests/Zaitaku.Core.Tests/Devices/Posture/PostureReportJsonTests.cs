using Zaitaku.Devices.Posture;

namespace Zaitaku.Core.Tests.Devices.Posture;

public class PostureReportJsonTests
{
    private const string Valid = """
        {
          "osBuild": "10.0.22631.4460",
          "antivirusDefinitionsDate": "2026-11-25",
          "diskEncrypted": true,
          "userDataStoredLocally": false,
          "screenCaptureBlocked": true,
          "agentVersion": "1.4.0",
          "reportedAt": "2026-11-26T09:15:00+09:00"
        }
        """;

    private static string With(string field, string rawValue) =>
        System.Text.RegularExpressions.Regex.Replace(Valid, $"\"{field}\": [^,\\n]+", $"\"{field}\": {rawValue}");

    private static PostureReportInvalid Refused(string json) => Assert.IsType<PostureReportInvalid>(PostureReportJson.Parse(json).Error);

    [Fact]
    public void Parse_ValidReport_ReadsEveryField()
    {
        var report = PostureReportJson.Parse(Valid).Value;

        Assert.Equal("10.0.22631.4460", report.OsBuild);
        Assert.Equal(new DateOnly(2026, 11, 25), report.AntivirusDefinitionsDate);
        Assert.True(report.DiskEncrypted);
        Assert.False(report.UserDataStoredLocally);
        Assert.True(report.ScreenCaptureBlocked);
        Assert.Equal("1.4.0", report.AgentVersion);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 15, 0, TimeSpan.Zero), report.ReportedAt);
    }

    [Fact]
    public void Write_ThenParse_GivesTheSameReport()
    {
        var report = PostureReportJson.Parse(Valid).Value;

        Assert.Equal(report, PostureReportJson.Parse(PostureReportJson.Write(report)).Value);
    }

    [Fact]
    public void Parse_DefinitionsAsDateTime_TakesTheTokyoDate()
    {
        var report = PostureReportJson.Parse(With("antivirusDefinitionsDate", "\"2026-11-24T20:00:00Z\"")).Value;

        Assert.Equal(new DateOnly(2026, 11, 25), report.AntivirusDefinitionsDate);
    }

    [Theory]
    [InlineData("osBuild")]
    [InlineData("antivirusDefinitionsDate")]
    [InlineData("diskEncrypted")]
    [InlineData("userDataStoredLocally")]
    [InlineData("screenCaptureBlocked")]
    [InlineData("agentVersion")]
    [InlineData("reportedAt")]
    public void Parse_FieldMissing_NamesIt(string field)
    {
        var json = System.Text.RegularExpressions.Regex.Replace(Valid, $"\\s*\"{field}\": [^,\\n]+,?", "");
        json = json.Replace(",\n}", "\n}");

        var error = Refused(json);

        Assert.Equal(field, error.Field);
        Assert.Equal($"{field}: 必須の項目がありません。", error.Message.Ja);
    }

    [Theory]
    [InlineData("diskEncrypted", "\"yes\"")]
    [InlineData("diskEncrypted", "1")]
    [InlineData("screenCaptureBlocked", "null")]
    [InlineData("osBuild", "\"10.0.abc\"")]
    [InlineData("osBuild", "10")]
    [InlineData("agentVersion", "\"v1.4\"")]
    [InlineData("agentVersion", "\"1.2.3.4.5\"")]
    [InlineData("antivirusDefinitionsDate", "\"2026/11/25\"")]
    [InlineData("antivirusDefinitionsDate", "\"2026-02-30\"")]
    [InlineData("antivirusDefinitionsDate", "\"2026-11-25\\n\"")]
    [InlineData("reportedAt", "\"2026-11-26T09:15:00\"")]
    [InlineData("reportedAt", "\"2026-11-26 09:15:00+09:00\"")]
    [InlineData("reportedAt", "\"２０２６-11-26T09:15:00+09:00\"")]
    public void Parse_FieldMistyped_NamesItAndShowsTheValue(string field, string raw)
    {
        var error = Refused(With(field, raw));

        Assert.Equal(field, error.Field);
        Assert.StartsWith($"{field}: ", error.Message.Ja);
    }

    [Fact]
    public void Parse_BooleanAsString_MessageShowsWhatWasSent()
    {
        var error = Refused(With("diskEncrypted", "\"yes\""));

        Assert.Equal("diskEncrypted: true か false で指定してください（\"yes\"）。", error.Message.Ja);
    }

    [Fact]
    public void Parse_UnknownField_Refused()
    {
        var error = Refused(Valid.Replace("\"agentVersion\"", "\"deviceSerial\": \"x\",\n  \"agentVersion\""));

        Assert.Equal("deviceSerial", error.Field);
    }

    [Fact]
    public void Parse_DuplicateField_Refused()
    {
        var error = Refused(Valid.Replace("\"agentVersion\"", "\"diskEncrypted\": false,\n  \"agentVersion\""));

        Assert.Equal("diskEncrypted", error.Field);
        Assert.Contains("2回", error.Message.Ja);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"osBuild\": }")]
    [InlineData("[1, 2]")]
    [InlineData("\"report\"")]
    public void Parse_NotAJsonObject_RefusedAtTheRoot(string json)
    {
        Assert.Equal("$", Refused(json).Field);
    }

    [Fact]
    public void Parse_TooLarge_Refused()
    {
        var json = Valid.Replace("\"1.4.0\"", "\"1.4.0\"" + new string(' ', PostureReportJson.MaxBytes));

        Assert.Equal("$", Refused(json).Field);
    }
}
