using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Zaitaku.Work.Calendar;

/// <summary>
/// The holiday CSV was refused. <see cref="Row"/> and <see cref="Column"/> (1-based, the header is
/// row 1) point at the cell to fix when there is one.
/// </summary>
public sealed record HolidayCsvRejected(string Code, LocalizedText Message, int? Row = null, int? Column = null)
    : Error(Code, Message);

/// <summary>
/// Reads the Cabinet Office's list of holidays (syukujitsu.csv: header
/// "国民の祝日・休日月日,国民の祝日・休日名称", one "YYYY/M/D,名称" row a day). The official file is
/// Shift_JIS; UTF-8 with or without a BOM is accepted too. A file is accepted whole or refused.
/// </summary>
public static partial class HolidayCsv
{
    /// <summary>The header of the date column.</summary>
    public const string DateHeader = "国民の祝日・休日月日";

    /// <summary>The header of the name column.</summary>
    public const string NameHeader = "国民の祝日・休日名称";

    /// <summary>The official file is about 20 KB; anything past this is not it.</summary>
    public const int MaxBytes = 1024 * 1024;

    private const int MaxNameLength = 50;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Lazy<Encoding> StrictShiftJis = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    /// <summary>Parses a whole file; the stream is read to its end and not closed.</summary>
    public static Result<HolidayList> Parse(Stream csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var bytes = ReadAtMost(csv, MaxBytes + 1);
        if (bytes.Length > MaxBytes)
        {
            return new HolidayCsvRejected("holiday_csv_too_large", new(
                $"祝日CSVが大きすぎます（上限 {MaxBytes / 1024} KB）。内閣府の syukujitsu.csv を指定してください。",
                $"The holiday CSV is too large (limit {MaxBytes / 1024} KB). Give the Cabinet Office's syukujitsu.csv."));
        }
        if (Decode(bytes) is not { } text)
        {
            return new HolidayCsvRejected("holiday_csv_encoding", new(
                "祝日CSVの文字コードを読み取れません。Shift_JIS か UTF-8 で保存したファイルを指定してください。",
                "Cannot read the holiday CSV's character encoding. Give a file saved as Shift_JIS or UTF-8."));
        }
        return ParseText(text);
    }

