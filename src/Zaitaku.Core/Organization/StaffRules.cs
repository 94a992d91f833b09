using System.Globalization;
using System.Text.RegularExpressions;

namespace Zaitaku.Organization;

/// <summary>The values of a staff member as a form, the API or one row of an import gives them.</summary>
public sealed record StaffInput
{
    public string? StaffNumber { get; init; }
    public string? FamilyName { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyNameKana { get; init; }
    public string? GivenNameKana { get; init; }
    public string? Email { get; init; }
    public EmploymentType? Employment { get; init; }
    public string? Position { get; init; }
    public DateOnly? ActiveFrom { get; init; }
    public DateOnly? ActiveTo { get; init; }
}

/// <summary>A field of staff input and what is wrong with it.</summary>
public sealed record StaffFieldProblem(StaffField Field, string Value, LocalizedText Problem);

/// <summary>The fields of a staff member, in the order of the import file's columns.</summary>
public enum StaffField
{
    StaffNumber,
    FamilyName,
    GivenName,
    FamilyNameKana,
    GivenNameKana,
    Email,
    Employment,
    SectionCode,
    Position,
    ActiveFrom,
    ActiveTo,
}

/// <summary>The rules every staff record follows, wherever it comes from.</summary>
public static partial class StaffRules
{
    public static LocalizedText Label(StaffField field) => field switch
    {
        StaffField.StaffNumber => new("職員番号", "Staff number"),
        StaffField.FamilyName => new("姓", "Family name"),
        StaffField.GivenName => new("名", "Given name"),
        StaffField.FamilyNameKana => new("姓（かな）", "Family name (kana)"),
        StaffField.GivenNameKana => new("名（かな）", "Given name (kana)"),
        StaffField.Email => new("メールアドレス", "Email"),
        StaffField.Employment => new("雇用区分", "Employment"),
        StaffField.SectionCode => new("所属コード", "Section code"),
        StaffField.Position => new("役職", "Position"),
        StaffField.ActiveFrom => new("任用開始日", "Employed from"),
        _ => new("任用終了日", "Employed until"),
    };

    /// <summary>Every problem of the input; empty when it is valid.</summary>
    public static List<StaffFieldProblem> Check(StaffInput input)
    {
        var problems = new List<StaffFieldProblem>();
        var number = input.StaffNumber?.Trim() ?? "";
        if (number.Length == 0) problems.Add(Required(StaffField.StaffNumber));
        else if (number.Length > 32 || !StaffNumberPattern().IsMatch(number))
            problems.Add(new(StaffField.StaffNumber, number, new("英数字とハイフンの32文字以内にしてください", "use up to 32 letters, digits and hyphens")));

        Name(StaffField.FamilyName, input.FamilyName, 50, problems);
        Name(StaffField.GivenName, input.GivenName, 50, problems);
        KanaName(StaffField.FamilyNameKana, input.FamilyNameKana, problems);
        KanaName(StaffField.GivenNameKana, input.GivenNameKana, problems);

        var email = input.Email?.Trim() ?? "";
        if (email.Length > 0 && (email.Length > 254 || !EmailPattern().IsMatch(email)))
            problems.Add(new(StaffField.Email, email, new("メールアドレスの形式ではありません", "not an email address")));
        if (input.Employment is null) problems.Add(Required(StaffField.Employment));
        if ((input.Position?.Length ?? 0) > 50)
            problems.Add(new(StaffField.Position, input.Position!, new("50文字以内にしてください", "use up to 50 characters")));
        if (input.ActiveFrom is null) problems.Add(Required(StaffField.ActiveFrom));
        if (input.ActiveFrom is { } from && input.ActiveTo is { } to && to < from)
            problems.Add(new(StaffField.ActiveTo, to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                new("任用開始日より前の日付です", "is before the start date")));
        return problems;
    }

    /// <summary>Reads an employment type as HR systems write it: 正規, 条件付採用, 会計年度任用, 再任用, or the English codes.</summary>
    public static EmploymentType? ParseEmployment(string? text) => text?.Trim().Normalize(System.Text.NormalizationForm.FormKC) switch
    {
        "正規" or "正規職員" or "regular" or "Regular" => EmploymentType.Regular,
        "条件付採用" or "条件付" or "probationary" or "Probationary" => EmploymentType.Probationary,
        "会計年度任用" or "会計年度任用職員" or "fiscal-year" or "FiscalYearAppointed" => EmploymentType.FiscalYearAppointed,
        "再任用" or "再任用職員" or "reemployed" or "Reemployed" => EmploymentType.Reemployed,
        _ => null,
    };

    /// <summary>The word the import and export files use for an employment type.</summary>
    public static string EmploymentCode(EmploymentType type) => type switch
    {
        EmploymentType.Regular => "正規",
        EmploymentType.Probationary => "条件付採用",
        EmploymentType.FiscalYearAppointed => "会計年度任用",
        _ => "再任用",
    };

    /// <summary>Reads a date written 2026-04-01, 2026/4/1 or 20260401.</summary>
    public static DateOnly? ParseDate(string? text)
    {
        var value = text?.Trim().Normalize(System.Text.NormalizationForm.FormKC);
        if (string.IsNullOrEmpty(value)) return null;
        string[] formats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy/MM/dd"];
        return DateOnly.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    private static void Name(StaffField field, string? value, int max, List<StaffFieldProblem> problems)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) problems.Add(Required(field));
        else if (text.Length > max) problems.Add(new(field, text, new($"{max}文字以内にしてください", $"use up to {max} characters")));
        else if (text.Any(char.IsControl)) problems.Add(new(field, text, new("制御文字は使えません", "control characters are not allowed")));
    }

    private static void KanaName(StaffField field, string? value, List<StaffFieldProblem> problems)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) problems.Add(Required(field));
        else if (text.Length > 100) problems.Add(new(field, text, new("100文字以内にしてください", "use up to 100 characters")));
        else if (!Kana.IsKana(text)) problems.Add(new(field, text, new("ひらがなまたはカタカナで入力してください", "use hiragana or katakana")));
    }

    private static StaffFieldProblem Required(StaffField field) => new(field, "", new("入力されていません（必須）", "is required"));

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex StaffNumberPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
