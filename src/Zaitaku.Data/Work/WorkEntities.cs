using Zaitaku.Organization;
using Zaitaku.Work;

namespace Zaitaku.Data.Work;

/// <summary>Where a request stands.</summary>
public enum RequestStatus
{
    /// <summary>申請中 — waiting for the section head.</summary>
    Pending,

    /// <summary>承認 — approved.</summary>
    Approved,

    /// <summary>却下 — rejected by the section head.</summary>
    Rejected,

    /// <summary>取消 — cancelled by the staff member before the day.</summary>
    Cancelled,
}

/// <summary>From where a workday was started or ended.</summary>
public enum WorkdaySource
{
    /// <summary>The console's 今日の勤務 page.</summary>
    Console,

    /// <summary>The gateway portal on a telework PC.</summary>
    Gateway,

    /// <summary>An approved correction.</summary>
    Correction,
}

/// <summary>The tenant's work rules (勤務規程), one row a tenant; see <see cref="WorkRules"/> for each setting.</summary>
public sealed class WorkRuleSet : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public bool ApprovalRequired { get; set; }

    public bool ProbationaryEligible { get; set; }

    public bool FiscalYearAppointedEligible { get; set; }

    public bool ReemployedEligible { get; set; }

    public int MaxTeleworkDaysPerWeek { get; set; }

    public int MinOfficeDaysPerWeek { get; set; }

    public bool OvertimeRequiresApproval { get; set; }

    public int OvertimeGraceMinutes { get; set; }

    public TimeOnly WorkStart { get; set; }

    public TimeOnly WorkEnd { get; set; }

    public TimeOnly BreakStart { get; set; }

    public TimeOnly BreakEnd { get; set; }

    public int MinDaysAhead { get; set; }

    public int MaxDaysAhead { get; set; }

    public long AllowanceYen { get; set; }

    public int AllowanceThresholdDays { get; set; }

    public int AllowanceAveragingMonths { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public WorkRules ToRules() => new()
    {
        ApprovalRequired = ApprovalRequired,
        ProbationaryEligible = ProbationaryEligible,
        FiscalYearAppointedEligible = FiscalYearAppointedEligible,
        ReemployedEligible = ReemployedEligible,
        MaxTeleworkDaysPerWeek = MaxTeleworkDaysPerWeek,
        MinOfficeDaysPerWeek = MinOfficeDaysPerWeek,
        OvertimeRequiresApproval = OvertimeRequiresApproval,
        OvertimeGraceMinutes = OvertimeGraceMinutes,
        WorkStart = WorkStart,
        WorkEnd = WorkEnd,
        BreakStart = BreakStart,
        BreakEnd = BreakEnd,
        MinDaysAhead = MinDaysAhead,
        MaxDaysAhead = MaxDaysAhead,
        AllowanceYen = AllowanceYen,
        AllowanceThresholdDays = AllowanceThresholdDays,
        AllowanceAveragingMonths = AllowanceAveragingMonths,
    };

    public void Apply(WorkRules rules)
    {
        ApprovalRequired = rules.ApprovalRequired;
        ProbationaryEligible = rules.ProbationaryEligible;
        FiscalYearAppointedEligible = rules.FiscalYearAppointedEligible;
        ReemployedEligible = rules.ReemployedEligible;
        MaxTeleworkDaysPerWeek = rules.MaxTeleworkDaysPerWeek;
        MinOfficeDaysPerWeek = rules.MinOfficeDaysPerWeek;
        OvertimeRequiresApproval = rules.OvertimeRequiresApproval;
        OvertimeGraceMinutes = rules.OvertimeGraceMinutes;
        WorkStart = rules.WorkStart;
        WorkEnd = rules.WorkEnd;
        BreakStart = rules.BreakStart;
        BreakEnd = rules.BreakEnd;
        MinDaysAhead = rules.MinDaysAhead;
        MaxDaysAhead = rules.MaxDaysAhead;
        AllowanceYen = rules.AllowanceYen;
        AllowanceThresholdDays = rules.AllowanceThresholdDays;
        AllowanceAveragingMonths = rules.AllowanceAveragingMonths;
    }
}

/// <summary>
/// One telework day asked for (在宅勤務の申請). Days asked for together (several days, a weekly
/// pattern) share a <see cref="BatchId"/>; each day is approved, rejected or cancelled on its own.
/// </summary>
public sealed class TeleworkRequest : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid StaffId { get; set; }

    /// <summary>The staff member's section (or unit) when asked: who approves it.</summary>
    public Guid SectionId { get; set; }

    /// <summary>The telework day (Asia/Tokyo).</summary>
    public DateOnly Date { get; set; }

    public RequestStatus Status { get; set; }

    /// <summary>The days asked for in one go.</summary>
    public Guid BatchId { get; set; }

    /// <summary>業務内容 — what the staff member will work on at home.</summary>
    public string? Note { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public Guid? RequestedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    public string? DecidedByName { get; set; }

    /// <summary>The section head's comment with the decision.</summary>
    public string? DecisionComment { get; set; }

    /// <summary>Decided by an acting approver (代理承認) standing in for the section head.</summary>
    public bool DecidedAsActing { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }
}

