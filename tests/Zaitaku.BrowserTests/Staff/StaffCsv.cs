using System.Text;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.BrowserTests.Staff;

/// <summary>A staff list as the HR system exports it: CSV in Shift_JIS (CP932), header row first.</summary>
public static class StaffCsv
{
    /// <summary>The headers HR uses, in the order of the import page's column table.</summary>
    public static readonly string[] Header =
        ["職員番号", "姓", "名", "姓（かな）", "名（かな）", "メールアドレス", "雇用区分", "所属コード", "役職", "任用開始日", "任用終了日"];

    private static readonly Encoding ShiftJis = CreateShiftJis();

    /// <summary>The row of a seeded staff member exactly as stored, so importing it changes nothing.</summary>
    public static string[] RowOf(TenantSeed seed, StaffMember member) =>
    [
        member.StaffNumber, member.FamilyName, member.GivenName, member.FamilyNameKana, member.GivenNameKana, member.Email ?? "",
        StaffMember.EmploymentLabel(member.Employment).Ja, seed.Units.Values.Single(u => u.Id == member.SectionId).Code, member.Position ?? "",
        member.ActiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "",
    ];

    /// <summary>The file's bytes in CP932 with CRLF line ends, as Excel on a municipal PC saves it.</summary>
    public static byte[] Encode(IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        foreach (var row in new[] { Header }.Concat(rows)) text.Append(string.Join(',', row.Select(Quote))).Append("\r\n");
        return ShiftJis.GetBytes(text.ToString());
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static Encoding CreateShiftJis()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // Throw rather than write '?' for a character CP932 lacks: the test file must be what it says.
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
