using System.Text;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Core.Tests.Work.Calendar;

public class HolidayCsvTests
{
    private const string Header = "国民の祝日・休日月日,国民の祝日・休日名称";

    private static readonly Encoding ShiftJis = CreateShiftJis();

    // A year the built-in list does not have, as the Cabinet Office would publish it (CRLF, Shift_JIS).
    private static readonly string Year2028 = string.Join("\r\n",
        Header,
        "2028/1/1,元日", "2028/1/10,成人の日", "2028/2/11,建国記念の日", "2028/2/23,天皇誕生日",
        "2028/3/20,春分の日", "2028/4/29,昭和の日", "2028/5/3,憲法記念日", "2028/5/4,みどりの日",
        "2028/5/5,こどもの日", "2028/6/1,架空の記念日", "2028/7/17,海の日", "2028/8/11,山の日",
        "2028/9/18,敬老の日", "2028/9/22,秋分の日", "2028/10/9,スポーツの日", "2028/11/3,文化の日",
        "2028/11/23,勤労感謝の日") + "\r\n";

    [Fact]
    public void Parse_OfficialFileInShiftJis_ReadsEveryRow()
    {
        var text = File.ReadAllText(OfficialList.Path, Encoding.UTF8);

        var parsed = HolidayCsv.Parse(new MemoryStream(ShiftJis.GetBytes(text.Replace("\n", "\r\n"))));

        Assert.True(parsed.IsOk, parsed.Error?.Message.Ja);
        Assert.Equal(OfficialList.All.Count, parsed.Value.Holidays.Count);
        Assert.Equal(OfficialList.All.OrderBy(r => r.Key).Select(r => (r.Key, r.Value)), parsed.Value.Holidays.Select(h => (h.Date, h.Name)));
    }