/// <summary>代理承認 — someone named to decide a section's requests for a period while its head is away.</summary>
public sealed class ActingApprover : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid SectionId { get; set; }

    /// <summary>The account that may decide.</summary>
    public Guid UserId { get; set; }

    /// <summary>The staff member of that account, for display.</summary>
    public Guid? StaffId { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public string? Reason { get; set; }

    public Guid? NamedBy { get; set; }

    public DateTimeOffset NamedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActiveOn(DateOnly date) => RevokedAt is null && From <= date && date <= To;
}

/// <summary>時間外勤務の事前申請 — overtime asked for (and approved) before it is worked.</summary>
public sealed class OvertimeRequest : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid StaffId { get; set; }

    public Guid SectionId { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>Work may go on until this Tokyo wall-clock time.</summary>
    public TimeOnly Until { get; set; }

    public required string Reason { get; set; }

    public RequestStatus Status { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public Guid? RequestedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    public string? DecidedByName { get; set; }

    public string? DecisionComment { get; set; }

    public bool DecidedAsActing { get; set; }
}

/// <summary>The record of one workday (始業・終業の記録): the day is the Tokyo date of its start.</summary>
public sealed class Workday : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid StaffId { get; set; }

    public DateOnly Date { get; set; }

    public WorkPlace Place { get; set; }

    /// <summary>始業 (UTC instant).</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>終業, or null while the day goes on.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>業務報告 — what was done, written at the end.</summary>
    public string? Report { get; set; }

    public WorkdaySource StartedVia { get; set; }

    public WorkdaySource? EndedVia { get; set; }

    /// <summary>A total of break minutes set by an approved correction, replacing the recorded breaks.</summary>
    public int? CorrectedBreakMinutes { get; set; }

    /// <summary>Changed by an approved correction.</summary>
    public bool Corrected { get; set; }

    public List<WorkBreak> Breaks { get; set; } = [];
}

/// <summary>A break (休憩) of a workday.</summary>
public sealed class WorkBreak : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid WorkdayId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>打刻修正の申請 — a staff member asks the section head to correct a day's start, end or breaks.</summary>
public sealed class WorkdayCorrection : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid StaffId { get; set; }

    public Guid SectionId { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>The corrected 始業.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The corrected 終業.</summary>
    public DateTimeOffset EndedAt { get; set; }

    /// <summary>The corrected total of break minutes, or null to keep the breaks as recorded.</summary>
    public int? BreakMinutes { get; set; }

    /// <summary>Where the day was worked (a day with no record gets one).</summary>
    public WorkPlace Place { get; set; }

    public required string Reason { get; set; }

    public RequestStatus Status { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public Guid? RequestedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    public string? DecidedByName { get; set; }

    public string? DecisionComment { get; set; }

    public bool DecidedAsActing { get; set; }
}

/// <summary>Where a monthly timesheet stands.</summary>
public enum TimesheetStatus
{
    /// <summary>締め済み — computed at the month's close, waiting for the section head.</summary>
    Closed,

    /// <summary>承認済み（確定） — approved by the section head and locked: no correction of the month.</summary>
    Approved,
}

/// <summary>月次勤務表 — a staff member's month, closed by HR, approved by the section head, then locked.</summary>
public sealed class Timesheet : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid StaffId { get; set; }

    public Guid SectionId { get; set; }

    /// <summary>The month, <c>YYYY-MM</c>.</summary>
    public required string Month { get; set; }

    public TimesheetStatus Status { get; set; }

    public int WorkingDays { get; set; }

    public int TeleworkDays { get; set; }

    public int OfficeDays { get; set; }

    public int WorkedMinutes { get; set; }

    public int OvertimeMinutes { get; set; }

    public int OpenDays { get; set; }

    public int UnapprovedOvertimeDays { get; set; }

    /// <summary>在宅勤務等手当 due for the month, in yen.</summary>
    public long AllowanceYen { get; set; }

    public DateTimeOffset ClosedAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public Guid? ApprovedBy { get; set; }

    public string? ApprovedByName { get; set; }

    public bool IsLocked => Status == TimesheetStatus.Approved;
}

/// <summary>A staff member's manual presence (在席状況) with its expiry, as a chat tool keeps it.</summary>
public sealed class PresenceStatus : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid StaffId { get; set; }

    public PresenceState State { get; set; }

    /// <summary>A short note (e.g. 会議室A, 15時戻り).</summary>
    public string? Note { get; set; }

    public DateTimeOffset Until { get; set; }

    public DateTimeOffset SetAt { get; set; }
}

/// <summary>An in-app notification (お知らせ) to one account: a request to decide, or a decision.</summary>
public sealed class Notification : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid RecipientUserId { get; set; }

    /// <summary>What happened, e.g. <c>telework.requested</c>, <c>telework.approved</c>.</summary>
    public required string Kind { get; set; }

    public required string TextJa { get; set; }

    public required string TextEn { get; set; }

    /// <summary>The console page to open.</summary>
    public required string Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public LocalizedText Text => new(TextJa, TextEn);
}

/// <summary>A national holiday from a Cabinet Office CSV the tenant imported (replacing the built-in list for its year).</summary>
public sealed class TenantHoliday : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public DateOnly Date { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>A closure day the municipality set for itself (団体が定めた閉庁日).</summary>
public sealed class ClosureDay : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public DateOnly Date { get; set; }

    public required string Name { get; set; }
}
