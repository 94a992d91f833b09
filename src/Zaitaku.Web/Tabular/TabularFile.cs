using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Zaitaku.Web.Tabular;

/// <summary>One data row of an uploaded table: its row number as a spreadsheet shows it (the header is row 1).</summary>
public sealed record TabularRow(int Number, string[] Cells)
{
    public string Cell(int column) => column < Cells.Length ? Cells[column] : "";
}

/// <summary>What is wrong with an uploaded file, naming the sheet (of a workbook with several), row and column where there is one.</summary>
public sealed record TabularProblem(int? Row, string? Column, string Value, LocalizedText Message, string? Sheet = null)
{
    /// <summary>The message with its place: 「3行目「所属コード」: …」, or 「業務一覧」3行目「所属コード」: … with a sheet.</summary>
    public LocalizedText Located
    {
        get
        {
            var place = (Row, Column) switch
            {
                (int r, string c) => new LocalizedText($"{r}行目「{c}」: {Message.Ja}", $"Row {r}, column \"{c}\": {Message.En}"),
                (int r, null) => new($"{r}行目: {Message.Ja}", $"Row {r}: {Message.En}"),
                (null, string c) => new($"列「{c}」: {Message.Ja}", $"Column \"{c}\": {Message.En}"),
                _ => Message,
            };
            return Sheet is null ? place : new($"「{Sheet}」{place.Ja}", $"Sheet \"{Sheet}\", {place.En}");
        }
    }
}

/// <summary>An uploaded table: CSV in UTF-8 (with or without BOM) or Shift_JIS (CP932), detected; or .xlsx.</summary>
public sealed record TabularFile(IReadOnlyList<string> Header, IReadOnlyList<TabularRow> Rows, string Format)
{
    /// <summary>Files larger than this are refused before they are read (20 MB).</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    static TabularFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Shift_JIS as Windows writes it (CP932).</summary>
    public static Encoding ShiftJis { get; } = CodePagesEncodingProvider.Instance.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;

    /// <summary>Reads a file, or says what is wrong with it.</summary>
    public static Result<TabularFile> Read(byte[] content)
    {
        if (content.LongLength > MaxBytes)
            return new TabularError(new TabularProblem(null, null, "", new($"ファイルが大きすぎます（{content.LongLength / 1024 / 1024}MB）。20MB以下にしてください。",
                $"The file is too large ({content.LongLength / 1024 / 1024} MB); the limit is 20 MB.")));
        if (content.Length == 0)
            return new TabularError(new TabularProblem(null, null, "", new("ファイルが空です。", "The file is empty.")));
        return IsZip(content) ? ReadXlsx(content) : ReadCsv(content);
    }

    private static bool IsZip(byte[] content) => content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    private static Result<TabularFile> ReadCsv(byte[] content)
    {
        if (Decode(content) is not { } decoded)
            return new TabularError(new TabularProblem(null, null, "", new("文字コードを判別できません。UTF-8またはShift_JISで保存したCSVファイルにしてください。",
                "Cannot tell the character encoding; save the CSV as UTF-8 or Shift_JIS.")));
        var (text, encodingName) = decoded;
        var problems = new List<TabularProblem>();
        var rows = new List<TabularRow>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            Mode = CsvMode.RFC4180,
            BadDataFound = args => problems.Add(new(args.Context.Parser?.Row, null, Truncate(args.RawRecord),
                new("引用符（\"）の対応が正しくありません。ファイルが途中で切れていないか確認してください。",
                    "Quotes (\") do not match; check that the file is complete."))),
        };
        using var parser = new CsvParser(new StringReader(text), configuration);
        string[]? header = null;
        while (parser.Read())
        {
            var record = parser.Record ?? [];
            if (header is null)
            {
                header = record.Select(h => h.Trim()).ToArray();
                continue;
            }
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new TabularRow(parser.Row, record));
        }
        if (problems.Count > 0) return new TabularError([.. problems]);
        if (header is null || header.All(string.IsNullOrWhiteSpace))
            return new TabularError(new TabularProblem(1, null, "", new("見出し行がありません。", "The header row is missing.")));
        return new TabularFile(header, rows, $"CSV ({encodingName})");
    }

    /// <summary>UTF-8 when it decodes as UTF-8 (a BOM decides at once), else Shift_JIS; null when neither.</summary>
    public static (string Text, string Encoding)? Decode(byte[] content)
    {
        if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF)
        {
            try { return (new UTF8Encoding(false, true).GetString(content, 3, content.Length - 3), "UTF-8"); }
            catch (DecoderFallbackException) { return null; }
        }
        try { return (new UTF8Encoding(false, true).GetString(content), "UTF-8"); }
        catch (DecoderFallbackException) { }
        try { return (ShiftJis.GetString(content), "Shift_JIS"); }
        catch (DecoderFallbackException) { return null; }
    }

    /// <summary>
    /// Reads every sheet of a workbook by name (a CSV file is one table named after its format), or
    /// says what is wrong with it. Sheets with no header row are left out.
    /// </summary>
    public static Result<IReadOnlyList<(string Sheet, TabularFile Table)>> ReadSheets(byte[] content)
    {
        if (content.LongLength > MaxBytes || content.Length == 0 || !IsZip(content))
        {
            var single = Read(content);
            return single.IsOk ? new[] { ("CSV", single.Value) } : single.Error!;
        }
        List<string> names;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            names = MiniExcel.GetSheetNames(stream);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException or IndexOutOfRangeException or KeyNotFoundException)
        {
            return Unreadable();
        }
        var sheets = new List<(string, TabularFile)>();
        foreach (var name in names)
        {
            var sheet = ReadXlsx(content, name);
            if (sheet.IsOk) sheets.Add((name, sheet.Value));
            else if (sheet.Error is TabularError { Problems: [{ Row: 1 }] }) continue;
            else return sheet.Error!;
        }
        return sheets;
    }

    private static TabularError Unreadable() => new(new TabularProblem(null, null, "", new("Excelファイル（.xlsx）を読み取れません。ファイルが壊れているか途中で切れています。",
        "Cannot read the Excel (.xlsx) file; it is damaged or incomplete.")));

    private static Result<TabularFile> ReadXlsx(byte[] content, string? sheetName = null)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var rows = new List<TabularRow>();
            string[]? header = null;
            var number = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheetName, excelType: ExcelType.XLSX))
            {
                number++;
                var cells = row.Values.Select(CellText).ToArray();
                if (header is null)
                {
                    header = cells.Select(c => c.Trim()).ToArray();
                    continue;
                }
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                rows.Add(new TabularRow(number, cells));
            }
            if (header is null || header.All(string.IsNullOrWhiteSpace))
                return new TabularError(new TabularProblem(1, null, "", new("見出し行がありません。", "The header row is missing.")));
            return new TabularFile(header, rows, "Excel (.xlsx)");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException or IndexOutOfRangeException or KeyNotFoundException)
        {
            return Unreadable();
        }
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double n => n.ToString("0.############", CultureInfo.InvariantCulture),
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Truncate(string? text) => text is null ? "" : text.Length > 60 ? text[..60] + "…" : text;
}

/// <summary>A file that cannot be read at all, with every problem found.</summary>
public sealed record TabularError(params TabularProblem[] Problems)
    : Error("file_unreadable", Problems.Length > 0 ? Problems[0].Located : new("ファイルを読み取れません。", "Cannot read the file."));
