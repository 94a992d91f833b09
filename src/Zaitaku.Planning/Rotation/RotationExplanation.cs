namespace Zaitaku.Planning;

/// <summary>A hard rule that is at its limit on a day, i.e. that keeps someone from being at home.</summary>
public enum BindingKind
{
    /// <summary>Rule 5: every telework PC of the pool is in use.</summary>
    DevicePool,

    /// <summary>Rule 3: the section has exactly its minimum in the office.</summary>
    SectionMinimumOffice,

    /// <summary>Rule 4: half of the section's rotation staff are already at home.</summary>
    RotationHalf,

    /// <summary>Rule 2: staff in the office because their week's home days are used up.</summary>
    WeeklyCap,

    /// <summary>Rule 6: the plan has reached targetHomeDays.</summary>
    Target,
}

/// <summary>Why a staff member is in the office on a day.</summary>
public enum OfficeReason
{
    /// <summary>Rule 1: the staff member's work is office-only (不可).</summary>
    OfficeEligibility,

    /// <summary>Rule 1: the day is a fixedOffice day.</summary>
    FixedOffice,

    /// <summary>Rule 2: the week's home days are used up (max home days, or min office days).</summary>
    WeeklyLimit,

    /// <summary>Rule 3: the section is at its office minimum that day.</summary>
    SectionMinimum,

    /// <summary>Rule 4: half of the section's rotation staff are at home that day.</summary>
    RotationHalf,

    /// <summary>Rule 5: every telework PC is in use that day.</summary>
    DevicePool,

    /// <summary>Rule 6: the plan has reached targetHomeDays.</summary>
    Target,

    /// <summary>No rule forces it: the plan could send this person home (only in a plan that is not optimal).</summary>
    NotForced,
}

/// <summary>One binding rule on a day.</summary>
/// <param name="Kind">Which rule.</param>
/// <param name="Section">The section, for rules 3 and 4.</param>
/// <param name="Count">How many people the rule holds in the office (e.g. staff at their weekly cap); for the pool, PCs in use.</param>
/// <param name="Message">The explanation for the console.</param>
public sealed record BindingConstraint(BindingKind Kind, string? Section, int Count, LocalizedText Message);

/// <summary>One reason a staff member is in the office.</summary>
/// <param name="Reason">The reason.</param>
/// <param name="Message">The explanation for the console.</param>
public sealed record OfficeReasonItem(OfficeReason Reason, LocalizedText Message);

/// <summary>A day of the plan with its counts and the rules that bind on it.</summary>
/// <param name="Day">The date.</param>
/// <param name="Home">Staff at home.</param>
/// <param name="Office">Staff in the office.</param>
/// <param name="Leave">Staff on leave.</param>
/// <param name="DevicesUsed">Telework PCs in use.</param>
/// <param name="Binding">The rules at their limit that day.</param>
public sealed record DayExplanation(DateOnly Day, int Home, int Office, int Leave, int DevicesUsed, IReadOnlyList<BindingConstraint> Binding);
