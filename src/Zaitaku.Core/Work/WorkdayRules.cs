namespace Zaitaku.Work;

/// <summary>Where a workday is worked.</summary>
public enum WorkPlace
{
    /// <summary>出勤 — in the office.</summary>
    Office,

    /// <summary>在宅 — at home, on an approved telework day.</summary>
    Home,
}

/// <summary>A break (休憩) of a workday; <see cref="End"/> is null while it goes on.</summary>
public readonly record struct BreakSpan(DateTimeOffset Start, DateTimeOffset? End);

/// <summary>The time of one workday: minutes worked (breaks deducted), minutes of break, minutes beyond the standard day.</summary>
public readonly record struct WorkedTime(int WorkedMinutes, int BreakMinutes, int OvertimeMinutes);

public sealed record WorkdayEndBeforeStart(DateTimeOffset Start, DateTimeOffset End) : Error("workday_end_before_start",
    new($"終業（{WorkText.Instant(End)}）が始業（{WorkText.Instant(Start)}）より前です", $"The end ({WorkText.Instant(End)}) is before the start ({WorkText.Instant(Start)})."));

public sealed record WorkdayTooLong(DateTimeOffset Start, DateTimeOffset End) : Error("workday_too_long",
    new($"始業（{WorkText.Instant(Start)}）から24時間を超えています。終業時刻は修正申請で届け出てください", $"More than 24 hours after the start ({WorkText.Instant(Start)}); ask for a correction with the real end."));

public sealed record WorkdayNotStarted() : Error("workday_not_started",
    new("本日の勤務を開始していません（始業の記録がありません）", "Today's workday has not been started."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

public sealed record WorkdayAlreadyStarted(DateTimeOffset Start) : Error("workday_already_started",
    new($"本日は{WorkText.Instant(Start)}に始業済みです", $"Today's workday was started at {WorkText.Instant(Start)}."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

public sealed record WorkdayAlreadyEnded(DateTimeOffset End) : Error("workday_already_ended",
    new($"本日は{WorkText.Instant(End)}に終業済みです。時刻の誤りは修正申請で届け出てください", $"Today's workday ended at {WorkText.Instant(End)}; ask for a correction to change it."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

public sealed record BreakAlreadyStarted() : Error("break_already_started", new("休憩中です", "A break is already going on."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

public sealed record BreakNotStarted() : Error("break_not_started", new("休憩を開始していません", "No break is going on."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

public sealed record WorkReportTooLong(int Max) : Error("work_report_too_long",
    new($"業務報告は{Max}文字以内にしてください", $"The work report may have at most {Max} characters."));

/// <summary>The rules of the workday record (始業・終業の記録): times are UTC instants, the day is the Tokyo date of the start.</summary>
public static class WorkdayRules
{
    /// <summary>The longest 業務報告.</summary>
    public const int MaxReportLength = 2_000;

    /// <summary>An end may be at most this long after the start; anything later is a forgotten day, corrected by request.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(24);

    /// <summary>The problem of ending a workday at <paramref name="end"/>, or null.</summary>
    public static Error? CheckEnd(DateTimeOffset start, DateTimeOffset end)
    {
        if (end < start) return new WorkdayEndBeforeStart(start, end);
        if (end - start > MaxLength) return new WorkdayTooLong(start, end);
        return null;
    }

    /// <summary>A workday still open after the midnight that ended its day: flagged for the staff member and the head, never closed silently.</summary>
    public static bool IsOpenPastMidnight(DateOnly date, DateTimeOffset? end, DateTimeOffset now) =>
        end is null && JapanTime.DateOf(now) > date;

    /// <summary>
    /// The time worked on a closed day: from start to end less breaks. The breaks are, in order of
    /// precedence, a corrected total, the recorded breaks, or the rules' standard break when the day
    /// covers it. Overtime is what exceeds the standard day.
    /// </summary>
    public static WorkedTime Measure(WorkRules rules, DateOnly date, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<BreakSpan> breaks, int? correctedBreakMinutes = null)
    {
        var span = (int)Math.Max(0, (end - start).TotalMinutes);
        int breakMinutes;
        if (correctedBreakMinutes is { } corrected) breakMinutes = corrected;
        else if (breaks.Count > 0)
            breakMinutes = (int)breaks.Sum(b => Math.Max(0, ((b.End ?? end) - b.Start).TotalMinutes));
        else
        {
            var standardFrom = JapanTime.At(date, rules.BreakStart);
            var standardTo = JapanTime.At(date, rules.BreakEnd);
            breakMinutes = start <= standardFrom && end >= standardTo ? rules.StandardBreakMinutes : 0;
        }
        breakMinutes = Math.Min(breakMinutes, span);
        var worked = span - breakMinutes;
        return new(worked, breakMinutes, Math.Max(0, worked - rules.StandardDayMinutes));
    }

    /// <summary>
    /// Whether a day at home went on past the end of work, or past approved overtime, by more than
    /// the grace: 時間外勤務 at home without prior approval, which the timesheet flags.
    /// </summary>
    public static bool IsUnapprovedOvertime(WorkRules rules, DateOnly date, WorkPlace place, DateTimeOffset? end, TimeOnly? approvedUntil)
    {
        if (!rules.OvertimeRequiresApproval || place != WorkPlace.Home || end is not { } ended) return false;
        var limit = approvedUntil is { } until && until > rules.WorkEnd ? until : rules.WorkEnd;
        return ended > JapanTime.At(date, limit).AddMinutes(rules.OvertimeGraceMinutes);
    }
}
