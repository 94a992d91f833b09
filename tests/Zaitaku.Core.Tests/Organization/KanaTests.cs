using Zaitaku.Organization;

namespace Zaitaku.Core.Tests.Organization;

public sealed class KanaTests
{
    [Theory]
    [InlineData("やまだ たろう", "やまだたろう")]
    [InlineData("ヤマダ　タロウ", "やまだたろう")]
    [InlineData("ﾔﾏﾀﾞ ﾀﾛｳ", "やまだたろう")]
    [InlineData("山田 太郎", "山田太郎")]
    [InlineData("ＡＢＣ", "abc")]
    public void SearchKey_NormalisesWidthKatakanaAndSpaces(string text, string key) => Assert.Equal(key, Kana.SearchKey(text));

    [Theory]
    [InlineData("やまだ", true)]
    [InlineData("ヤマダ・タロー", true)]
    [InlineData("山田", false)]
    [InlineData("yamada", false)]
    public void IsKana_AcceptsHiraganaKatakanaOnly(string text, bool expected) => Assert.Equal(expected, Kana.IsKana(text));

    [Fact]
    public void StaffRules_BadRow_NamesEveryField()
    {
        var problems = StaffRules.Check(new StaffInput
        {
            StaffNumber = "12 34", FamilyName = "", GivenName = "太郎", FamilyNameKana = "山田", GivenNameKana = "たろう",
            Email = "not-an-email", Employment = null, ActiveFrom = new DateOnly(2026, 4, 1), ActiveTo = new DateOnly(2026, 3, 31),
        });
        Assert.Equal(
            [StaffField.StaffNumber, StaffField.FamilyName, StaffField.FamilyNameKana, StaffField.Email, StaffField.Employment, StaffField.ActiveTo],
            problems.Select(p => p.Field));
        Assert.Equal("ひらがなまたはカタカナで入力してください", problems.Single(p => p.Field == StaffField.FamilyNameKana).Problem.Ja);
    }

    [Theory]
    [InlineData("正規", EmploymentType.Regular)]
    [InlineData("条件付採用", EmploymentType.Probationary)]
    [InlineData("会計年度任用職員", EmploymentType.FiscalYearAppointed)]
    [InlineData("再任用", EmploymentType.Reemployed)]
    [InlineData("fiscal-year", EmploymentType.FiscalYearAppointed)]
    public void ParseEmployment_ReadsHrWords(string text, EmploymentType type) => Assert.Equal(type, StaffRules.ParseEmployment(text));

    [Theory]
    [InlineData("2026-04-01")]
    [InlineData("2026/4/1")]
    [InlineData("20260401")]
    public void ParseDate_ReadsCommonForms(string text) => Assert.Equal(new DateOnly(2026, 4, 1), StaffRules.ParseDate(text));
}