    /// <summary>Parses already decoded text (for tests and for callers that decoded the file themselves).</summary>
    public static Result<HolidayList> ParseText(string text)
    {
        var lines = text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        if (lines.All(string.IsNullOrWhiteSpace))
        {
            return new HolidayCsvRejected("holiday_csv_empty", new("祝日CSVが空です。", "The holiday CSV is empty."));
        }

        var header = SplitRow(lines[0]);
        if (header is null) return UnclosedQuote(1);
        string[] expected = [DateHeader, NameHeader];
        for (var column = 1; column <= expected.Length; column++)
        {
            var actual = column <= header.Count ? header[column - 1] : "";
            if (actual != expected[column - 1])
            {
                return new HolidayCsvRejected("holiday_csv_header", new(
                    $"1行目{column}列目の見出しが内閣府の形式と違います。「{expected[column - 1]}」のはずが「{actual}」です。",
                    $"Row 1, column {column}: the header is not the Cabinet Office's format: expected '{expected[column - 1]}', found '{actual}'."),
                    1, column);
            }
        }
        if (header.Count > expected.Length) return WrongColumnCount(1, header.Count);

        var entries = new List<HolidayEntry>();
        var rowOfDate = new Dictionary<DateOnly, int>();
        var firstRowOfYear = new SortedDictionary<int, int>();
        for (var index = 1; index < lines.Length; index++)
        {
            var row = index + 1;
            if (string.IsNullOrWhiteSpace(lines[index])) continue;
            var fields = SplitRow(lines[index]);
            if (fields is null) return UnclosedQuote(row);
            if (fields.Count != 2) return WrongColumnCount(row, fields.Count);

            var dateText = fields[0];
            if (!TryParseDate(dateText, out var date))
            {
                return new HolidayCsvRejected("holiday_csv_date", new(
                    $"{row}行目1列目（{DateHeader}）の「{dateText}」は日付として読めません。2026/1/1 のように年/月/日で書いてください。",
                    $"Row {row}, column 1 (date): '{dateText}' is not a date. Write it as year/month/day, e.g. 2026/1/1."),
                    row, 1);
            }
            if (date.Year is < HolidayRules.FirstYear or > HolidayRules.LastYear)
            {
                return new HolidayCsvRejected("holiday_csv_year_out_of_range", new(
                    $"{row}行目1列目（{DateHeader}）の {date.Year}年は、扱える範囲（{HolidayRules.FirstYear}年〜{HolidayRules.LastYear}年）の外です。",
                    $"Row {row}, column 1 (date): the year {date.Year} is outside the supported range ({HolidayRules.FirstYear}–{HolidayRules.LastYear})."),
                    row, 1);
            }
            if (rowOfDate.TryGetValue(date, out var earlierRow))
            {
                return new HolidayCsvRejected("holiday_csv_duplicate_date", new(
                    $"{row}行目1列目（{DateHeader}）の {dateText} は {earlierRow}行目にもあります。1日は1行にしてください。",
                    $"Row {row}, column 1 (date): {dateText} is already on row {earlierRow}. Give each day once."),
                    row, 1);
            }

            var name = fields[1];
            if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
            {
                return new HolidayCsvRejected("holiday_csv_name", new(
                    $"{row}行目2列目（{NameHeader}）の名称が空か、{MaxNameLength}文字を超えるか、制御文字を含んでいます。",
                    $"Row {row}, column 2 (name): the name is empty, longer than {MaxNameLength} characters or contains control characters."),
                    row, 2);
            }

            rowOfDate[date] = row;
            firstRowOfYear.TryAdd(date.Year, row);
            entries.Add(new HolidayEntry(date, name));
        }

        if (entries.Count == 0)
        {
            return new HolidayCsvRejected("holiday_csv_no_rows", new(
                "祝日CSVに見出しの行しかありません。",
                "The holiday CSV has only its header row."));
        }

        // A year without its 元日 is a cut or hand-made file: taking it would drop that year's other holidays.
        foreach (var (year, row) in firstRowOfYear)
        {
            if (!rowOfDate.ContainsKey(new DateOnly(year, 1, 1)))
            {
                return new HolidayCsvRejected("holiday_csv_partial_year", new(
                    $"{row}行目1列目（{DateHeader}）: {year}年の元日（{year}/1/1）の行がありません。年の途中からの一覧は取り込めません。",
                    $"Row {row}, column 1 (date): the year {year} has no row for New Year's Day ({year}/1/1). A partial year cannot be imported."),
                    row, 1);
            }
        }

        return HolidayList.From(entries);
    }

    private static byte[] ReadAtMost(Stream stream, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    // UTF-8 first: Shift_JIS text with Japanese in it is practically never valid UTF-8, the reverse often is.
    private static string? Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        var span = bytes.AsSpan();
        if (span.StartsWith(bom)) span = span[bom.Length..];
        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
        }
        try
        {
            return StrictShiftJis.Value.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // Official rows have no quotes; a file saved again by a spreadsheet may quote fields.
    private static List<string>? SplitRow(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && field.ToString().Trim().Length == 0) { quoted = true; wasQuoted = true; field.Clear(); }
            else if (c == ',') { fields.Add(Finish(field, wasQuoted)); field.Clear(); wasQuoted = false; }
            else field.Append(c);
        }
        if (quoted) return null;
        fields.Add(Finish(field, wasQuoted));
        return fields;

        static string Finish(StringBuilder field, bool wasQuoted) => wasQuoted ? field.ToString() : field.ToString().Trim();
    }

    private static bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        var match = DatePattern().Match(text);
        return match.Success && DateOnly.TryParseExact(
            $"{match.Groups[1].Value}-{match.Groups[2].Value.PadLeft(2, '0')}-{match.Groups[3].Value.PadLeft(2, '0')}",
            "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static HolidayCsvRejected WrongColumnCount(int row, int count) => new("holiday_csv_columns", new(
        $"{row}行目の列の数が {count} です。「{DateHeader}」と「{NameHeader}」の2列にしてください。",
        $"Row {row} has {count} columns; expected 2 (date and name)."),
        row, count < 2 ? count + 1 : 3);

    private static HolidayCsvRejected UnclosedQuote(int row) => new("holiday_csv_quote", new(
        $"{row}行目の引用符（\"）が閉じていません。",
        $"Row {row}: a quotation mark (\") is not closed."),
        row);

    [GeneratedRegex(@"^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
