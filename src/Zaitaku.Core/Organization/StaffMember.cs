namespace Zaitaku.Organization;

/// <summary>The terms on which a staff member is employed; the work rules decide telework eligibility by it.</summary>
public enum EmploymentType
{
    /// <summary>正規職員 — regular staff.</summary>
    Regular,

    /// <summary>条件付採用 — probationary staff, in their first months.</summary>
    Probationary,

    /// <summary>会計年度任用職員 — appointed for one fiscal year.</summary>
    FiscalYearAppointed,

    /// <summary>再任用職員 — re-employed after retirement.</summary>
    Reemployed,
}

/// <summary>A member of staff (職員) of a municipality, matched across imports by staff number.</summary>
public sealed class StaffMember : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>職員番号 — unique in the tenant; the key of the HR system's staff list.</summary>
    public required string StaffNumber { get; set; }

    /// <summary>姓 in kanji.</summary>
    public required string FamilyName { get; set; }

    /// <summary>名 in kanji.</summary>
    public required string GivenName { get; set; }

    /// <summary>せい in kana.</summary>
    public required string FamilyNameKana { get; set; }

    /// <summary>めい in kana.</summary>
    public required string GivenNameKana { get; set; }

    public string? Email { get; set; }

    public EmploymentType Employment { get; set; }

    /// <summary>The section (or unit) the staff member belongs to.</summary>
    public Guid SectionId { get; set; }

    /// <summary>役職, e.g. 主事, 主任, 係長, 課長.</summary>
    public string? Position { get; set; }

    public DateOnly ActiveFrom { get; set; }

    /// <summary>The last day of employment; null while employed.</summary>
    public DateOnly? ActiveTo { get; set; }

    /// <summary>Name in kanji without spaces, for prefix search.</summary>
    public string NameKey { get; set; } = "";

    /// <summary>Name in hiragana, normalised, without spaces, for prefix search by reading.</summary>
    public string KanaKey { get; set; } = "";

    public string FullName => $"{FamilyName} {GivenName}";

    public string FullNameKana => $"{FamilyNameKana} {GivenNameKana}";

    /// <summary>Whether the staff member is employed on the given date.</summary>
    public bool IsActiveOn(DateOnly date) => ActiveFrom <= date && (ActiveTo is null || date <= ActiveTo);

    /// <summary>Recomputes the search keys from the names; call after changing a name.</summary>
    public void RefreshSearchKeys()
    {
        NameKey = Kana.SearchKey(FamilyName + GivenName);
        KanaKey = Kana.SearchKey(FamilyNameKana + GivenNameKana);
    }

    public static LocalizedText EmploymentLabel(EmploymentType type) => type switch
    {
        EmploymentType.Regular => new("正規職員", "Regular"),
        EmploymentType.Probationary => new("条件付採用", "Probationary"),
        EmploymentType.FiscalYearAppointed => new("会計年度任用職員", "Fiscal-year appointed"),
        _ => new("再任用職員", "Re-employed"),
    };
}
