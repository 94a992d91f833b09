namespace Zaitaku.Tasks;

/// <summary>A task's class, how it was reached, and the section head's decision if any.</summary>
/// <param name="Computed">The class the rules give.</param>
/// <param name="Effective">The class that counts: the section head's where one applies, the computed one otherwise.</param>
/// <param name="ReasonKinds">The kinds of <see cref="Reasons"/>.</param>
/// <param name="Reasons">Every reason, never empty: the rules' reasons (or <c>no_restriction</c>), then the decision.</param>
/// <param name="Override">The section head's decision, applied or not.</param>
/// <param name="OverrideApplied">False when a decision exists but cannot apply (it would lift a My Number task).</param>
public sealed record TaskClassification(
    TeleworkClass Computed,
    TeleworkClass Effective,
    TaskReasonSet ReasonKinds,
    IReadOnlyList<TaskReason> Reasons,
    TaskOverride? Override,
    bool OverrideApplied);

/// <summary>
/// The rules that classify a task as 在宅可 / 交代制なら可 / 不可. The strictest reason wins:
/// counter work, confidential personal data, a My Number system, a system not on the allow-list,
/// paper originals or same-room work every day → office; paper originals or same-room work on some
/// days → rotation; otherwise home.
/// </summary>
public static class TaskClassifier
{
    /// <summary>A section head's justification must say something: at least this many characters (Japanese is dense: 「予約制の窓口に移行済み」 is 11).</summary>
    public const int MinJustificationLength = 10;

    /// <summary>Upper bound of a justification, in characters.</summary>
    public const int MaxJustificationLength = 1_000;

    /// <summary>Classifies a task, always with its reasons.</summary>
    public static TaskClassification Classify(WorkTask task)
    {
        var (computed, kinds) = Compute(task);
        var reasons = new List<TaskReason>(4);
        if (task.CounterWork) reasons.Add(new(TaskReasonKind.CounterWork, new("窓口業務（来庁者への対面対応）があるため、出勤が必要です", "Counter work (serving visitors in person) needs the office.")));
        if (task.ConfidentialPersonalData) reasons.Add(new(TaskReasonKind.ConfidentialPersonalData, new("機微な個人情報を扱うため、庁外では行えません", "Highly confidential personal data may not be handled outside the office.")));
        foreach (var system in task.Systems)
        {
            if (system.Segment == SystemSegment.MyNumber)
            {
                reasons.Add(new(TaskReasonKind.MyNumberSystem,
                    new($"「{system.Name}」はマイナンバー利用事務系のシステムで、テレワークからは接続できません", $"\"{system.Name}\" is in the My Number segment, which no telework path may reach."),
                    system.Id));
            }
            else if (!system.RemoteAllowed)
            {
                reasons.Add(new(TaskReasonKind.SystemNotAllowed,
                    new($"「{system.Name}」はテレワークで使えるシステムとして許可されていません", $"\"{system.Name}\" is not on the telework allow-list."),
                    system.Id));
            }
        }

        switch (task.PaperOriginals)
        {
            case Frequency.Daily: reasons.Add(new(TaskReasonKind.PaperOriginalsDaily, new("紙の原本を毎日扱うため、出勤が必要です", "Paper originals are handled every day, which needs the office."))); break;
            case Frequency.Sometimes: reasons.Add(new(TaskReasonKind.PaperOriginalsSometimes, new("紙の原本を扱う日があるため、交代制（原本は出勤日に処理）なら在宅でできます", "Paper originals are needed on some days: possible at home in rotation, handling them on office days."))); break;
        }

        switch (task.SameRoom)
        {
            case Frequency.Daily: reasons.Add(new(TaskReasonKind.SameRoomDaily, new("毎日、対面での共同作業が必要です", "People must work in the same room every day."))); break;
            case Frequency.Sometimes: reasons.Add(new(TaskReasonKind.SameRoomSometimes, new("対面での作業が必要な日があるため、交代制なら在宅でできます", "People must be in the same room on some days: possible at home in rotation."))); break;
        }

        if (reasons.Count == 0) reasons.Add(new(TaskReasonKind.NoRestriction, new("在宅勤務を妨げる要素はありません", "Nothing in this task prevents working from home.")));

        var effective = Effective(task, computed, kinds, out var applied);
        if (task.Override is { } decision)
        {
            var label = decision.Class.Label();
            reasons.Add(applied
                ? new(TaskReasonKind.SectionHeadOverride, new($"所属長の判断により「{label.Ja}」としました：{decision.Justification}", $"Set to \"{label.En}\" by the section head: {decision.Justification}"))
                : new(TaskReasonKind.SectionHeadOverride, new($"所属長の判断（{label.Ja}）は適用されません：マイナンバー利用事務系のシステムを使う業務は在宅にできません", $"The section head's decision ({label.En}) does not apply: a task using a My Number system cannot be done from home.")));
            if (applied) kinds = kinds.With(TaskReasonKind.SectionHeadOverride);
        }

        return new TaskClassification(computed, effective, kinds, reasons, task.Override, applied);
    }

