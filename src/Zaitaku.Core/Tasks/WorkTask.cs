namespace Zaitaku.Tasks;

/// <summary>
/// 業務 — one task of a section's inventory (業務棚卸し) and what decides whether it can be done
/// from home. Who does it, and for what share of their time, is a <see cref="TaskAssignment"/>.
/// </summary>
/// <param name="Id">The task's id, unique in the municipality.</param>
/// <param name="SectionId">The section (所属) whose task it is.</param>
/// <param name="Name">業務名, e.g. 「予算要求資料の作成」.</param>
/// <param name="CounterWork">窓口業務: serving visitors in person.</param>
/// <param name="ConfidentialPersonalData">Handles highly confidential personal data (機微な個人情報) that may not be viewed outside the office.</param>
/// <param name="Systems">Internal systems the task needs.</param>
/// <param name="PaperOriginals">How often paper originals (紙の原本) must be handled.</param>
/// <param name="SameRoom">How often people must be in the same room (対面での共同作業).</param>
/// <param name="Override">The section head's decision, when one overrides the computed class.</param>
public sealed record WorkTask(
    string Id,
    string SectionId,
    string Name,
    bool CounterWork,
    bool ConfidentialPersonalData,
    IReadOnlyList<SystemRef> Systems,
    Frequency PaperOriginals,
    Frequency SameRoom,
    TaskOverride? Override = null);

/// <summary>
/// 所属長の判断 — a section head sets a task's class against the computed one, in writing.
/// The computed class and reasons are kept beside it; the decision is audited by the caller.
/// </summary>
/// <param name="Class">The class the section head decided.</param>
/// <param name="Justification">Why, in the section head's words (at least <see cref="TaskClassifier.MinJustificationLength"/> characters).</param>
/// <param name="DecidedBy">The staff id of the section head.</param>
/// <param name="DecidedAt">When (UTC).</param>
public sealed record TaskOverride(TeleworkClass Class, string Justification, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>A staff member does a task for a share of their working time.</summary>
/// <param name="StaffId">The staff member.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Percent">Share of the staff member's working time, 1..100; a staff member's shares add up to at most 100.</param>
public sealed record TaskAssignment(string StaffId, string TaskId, int Percent);

/// <summary>A staff member as the inventory sees them.</summary>
/// <param name="Id">Staff id (職員番号).</param>
/// <param name="SectionId">The section they belong to.</param>
public sealed record StaffRef(string Id, string SectionId);

/// <summary>A section (所属・課) and its department (部).</summary>
/// <param name="Id">Section id.</param>
/// <param name="Name">Section name, e.g. 「情報政策課」.</param>
/// <param name="DepartmentId">Department id.</param>
/// <param name="DepartmentName">Department name, e.g. 「総務部」.</param>
public sealed record SectionRef(string Id, string Name, string DepartmentId, string DepartmentName);
