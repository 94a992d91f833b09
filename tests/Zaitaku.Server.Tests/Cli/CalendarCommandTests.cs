using System.Text;
using Zaitaku.Server.Cli;

namespace Zaitaku.Server.Tests.Cli;

public class CalendarCommandTests
{
    [Fact]
    public async Task Holidays_May2026_EachHolidayAsDateTabNameInDateOrder()
    {
        var run = await Run("calendar", "holidays", "--from", "2026-05-01", "--to", "2026-05-31");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["2026-05-03\t憲法記念日", "2026-05-04\tみどりの日", "2026-05-05\tこどもの日", "2026-05-06\t休日"], run.OutLines);
        Assert.Empty(run.Err);
    }

    [Fact]
    public async Task Holidays_2019GoldenWeek_EnthronementDaysWithOfficialNames()
    {
        var run = await Run("calendar", "holidays", "--from", "2019-04-27", "--to", "2019-05-06");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["2019-04-29\t昭和の日", "2019-04-30\t休日", "2019-05-01\t休日（祝日扱い）", "2019-05-02\t休日",
             "2019-05-03\t憲法記念日", "2019-05-04\tみどりの日", "2019-05-05\tこどもの日", "2019-05-06\t休日"],
            run.OutLines);
    }

    [Fact]
    public async Task Holidays_BoundsAreHolidays_BothIncluded()
    {
        var run = await Run("calendar", "holidays", "--from", "2026-01-01", "--to", "2026-01-12");

        Assert.Equal(["2026-01-01\t元日", "2026-01-12\t成人の日"], run.OutLines);
    }

    [Fact]
    public async Task Holidays_RangeWithoutHolidays_PrintsNothing()
    {
        var run = await Run("calendar", "holidays", "--from", "2026-06-01", "--to", "2026-06-30");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("--from", "2026-13-01", "--to", "2026-12-31")]
    [InlineData("--from", "2026/01/01", "--to", "2026-12-31")]
    [InlineData("--to", "tomorrow", "--from", "2026-01-01")]
    [InlineData("--to", "2026-02-30", "--from", "2026-01-01")]
    public async Task Holidays_BadDate_Exit2NamingTheOption(string badOption, string badValue, string otherOption, string otherValue)
    {
        var run = await Run("calendar", "holidays", badOption, badValue, otherOption, otherValue);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains($"{badOption} の「{badValue}」は日付として読めません", run.Err);
        Assert.Contains($"{badOption}: '{badValue}' is not a date", run.Err);
    }

    [Fact]
    public async Task Holidays_FromAfterTo_Exit2NamingBoth()
    {
        var run = await Run("calendar", "holidays", "--from", "2026-12-01", "--to", "2026-01-31");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("--from（2026-12-01）が --to（2026-01-31）より後です", run.Err);
    }

    [Fact]
    public async Task Holidays_MissingFrom_Exit2NamingIt()
    {
        var run = await Run("calendar", "holidays", "--to", "2026-01-31");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--from を YYYY-MM-DD で指定してください", run.Err);
    }

    [Fact]
    public async Task Holidays_YearOutsideKnownRange_Exit2NamingTheOption()
    {
        var run = await Run("calendar", "holidays", "--from", "1900-01-01", "--to", "2026-01-31");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--from は 1949-01-01 から 2099-12-31 までの日付にしてください", run.Err);
    }

    [Fact]
    public async Task Holidays_WithShiftJisCsv_ImportedYearShown()
    {
        using var file = TempFile.ShiftJis("国民の祝日・休日月日,国民の祝日・休日名称\r\n2028/1/1,元日\r\n2028/6/1,架空の記念日\r\n");

        var run = await Run("calendar", "holidays", "--from", "2028-01-01", "--to", "2028-12-31", "--csv", file.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["2028-01-01\t元日", "2028-06-01\t架空の記念日"], run.OutLines);
    }

    [Fact]
    public async Task Holidays_WithMalformedCsv_Exit2WithRowAndColumn()
    {
        using var file = TempFile.ShiftJis("国民の祝日・休日月日,国民の祝日・休日名称\r\n2028/1/1,元日\r\n2028/6/31,架空の記念日\r\n");

        var run = await Run("calendar", "holidays", "--from", "2028-01-01", "--to", "2028-12-31", "--csv", file.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("3行目1列目", run.Err);
        Assert.Contains("Row 3, column 1", run.Err);
    }

    [Fact]
    public async Task Holidays_CsvFileMissing_Exit2NamingTheOption()
    {
        var run = await Run("calendar", "holidays", "--from", "2028-01-01", "--to", "2028-12-31", "--csv", "/nonexistent/syukujitsu.csv");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--csv のファイル「/nonexistent/syukujitsu.csv」がありません", run.Err);
    }

    [Fact]
    public async Task WorkingDays_April2026_CountThenEachDay()
    {
        var run = await Run("calendar", "working-days", "--from", "2026-04-01", "--to", "2026-04-30");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("21", run.OutLines[0]);
        Assert.Equal(22, run.OutLines.Length);
        Assert.Equal("2026-04-01", run.OutLines[1]);
        Assert.Equal("2026-04-30", run.OutLines[^1]);
        Assert.DoesNotContain("2026-04-29", run.OutLines);
        Assert.DoesNotContain("2026-04-04", run.OutLines);
    }

    [Fact]
    public async Task WorkingDays_YearEndWithClosure_LeavesOutClosureAndYearEnd()
    {
        var run = await Run("calendar", "working-days", "--from", "2026-12-24", "--to", "2027-01-06", "--closure", "2027-01-05");

        // 12/29–1/3 is the year-end closure, 1/5 the municipality's own closure day.
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["5", "2026-12-24", "2026-12-25", "2026-12-28", "2027-01-04", "2027-01-06"], run.OutLines);
    }

    [Fact]
    public async Task WorkingDays_BadClosure_Exit2NamingIt()
    {
        var run = await Run("calendar", "working-days", "--from", "2026-12-24", "--to", "2027-01-06", "--closure", "2027-1-5");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--closure の「2027-1-5」は日付として読めません", run.Err);
    }

    private static async Task<CliRun> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ZaitakuCli.RunAsync(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    private sealed record CliRun(int ExitCode, string Out, string Err)
    {
        public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    private sealed class TempFile : IDisposable
    {
        private TempFile(string path) => Path = path;

        public string Path { get; }

        public static TempFile ShiftJis(string text)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"zaitaku-holidays-{Guid.NewGuid():N}.csv");
            File.WriteAllBytes(path, Encoding.GetEncoding(932).GetBytes(text));
            return new TempFile(path);
        }

        public void Dispose() => File.Delete(Path);
    }
}