    [Theory]
    [InlineData("shift_jis")]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    public void Parse_SameFileInEachAcceptedEncoding_SameHolidays(string encoding)
    {
        byte[] bytes = encoding switch
        {
            "shift_jis" => ShiftJis.GetBytes(Year2028),
            "utf-8" => new UTF8Encoding(false).GetBytes(Year2028),
            _ => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Year2028)],
        };

        var parsed = HolidayCsv.Parse(new MemoryStream(bytes));

        Assert.True(parsed.IsOk, parsed.Error?.Message.Ja);
        Assert.Equal(17, parsed.Value.Holidays.Count);
        Assert.Equal("架空の記念日", parsed.Value.Holidays.Single(h => h.Date == new DateOnly(2028, 6, 1)).Name);
        Assert.Equal([2028], parsed.Value.Years);
    }

    [Fact]
    public void Parse_QuotedFieldsAndLfAndTrailingBlankLines_Accepted()
    {
        var csv = $"\"国民の祝日・休日月日\",\"国民の祝日・休日名称\"\n\"2028/1/1\",\"元日\"\n2028/1/10,成人の日\n\n\n";

        var parsed = HolidayCsv.ParseText(csv);

        Assert.True(parsed.IsOk, parsed.Error?.Message.Ja);
        Assert.Equal(["元日", "成人の日"], parsed.Value.Holidays.Select(h => h.Name));
    }

    [Theory]
    [InlineData("日付,名称\n2028/1/1,元日", 1, 1, "「国民の祝日・休日月日」のはずが「日付」")]
    [InlineData("国民の祝日・休日月日,名称\n2028/1/1,元日", 1, 2, "「国民の祝日・休日名称」のはずが「名称」")]
    [InlineData("国民の祝日・休日月日\n2028/1/1,元日", 1, 2, "「国民の祝日・休日名称」のはずが「」")]
    public void Parse_WrongHeader_RefusedNamingRow1AndTheColumn(string csv, int row, int column, string says)
    {
        var rejected = Refused(HolidayCsv.ParseText(csv), "holiday_csv_header", row, column);

        Assert.Contains($"1行目{column}列目", rejected.Message.Ja);
        Assert.Contains(says, rejected.Message.Ja);
        Assert.Contains($"Row 1, column {column}", rejected.Message.En);
    }

    [Theory]
    [InlineData("2028/13/1")]
    [InlineData("2028/2/30")]
    [InlineData("2028-01-10")]
    [InlineData("令和10年1月10日")]
    [InlineData("")]
    public void Parse_BadDate_RefusedNamingRowAndColumn1(string date)
    {
        var csv = $"{Header}\n2028/1/1,元日\n{date},成人の日\n";

        var rejected = Refused(HolidayCsv.ParseText(csv), "holiday_csv_date", 3, 1);

        Assert.StartsWith("3行目1列目（国民の祝日・休日月日）", rejected.Message.Ja);
        Assert.Contains($"「{date}」", rejected.Message.Ja);
        Assert.StartsWith("Row 3, column 1 (date)", rejected.Message.En);
    }

    [Theory]
    [InlineData("2028/1/10,成人の日,余分", 3)]
    [InlineData("2028/1/10", 1)]
    public void Parse_RowWithoutTwoColumns_RefusedNamingTheRow(string line, int columns)
    {
        var csv = $"{Header}\n2028/1/1,元日\n{line}\n";

        var rejected = Refused(HolidayCsv.ParseText(csv), "holiday_csv_columns", 3, columns == 1 ? 2 : 3);

        Assert.Contains($"3行目の列の数が {columns} です", rejected.Message.Ja);
        Assert.Contains($"Row 3 has {columns} columns", rejected.Message.En);
    }

    [Fact]
    public void Parse_EmptyName_RefusedNamingColumn2()
    {
        var rejected = Refused(HolidayCsv.ParseText($"{Header}\n2028/1/1,元日\n2028/1/10,\n"), "holiday_csv_name", 3, 2);

        Assert.StartsWith("3行目2列目（国民の祝日・休日名称）", rejected.Message.Ja);
    }

    [Fact]
    public void Parse_SameDateTwice_RefusedNamingBothRows()
    {
        var rejected = Refused(HolidayCsv.ParseText($"{Header}\n2028/1/1,元日\n2028/1/01,元日\n"), "holiday_csv_duplicate_date", 3, 1);

        Assert.Contains("2行目にもあります", rejected.Message.Ja);
    }

    [Fact]
    public void Parse_YearWithoutNewYearsDay_RefusedAsPartialYear()
    {
        var rejected = Refused(HolidayCsv.ParseText($"{Header}\n2028/1/1,元日\n2029/2/11,建国記念の日\n"), "holiday_csv_partial_year", 3, 1);

        Assert.Contains("2029年の元日（2029/1/1）の行がありません", rejected.Message.Ja);
    }

    [Fact]
    public void Parse_YearOutsideSupportedRange_Refused() =>
        Refused(HolidayCsv.ParseText($"{Header}\n2100/1/1,元日\n"), "holiday_csv_year_out_of_range", 2, 1);

    [Fact]
    public void Parse_UnclosedQuote_RefusedNamingTheRow() =>
        Refused(HolidayCsv.ParseText($"{Header}\n2028/1/1,\"元日\n"), "holiday_csv_quote", 2, null);

    [Fact]
    public void Parse_HeaderOnly_Refused() =>
        Refused(HolidayCsv.ParseText(Header + "\r\n"), "holiday_csv_no_rows", null, null);

    [Fact]
    public void Parse_EmptyFile_Refused() =>
        Refused(HolidayCsv.Parse(new MemoryStream()), "holiday_csv_empty", null, null);

    [Fact]
    public void Parse_BytesNeitherUtf8NorShiftJis_RefusedAsEncoding()
    {
        // 0x81 0x20: a Shift_JIS lead byte followed by a byte that cannot trail it; not UTF-8 either.
        byte[] bytes = [.. ShiftJis.GetBytes(Header + "\r\n2028/1/1,"), 0x81, 0x20, 0x0D, 0x0A];

        var rejected = Refused(HolidayCsv.Parse(new MemoryStream(bytes)), "holiday_csv_encoding", null, null);

        Assert.Contains("Shift_JIS か UTF-8", rejected.Message.Ja);
    }

    [Fact]
    public void Parse_FileLargerThanLimit_RefusedWithoutReadingItAll()
    {
        var stream = new MemoryStream(new byte[HolidayCsv.MaxBytes + 10]);

        Refused(HolidayCsv.Parse(stream), "holiday_csv_too_large", null, null);
        Assert.Equal(HolidayCsv.MaxBytes + 1, stream.Position);
    }

    [Fact]
    public void Import_NewYear_TakesPrecedenceOverRules()
    {
        var before = JapaneseHolidays.Official;

        var imported = before.Import(new MemoryStream(ShiftJis.GetBytes(Year2028)));

        Assert.True(imported.IsOk, imported.Error?.Message.Ja);
        var after = imported.Value;
        Assert.Equal(HolidaySource.Imported, after.SourceOf(2028));
        Assert.Equal("架空の記念日", after.Find(new DateOnly(2028, 6, 1))?.Name);
        Assert.Equal(17, after.InYear(2028).Count);
        Assert.Equal(HolidaySource.Published, after.SourceOf(2027));
        Assert.Equal(HolidaySource.Rules, after.SourceOf(2029));
        // The calendar imported into is unchanged.
        Assert.Equal(HolidaySource.Rules, before.SourceOf(2028));
        Assert.False(before.IsHoliday(new DateOnly(2028, 6, 1)));
    }

    [Fact]
    public void Import_PublishedYear_ImportedListReplacesTheBuiltInYearWhole()
    {
        var csv = $"{Header}\r\n2027/1/1,元日\r\n2027/12/28,架空の休日\r\n";

        var after = JapaneseHolidays.Official.Import(new MemoryStream(Encoding.UTF8.GetBytes(csv))).Value;

        Assert.Equal(HolidaySource.Imported, after.SourceOf(2027));
        Assert.Equal(["元日", "架空の休日"], after.InYear(2027).Select(h => h.Name));
        Assert.False(after.IsHoliday(new DateOnly(2027, 5, 3)));
    }

    [Fact]
    public void Import_MalformedFile_RefusedAndCalendarUnchanged()
    {
        var calendar = JapaneseHolidays.Official;
        var firstImport = calendar.Import(new MemoryStream(ShiftJis.GetBytes(Year2028))).Value;

        var refused = firstImport.Import(new MemoryStream(ShiftJis.GetBytes($"{Header}\r\n2029/1/1,元日\r\n2029/2/31,建国記念の日\r\n")));

        Assert.False(refused.IsOk);
        Assert.Equal("holiday_csv_date", refused.Error!.Code);
        Assert.Equal(HolidaySource.Rules, firstImport.SourceOf(2029));
        Assert.Equal(17, firstImport.InYear(2028).Count);
        Assert.Equal(HolidaySource.Rules, calendar.SourceOf(2028));
    }

    [Fact]
    public void WithImported_StoredEntriesOfAnImport_RebuildTheSameCalendar()
    {
        var imported = JapaneseHolidays.Official.Import(new MemoryStream(ShiftJis.GetBytes(Year2028))).Value;
        var stored = imported.Imported.Entries.ToList();

        var rebuilt = JapaneseHolidays.Official.WithImported(HolidayList.From(stored));

        Assert.Equal(imported.InYear(2028), rebuilt.InYear(2028));
        Assert.Equal(HolidaySource.Imported, rebuilt.SourceOf(2028));
    }

    [Fact]
    public void Import_SecondImport_KeepsEarlierImportedYearsItDoesNotCover()
    {
        var first = JapaneseHolidays.Official.Import(new MemoryStream(ShiftJis.GetBytes(Year2028))).Value;

        var second = first.Import(new MemoryStream(Encoding.UTF8.GetBytes($"{Header}\n2029/1/1,元日\n"))).Value;

        Assert.Equal(HolidaySource.Imported, second.SourceOf(2028));
        Assert.Equal(HolidaySource.Imported, second.SourceOf(2029));
        Assert.Equal([2028, 2029], second.Imported.Years.Order());
    }

    private static HolidayCsvRejected Refused(Result<HolidayList> result, string code, int? row, int? column)
    {
        Assert.False(result.IsOk);
        var rejected = Assert.IsType<HolidayCsvRejected>(result.Error);
        Assert.Equal(code, rejected.Code);
        Assert.Equal(row, rejected.Row);
        Assert.Equal(column, rejected.Column);
        Assert.NotEmpty(rejected.Message.Ja);
        Assert.NotEmpty(rejected.Message.En);
        return rejected;
    }

    private static Encoding CreateShiftJis()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }
}
