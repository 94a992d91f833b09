using System.Collections;
using System.Numerics;

namespace Zaitaku.Tasks;

/// <summary>Why a task or a staff member has the class it has. Each has a stable code (part of the public contract).</summary>
public enum TaskReasonKind
{
    /// <summary><c>counter_work</c>: 窓口業務 → office.</summary>
    CounterWork = 0,

    /// <summary><c>confidential_personal_data</c>: 機微な個人情報 → office.</summary>
    ConfidentialPersonalData = 1,

    /// <summary><c>system_mynumber</c>: a system of the My Number segment → office; no override can lift it.</summary>
    MyNumberSystem = 2,

    /// <summary><c>system_not_allowed</c>: a system not on the telework allow-list → office.</summary>
    SystemNotAllowed = 3,

    /// <summary><c>paper_originals_daily</c>: paper originals every day → office.</summary>
    PaperOriginalsDaily = 4,

    /// <summary><c>paper_originals_sometimes</c>: paper originals on some days → rotation.</summary>
    PaperOriginalsSometimes = 5,

    /// <summary><c>same_room_daily</c>: people in the same room every day → office.</summary>
    SameRoomDaily = 6,

    /// <summary><c>same_room_sometimes</c>: people in the same room on some days → rotation.</summary>
    SameRoomSometimes = 7,

    /// <summary><c>section_head_override</c>: the section head set the class.</summary>
    SectionHeadOverride = 8,

    /// <summary><c>no_tasks_listed</c>: a staff member with no task in the inventory → office.</summary>
    NoTasksListed = 9,

    /// <summary><c>no_restriction</c>: nothing prevents working from home → home.</summary>
    NoRestriction = 10,
}

/// <summary>One reason, as shown to staff: its kind and a sentence naming the system or decision.</summary>
/// <param name="Kind">The kind of reason.</param>
/// <param name="Text">The sentence, Japanese first.</param>
/// <param name="SystemId">The system concerned, for system reasons.</param>
public sealed record TaskReason(TaskReasonKind Kind, LocalizedText Text, string? SystemId = null)
{
    /// <summary>The stable code, e.g. <c>counter_work</c>.</summary>
    public string Code => Kind.Code();

    /// <summary>The class this reason leads to on its own.</summary>
    public TeleworkClass Leads => Kind.Leads();
}

/// <summary>Codes, classes and names of <see cref="TaskReasonKind"/>.</summary>
public static class TaskReasonKinds
{
    /// <summary>Every kind, in code order.</summary>
    public static readonly IReadOnlyList<TaskReasonKind> All = Enum.GetValues<TaskReasonKind>();

    /// <summary>The stable code.</summary>
    public static string Code(this TaskReasonKind kind) => kind switch
    {
        TaskReasonKind.CounterWork => "counter_work",
        TaskReasonKind.ConfidentialPersonalData => "confidential_personal_data",
        TaskReasonKind.MyNumberSystem => "system_mynumber",
        TaskReasonKind.SystemNotAllowed => "system_not_allowed",
        TaskReasonKind.PaperOriginalsDaily => "paper_originals_daily",
        TaskReasonKind.PaperOriginalsSometimes => "paper_originals_sometimes",
        TaskReasonKind.SameRoomDaily => "same_room_daily",
        TaskReasonKind.SameRoomSometimes => "same_room_sometimes",
        TaskReasonKind.SectionHeadOverride => "section_head_override",
        TaskReasonKind.NoTasksListed => "no_tasks_listed",
        TaskReasonKind.NoRestriction => "no_restriction",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The class a reason of this kind leads to (an override leads to what the section head decided; shown as office).</summary>
    public static TeleworkClass Leads(this TaskReasonKind kind) => kind switch
    {
        TaskReasonKind.PaperOriginalsSometimes or TaskReasonKind.SameRoomSometimes => TeleworkClass.Rotation,
        TaskReasonKind.NoRestriction => TeleworkClass.Home,
        _ => TeleworkClass.Office,
    };

    /// <summary>A short name for reports (which reasons block the most).</summary>
    public static LocalizedText Name(this TaskReasonKind kind) => kind switch
    {
        TaskReasonKind.CounterWork => new("窓口業務", "counter work"),
        TaskReasonKind.ConfidentialPersonalData => new("機微な個人情報", "confidential personal data"),
        TaskReasonKind.MyNumberSystem => new("マイナンバー利用事務系のシステム", "My Number segment system"),
        TaskReasonKind.SystemNotAllowed => new("テレワーク許可リスト外のシステム", "system not on the telework allow-list"),
        TaskReasonKind.PaperOriginalsDaily => new("紙の原本（毎日）", "paper originals (daily)"),
        TaskReasonKind.PaperOriginalsSometimes => new("紙の原本（時々）", "paper originals (sometimes)"),
        TaskReasonKind.SameRoomDaily => new("対面での作業（毎日）", "same room (daily)"),
        TaskReasonKind.SameRoomSometimes => new("対面での作業（時々）", "same room (sometimes)"),
        TaskReasonKind.SectionHeadOverride => new("所属長の判断", "section head's decision"),
        TaskReasonKind.NoTasksListed => new("担当業務の登録なし", "no tasks listed"),
        TaskReasonKind.NoRestriction => new("支障なし", "no restriction"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>A set of reason kinds in one word, so that 200,000 tasks classify without allocating.</summary>
/// <param name="Mask">Bit <c>(int)kind</c> is set for each kind in the set.</param>
public readonly record struct TaskReasonSet(uint Mask) : IEnumerable<TaskReasonKind>
{
    /// <summary>The empty set.</summary>
    public static readonly TaskReasonSet Empty = new(0);

    /// <summary>True when the set holds the kind.</summary>
    public bool Contains(TaskReasonKind kind) => (Mask & Bit(kind)) != 0;

    /// <summary>The set with one more kind.</summary>
    public TaskReasonSet With(TaskReasonKind kind) => new(Mask | Bit(kind));

    /// <summary>How many kinds the set holds.</summary>
    public int Count => BitOperations.PopCount(Mask);

    /// <summary>True when the set holds nothing.</summary>
    public bool IsEmpty => Mask == 0;

    /// <summary>The bit of a kind.</summary>
    public static uint Bit(TaskReasonKind kind) => 1u << (int)kind;

    public IEnumerator<TaskReasonKind> GetEnumerator()
    {
        for (var m = Mask; m != 0; m &= m - 1) yield return (TaskReasonKind)BitOperations.TrailingZeroCount(m);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(",", this.Select(k => k.Code()));
}
