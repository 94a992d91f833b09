namespace Zaitaku.Work;

public sealed record OvertimeInvalid(string Field, LocalizedText Problem) : Error("overtime_invalid",
    new($"時間外勤務: {Problem.Ja}", $"Overtime: {Problem.En}"));

public sealed record OvertimeTooLate(DateOnly Date, TimeOnly WorkEnd) : Error("overtime_too_late",
    new($"{WorkText.Day(Date).Ja}の時間外勤務は、終業時刻（{WorkText.Time(WorkEnd)}）より前に申請してください（事前承認）",
        $"Overtime on {WorkText.Day(Date).En} must be asked for before the end of work ({WorkText.Time(WorkEnd)}): it needs prior approval."));

public sealed record OvertimeApprovalTooLate(DateOnly Date, TimeOnly Until) : Error("overtime_approval_too_late",
    new($"{WorkText.Day(Date).Ja} {WorkText.Time(Until)}までの時間外勤務は、既に終わっているため承認できません（事前承認）",
        $"Overtime until {WorkText.Time(Until)} on {WorkText.Day(Date).En} is over and can no longer be approved in advance."));

/// <summary>Overtime (時間外勤務) is asked for and approved before it is worked.</summary>
public static class OvertimeRules
{
    /// <summary>The longest reason.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The problem of asking, at <paramref name="now"/>, for overtime until <paramref name="until"/> on <paramref name="date"/>; or null.</summary>
    public static Error? CheckRequest(WorkRules rules, DateOnly date, TimeOnly until, string? reason, DateTimeOffset now)
    {
        if (until <= rules.WorkEnd)
            return new OvertimeInvalid("until", new($"終了時刻は終業時刻（{WorkText.Time(rules.WorkEnd)}）より後にしてください", $"the end must be after the end of work ({WorkText.Time(rules.WorkEnd)})"));
        if (string.IsNullOrWhiteSpace(reason))
            return new OvertimeInvalid("reason", new("理由（業務内容）を入力してください", "give the reason (the work to do)"));
        if (reason.Length > MaxReasonLength)
            return new OvertimeInvalid("reason", new($"理由は{MaxReasonLength}文字以内にしてください", $"the reason may have at most {MaxReasonLength} characters"));
        if (now >= JapanTime.At(date, rules.WorkEnd)) return new OvertimeTooLate(date, rules.WorkEnd);
        return null;
    }

    /// <summary>The problem of approving, at <paramref name="now"/>, overtime until <paramref name="until"/> on <paramref name="date"/>; or null.</summary>
    public static Error? CheckApproval(DateOnly date, TimeOnly until, DateTimeOffset now) =>
        now >= JapanTime.At(date, until) ? new OvertimeApprovalTooLate(date, until) : null;
}
