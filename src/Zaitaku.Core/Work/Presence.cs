namespace Zaitaku.Work;

/// <summary>在席状況 — where a staff member is and whether they can be reached, as a chat tool shows it.</summary>
public enum PresenceState
{
    /// <summary>在席 — working in the office.</summary>
    Present,

    /// <summary>テレワーク中 — working at home.</summary>
    Telework,

    /// <summary>会議中 — in a meeting.</summary>
    Meeting,

    /// <summary>離席中 — away from the desk (also during a break).</summary>
    Away,

    /// <summary>外出 — out of the office on business.</summary>
    Out,

    /// <summary>休暇 — on leave.</summary>
    Leave,

    /// <summary>退勤 — not working (the day ended, or has not started).</summary>
    Off,
}

/// <summary>What presence is derived from: today's workday record and request, and a manual state with its expiry.</summary>
/// <param name="Started">Today's workday was started.</param>
/// <param name="Ended">Today's workday was ended.</param>
/// <param name="Place">Where today's workday is worked.</param>
/// <param name="OnBreak">A break is going on.</param>
/// <param name="Manual">A state the staff member set themselves, or null.</param>
/// <param name="ManualUntil">When the manual state expires.</param>
public sealed record PresenceFacts(bool Started, bool Ended, WorkPlace Place, bool OnBreak, PresenceState? Manual, DateTimeOffset? ManualUntil);

/// <summary>Derives presence; the labels and chip classes screens use.</summary>
public static class Presence
{
    /// <summary>The states a staff member may set by hand; the others follow from the workday record.</summary>
    public static readonly IReadOnlyList<PresenceState> Manual = [PresenceState.Meeting, PresenceState.Away, PresenceState.Out, PresenceState.Leave];

    /// <summary>The longest a manual state may last.</summary>
    public static readonly TimeSpan MaxManualDuration = TimeSpan.FromDays(14);

    /// <summary>A manual state until it expires; otherwise the workday: on a break 離席中, started テレワーク中 or 在席, else 退勤.</summary>
    public static PresenceState Derive(PresenceFacts facts, DateTimeOffset now)
    {
        if (facts.Manual is { } manual && facts.ManualUntil is { } until && now < until) return manual;
        return Derived(facts);
    }

    /// <summary>The state from the workday record alone (what a manual state falls back to when it expires).</summary>
    public static PresenceState Derived(PresenceFacts facts)
    {
        if (!facts.Started || facts.Ended) return PresenceState.Off;
        if (facts.OnBreak) return PresenceState.Away;
        return facts.Place == WorkPlace.Home ? PresenceState.Telework : PresenceState.Present;
    }

    public static LocalizedText Label(PresenceState state) => state switch
    {
        PresenceState.Present => new("在席", "In the office"),
        PresenceState.Telework => new("テレワーク中", "Teleworking"),
        PresenceState.Meeting => new("会議中", "In a meeting"),
        PresenceState.Away => new("離席中", "Away"),
        PresenceState.Out => new("外出", "Out"),
        PresenceState.Leave => new("休暇", "On leave"),
        _ => new("退勤", "Off"),
    };

    /// <summary>The status chip modifier of the style guide (chip--present, ...).</summary>
    public static string ChipClass(PresenceState state) => state switch
    {
        PresenceState.Present => "chip--present",
        PresenceState.Telework => "chip--telework",
        PresenceState.Meeting => "chip--meeting",
        PresenceState.Away => "chip--away",
        PresenceState.Out => "chip--out",
        PresenceState.Leave => "chip--leave",
        _ => "chip--off",
    };

    /// <summary>The stable code of a state in the API and the live board's messages.</summary>
    public static string Code(PresenceState state) => state switch
    {
        PresenceState.Present => "present",
        PresenceState.Telework => "telework",
        PresenceState.Meeting => "meeting",
        PresenceState.Away => "away",
        PresenceState.Out => "out",
        PresenceState.Leave => "leave",
        _ => "off",
    };
}
