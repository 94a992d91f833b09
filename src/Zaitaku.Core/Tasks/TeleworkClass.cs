namespace Zaitaku.Tasks;

/// <summary>
/// Where work can be done: the class of a task and the eligibility of a staff member, in the
/// planner's terms (<c>home | rotation | office</c>). Ordered from most to least remote, so the
/// stricter of two is the larger.
/// </summary>
public enum TeleworkClass
{
    /// <summary>在宅可 — can be done from home.</summary>
    Home = 0,

    /// <summary>交代制なら可 — can be done from home in rotation (on some days, in the office on others).</summary>
    Rotation = 1,

    /// <summary>不可 — needs the office.</summary>
    Office = 2,
}

/// <summary>How often a task needs something only the office has.</summary>
public enum Frequency
{
    /// <summary>なし — never.</summary>
    Never = 0,

    /// <summary>時々 — on some working days, not every one (a few days a week or less): it can wait for an office day.</summary>
    Sometimes = 1,

    /// <summary>毎日 — on every working day.</summary>
    Daily = 2,
}

/// <summary>Codes and labels of <see cref="TeleworkClass"/> and <see cref="Frequency"/>.</summary>
public static class TeleworkClassText
{
    /// <summary>The planner's code: <c>home</c>, <c>rotation</c> or <c>office</c>.</summary>
    public static string ToCode(this TeleworkClass value) => value switch
    {
        TeleworkClass.Home => "home",
        TeleworkClass.Rotation => "rotation",
        TeleworkClass.Office => "office",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>The label staff read: 在宅可 / 交代制なら可 / 不可.</summary>
    public static LocalizedText Label(this TeleworkClass value) => value switch
    {
        TeleworkClass.Home => new("在宅可", "home"),
        TeleworkClass.Rotation => new("交代制なら可", "home in rotation"),
        TeleworkClass.Office => new("不可", "office only"),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>Reads a class by its code or its Japanese label.</summary>
    public static bool TryParse(string? text, out TeleworkClass value)
    {
        switch (text?.Trim())
        {
            case "home" or "在宅可": value = TeleworkClass.Home; return true;
            case "rotation" or "交代制なら可": value = TeleworkClass.Rotation; return true;
            case "office" or "不可": value = TeleworkClass.Office; return true;
            default: value = default; return false;
        }
    }

    /// <summary>The label of a frequency: なし / 時々 / 毎日.</summary>
    public static LocalizedText Label(this Frequency value) => value switch
    {
        Frequency.Never => new("なし", "never"),
        Frequency.Sometimes => new("時々", "sometimes"),
        Frequency.Daily => new("毎日", "daily"),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>Reads a frequency by its code (<c>never | sometimes | daily</c>) or its Japanese label.</summary>
    public static bool TryParseFrequency(string? text, out Frequency value)
    {
        switch (text?.Trim())
        {
            case "never" or "なし" or "": value = Frequency.Never; return true;
            case "sometimes" or "時々": value = Frequency.Sometimes; return true;
            case "daily" or "毎日": value = Frequency.Daily; return true;
            default: value = default; return false;
        }
    }
}
