using Zaitaku.Budget;

namespace Zaitaku.Work;

public sealed record TeleworkNoDays() : Error("telework_no_days",
    new("申請する日を選んでください", "Choose the days to ask for."));

public sealed record TeleworkPatternInvalid(LocalizedText Problem) : Error("telework_pattern_invalid",
    new($"曜日の指定: {Problem.Ja}", $"Weekly pattern: {Problem.En}"));

public sealed record TeleworkNoteTooLong(int Max) : Error("telework_note_too_long",
    new($"業務内容は{Max}文字以内にしてください", $"The note may have at most {Max} characters."));

public sealed record TeleworkCancelTooLate(DateOnly Date) : Error("telework_cancel_too_late",
    new($"{WorkText.Day(Date).Ja}の申請は、当日以降は取り消せません", $"The request for {WorkText.Day(Date).En} can only be cancelled before the day."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>The request was decided or cancelled already.</summary>
public sealed record RequestNotPending(LocalizedText What) : Error("request_not_pending",
    new($"{What.Ja}は既に処理済みです", $"{What.En} has already been decided or cancelled."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>The caller heads no section of the request's staff member and stands in for no head of it.</summary>
public sealed record NotApprover() : Error("approval_not_allowed",
    new("この職員の申請を承認する権限がありません（所属長または代理承認者のみ）", "You may not decide this staff member's requests (section head or acting approver only)."))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;
}

public sealed record OwnRequest() : Error("approval_own_request",
    new("自分の申請は承認できません", "You cannot decide your own request."))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;
}

public sealed record CommentTooLong(int Max) : Error("comment_too_long",
    new($"コメントは{Max}文字以内にしてください", $"The comment may have at most {Max} characters."));

public sealed record RejectionNeedsComment() : Error("rejection_needs_comment",
    new("差し戻す（却下する）ときは理由をコメントに書いてください", "Give the reason in the comment when rejecting."));

public sealed record TimesheetLocked(YearMonth Month) : Error("timesheet_locked",
    new($"{Month.Year}年{Month.Month}月の勤務表は承認済みで確定しているため、修正できません", $"The timesheet of {Month} is approved and locked; it cannot be corrected."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

public sealed record CorrectionInvalid(string Field, LocalizedText Problem) : Error("correction_invalid",
    new($"修正申請: {Problem.Ja}", $"Correction: {Problem.En}"));

public sealed record ActingApproverInvalid(string Field, LocalizedText Problem) : Error("acting_approver_invalid",
    new($"代理承認者: {Problem.Ja}", $"Acting approver: {Problem.En}"));

public sealed record NotStaffMember() : Error("not_staff_member",
    new("このアカウントは職員に結び付いていません", "This account is not linked to a staff member."))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;
}

public sealed record MonthInvalid(string? Text) : Error("month_invalid",
    new($"月「{Text}」は YYYY-MM の形で指定してください", $"Give the month \"{Text}\" as YYYY-MM."));

public sealed record ClosureDayInvalid(LocalizedText Problem) : Error("closure_day_invalid",
    new($"閉庁日: {Problem.Ja}", $"Closure day: {Problem.En}"));

public sealed record PresenceInvalid(LocalizedText Problem) : Error("presence_invalid",
    new($"在席状況: {Problem.Ja}", $"Presence: {Problem.En}"));
