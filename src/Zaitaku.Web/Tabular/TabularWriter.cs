using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Zaitaku.Web.Tabular;

/// <summary>The formats a table can be downloaded in.</summary>
public enum TabularFormat
{
    /// <summary>CSV in UTF-8 with a BOM, which Excel opens correctly.</summary>
    CsvUtf8,

    /// <summary>CSV in Shift_JIS (CP932), for older systems.</summary>
    CsvShiftJis,

    Xlsx,
}

/// <summary>Writes tables for download; every text cell is neutralised against formula injection.</summary>
public static class TabularWriter
{
    public static TabularFormat? ParseFormat(string? format) => format?.ToLowerInvariant() switch
    {
        null or "" or "csv" or "csv-utf8" => TabularFormat.CsvUtf8,
        "csv-sjis" or "sjis" or "shift_jis" => TabularFormat.CsvShiftJis,
        "xlsx" => TabularFormat.Xlsx,
        _ => null,
    };

    public static string ContentType(TabularFormat format) => format == TabularFormat.Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : format == TabularFormat.CsvShiftJis ? "text/csv; charset=shift_jis" : "text/csv; charset=utf-8";

    public static string Extension(TabularFormat format) => format == TabularFormat.Xlsx ? "xlsx" : "csv";

    /// <summary>
    /// A cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) gets a
    /// leading apostrophe, so <c>=cmd|…</c> in a name stays text.
    /// </summary>
    public static string Neutralize(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>A workbook of several sheets, each with its header row even when it has no rows.</summary>
    public static byte[] WriteSheets(IReadOnlyList<(string Sheet, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string?>> Rows)> sheets)
    {
        var workbook = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (sheet, header, rows) in sheets)
        {
            var table = new System.Data.DataTable(sheet);
            foreach (var h in header) table.Columns.Add(h, typeof(string));
            foreach (var row in rows)
            {
                var values = new object?[header.Count];
                for (var i = 0; i < header.Count; i++) values[i] = Neutralize(i < row.Count ? row[i] : null);
                table.Rows.Add(values);
            }
            workbook[sheet] = table;
        }
        using var stream = new MemoryStream();
        stream.SaveAs(workbook, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public static byte[] Write(TabularFormat format, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, string sheetName = "Sheet1")
    {
        if (format == TabularFormat.Xlsx)
        {
            var table = rows.Select(row =>
            {
                var dict = new Dictionary<string, object?>(header.Count);
                for (var i = 0; i < header.Count; i++) dict[header[i]] = Neutralize(i < row.Count ? row[i] : null);
                return dict;
            });
            using var stream = new MemoryStream();
            stream.SaveAs(table, sheetName: sheetName, excelType: ExcelType.XLSX);
            return stream.ToArray();
        }

        var encoding = format == TabularFormat.CsvShiftJis
            ? CodePagesEncodingProvider.Instance.GetEncoding(932, new EncoderReplacementFallback("〓"), DecoderFallback.ReplacementFallback)!
            : new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        using var output = new MemoryStream();
        using (var writer = new StreamWriter(output, encoding, leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" }))
        {
            foreach (var h in header) csv.WriteField(h);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(Neutralize(cell));
                csv.NextRecord();
            }
        }
        return output.ToArray();
    }
}