    /// <summary>
    /// Records a section head's decision on a task, keeping the computed reasons. Refused without a
    /// justification of at least <see cref="MinJustificationLength"/> characters, and for lifting a
    /// task that needs a My Number system (such a task must be split so that the My Number part stays in the office).
    /// </summary>
    public static Result<WorkTask> WithOverride(WorkTask task, TeleworkClass decided, string justification, string decidedBy, DateTimeOffset decidedAt)
    {
        var decision = new TaskOverride(decided, justification?.Trim() ?? "", decidedBy?.Trim() ?? "", decidedAt.ToUniversalTime());
        var error = CheckOverride(task with { Override = decision }, "override");
        return error is null ? task with { Override = decision } : error;
    }

    /// <summary>The problem with a task's decision, or null when it has none or it is sound.</summary>
    internal static TaskInputError? CheckOverride(WorkTask task, string field)
    {
        if (task.Override is not { } decision) return null;
        if (!Enum.IsDefined(decision.Class))
        {
            return new TaskInputError(TaskErrorCodes.OutOfRange, field + ".class", "区分が不明です", "unknown class");
        }

        var length = decision.Justification?.Trim().Length ?? 0;
        if (length < MinJustificationLength)
        {
            return new TaskInputError(TaskErrorCodes.JustificationTooShort, field + ".justification",
                $"判断の理由を{MinJustificationLength}文字以上で記入してください（現在 {length} 文字）",
                $"write the reason for the decision in at least {MinJustificationLength} characters (now {length})");
        }

        if (length > MaxJustificationLength)
        {
            return new TaskInputError(TaskErrorCodes.JustificationTooLong, field + ".justification",
                $"判断の理由は{MaxJustificationLength}文字以内にしてください", $"keep the reason within {MaxJustificationLength} characters");
        }

        if (string.IsNullOrWhiteSpace(decision.DecidedBy))
        {
            return new TaskInputError(TaskErrorCodes.MissingValue, field + ".decidedBy", "判断した所属長がありません", "the deciding section head is missing");
        }

        var (_, kinds) = Compute(task);
        if (kinds.Contains(TaskReasonKind.MyNumberSystem) && decision.Class != TeleworkClass.Office)
        {
            return new TaskInputError(TaskErrorCodes.OverrideMyNumber, field + ".class",
                "マイナンバー利用事務系のシステムを使う業務は在宅にできません。マイナンバー系の作業を別の業務に分けてください",
                "a task using a My Number system cannot be done from home; split the My Number work into a task of its own");
        }

        return null;
    }

    /// <summary>The rules' class and reason kinds, without allocating: the hot path of capacity.</summary>
    internal static (TeleworkClass Class, TaskReasonSet Kinds) Compute(WorkTask task)
    {
        uint mask = 0;
        if (task.CounterWork) mask |= TaskReasonSet.Bit(TaskReasonKind.CounterWork);
        if (task.ConfidentialPersonalData) mask |= TaskReasonSet.Bit(TaskReasonKind.ConfidentialPersonalData);
        var systems = task.Systems;
        for (var i = 0; i < systems.Count; i++)
        {
            var system = systems[i];
            if (system.Segment == SystemSegment.MyNumber) mask |= TaskReasonSet.Bit(TaskReasonKind.MyNumberSystem);
            else if (!system.RemoteAllowed) mask |= TaskReasonSet.Bit(TaskReasonKind.SystemNotAllowed);
        }

        mask |= task.PaperOriginals switch
        {
            Frequency.Daily => TaskReasonSet.Bit(TaskReasonKind.PaperOriginalsDaily),
            Frequency.Sometimes => TaskReasonSet.Bit(TaskReasonKind.PaperOriginalsSometimes),
            _ => 0,
        };
        mask |= task.SameRoom switch
        {
            Frequency.Daily => TaskReasonSet.Bit(TaskReasonKind.SameRoomDaily),
            Frequency.Sometimes => TaskReasonSet.Bit(TaskReasonKind.SameRoomSometimes),
            _ => 0,
        };

        const uint rotationKinds = 1u << (int)TaskReasonKind.PaperOriginalsSometimes | 1u << (int)TaskReasonKind.SameRoomSometimes;
        if (mask == 0) return (TeleworkClass.Home, new TaskReasonSet(TaskReasonSet.Bit(TaskReasonKind.NoRestriction)));
        return ((mask & ~rotationKinds) != 0 ? TeleworkClass.Office : TeleworkClass.Rotation, new TaskReasonSet(mask));
    }

    /// <summary>The class that counts: a sound decision, unless it would lift a My Number task.</summary>
    internal static TeleworkClass Effective(WorkTask task, TeleworkClass computed, TaskReasonSet kinds, out bool applied)
    {
        applied = task.Override is { } decision
            && (decision.Class == TeleworkClass.Office || !kinds.Contains(TaskReasonKind.MyNumberSystem));
        return applied ? task.Override!.Class : computed;
    }
}
