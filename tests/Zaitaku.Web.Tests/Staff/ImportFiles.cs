using System.Text;

namespace Zaitaku.Web.Tests.Staff;

/// <summary>Staff files as the HR system writes them.</summary>
internal static class ImportFiles
{
    public const string Header = "職員番号,姓,名,姓（かな）,名（かな）,メールアドレス,雇用区分,所属コード,役職,任用開始日,任用終了日";

    static ImportFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding ShiftJis => Encoding.GetEncoding(932);

    public static string Row(string number, string family, string given, string familyKana, string givenKana, string employment = "正規", string section = "110", string position = "主事", string from = "2024-04-01", string to = "", string? email = null) =>
        $"{number},{family},{given},{familyKana},{givenKana},{email ?? number + "@example.lg.jp"},{employment},{section},{position},{from},{to}";

    public static byte[] Csv(Encoding encoding, params string[] rows) => encoding.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n");

    public static byte[] Utf8Bom(params string[] rows) => [.. Encoding.UTF8.GetPreamble(), .. Csv(new UTF8Encoding(false), rows)];
}
