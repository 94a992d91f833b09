using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Tasks;
using Zaitaku.Organization;
using Zaitaku.Tasks;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;

namespace Zaitaku.Web.Tasks;

/// <summary>What a caller gives to add or change a task.</summary>
public sealed record TaskInput(
    string? Code,
    string? Name,
    string? Description,
    bool CounterWork,
    bool ConfidentialPersonalData,
    IReadOnlyList<Guid> SystemIds,
    Frequency PaperOriginals,
    Frequency SameRoom,
    int SortOrder = 0);

/// <summary>One staff member's share of a task, as entered.</summary>
public sealed record ShareInput(Guid StaffId, int Percent);

/// <summary>A field of a task with a bad value.</summary>
public sealed record TaskFieldError(string Field, LocalizedText Problem) : Error("task_invalid",
    new($"{TaskFields.Label(Field).Ja}: {Problem.Ja}", $"{TaskFields.Label(Field).En}: {Problem.En}"));

/// <summary>The 業務ID is taken.</summary>
public sealed record TaskCodeTaken(string Code) : Error("task_code_taken",
    new($"業務ID「{Code}」は既に使われています。", $"Task id \"{Code}\" is already used."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>The labels of a task's fields, for messages.</summary>
public static class TaskFields
{
    public static LocalizedText Label(string field) => field switch
    {
        "code" => new("業務ID", "Task id"),
        "name" => new("業務名", "Task name"),
        "description" => new("内容", "Description"),
        "systems" => new("使用システム", "Systems used"),
        "section" => new("所属", "Section"),
        "shares" => new("担当割合", "Shares"),
        "justification" => new("判断の理由", "Justification"),
        "class" => new("所属長判断", "Section head's decision"),
        "minOffice" => new("最低出勤人数", "Minimum in the office"),
        "minOfficePercent" => new("最低出勤割合", "Minimum share in the office"),
        "emergencyMinOffice" => new("緊急時の最低出勤人数", "Emergency minimum in the office"),
        "emergencyMinOfficePercent" => new("緊急時の最低出勤割合", "Emergency minimum share in the office"),
        "homeMaxOfficeBoundPercent" => new("在宅可とする上限", "Home up to"),
        "rotationMaxOfficeBoundPercent" => new("交代制なら可とする上限", "Rotation up to"),
        "planTargetPercent" => new("在宅の上限の既定値", "Default home cap"),
        "teleworkPcs" => new("使える端末の台数", "Telework PCs"),
        "emergencyMaxHomeDaysPerWeek" => new("緊急時の在宅の上限日数", "Emergency home days a week"),
        "emergencyMinOfficeDaysPerWeek" => new("緊急時の出勤の最低日数", "Emergency office days a week"),
        _ => new(field, field),
    };
}

/// <summary>Adding, changing and removing tasks, who does them, the section head's decision, and section staffing.</summary>
public sealed partial class TaskService(ZaitakuDb db)
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 1000;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex CodePattern();

    public Task<InventoryTask?> FindAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        db.Tasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);

    public async Task<Result<InventoryTask>> CreateAsync(ClaimsPrincipal user, Guid sectionId, TaskInput input, CancellationToken cancellationToken = default)
    {
        var org = await OrgSections.LoadAsync(db, cancellationToken);
        if (!org.ById.ContainsKey(sectionId)) return new NotFoundError(new("所属", "The section"));
        if (!user.CanEditSection(sectionId)) return new TaskForbidden();
        if (await ValidateAsync(input, null, cancellationToken) is { } error) return error;
        var task = new InventoryTask { Id = Guid.NewGuid(), Code = input.Code!.Trim(), Name = "", SectionId = sectionId };
        Apply(task, input);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }

    public async Task<Result<InventoryTask>> UpdateAsync(ClaimsPrincipal user, Guid taskId, TaskInput input, CancellationToken cancellationToken = default)
    {
        var task = await FindAsync(taskId, cancellationToken);
        if (task is null) return new NotFoundError(new("業務", "The task"));
        if (!user.CanEditSection(task.SectionId)) return new TaskForbidden();
        if (await ValidateAsync(input, task, cancellationToken) is { } error) return error;
        Apply(task, input);
        // A decision that no longer holds (the task now uses a My Number system) is kept but shown as not applied by the rules.
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }

    public async Task<Result<bool>> DeleteAsync(ClaimsPrincipal user, Guid taskId, CancellationToken cancellationToken = default)
    {
        var task = await FindAsync(taskId, cancellationToken);
        if (task is null) return new NotFoundError(new("業務", "The task"));
        if (!user.CanEditSection(task.SectionId)) return new TaskForbidden();
        // Shares go with the task; they are removed through the tracker so each is audited.
        db.TaskAssignments.RemoveRange(await db.TaskAssignments.Where(a => a.TaskId == taskId).ToListAsync(cancellationToken));
        db.Tasks.Remove(task);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Replaces who does a task and for what share of their time. Refused, naming the staff
    /// member, for a share outside 1..100, someone listed twice, or shares over 100% in total.
    /// </summary>
    public async Task<Result<IReadOnlyList<TaskAssignmentEntry>>> SetSharesAsync(ClaimsPrincipal user, Guid taskId, IReadOnlyList<ShareInput> shares, CancellationToken cancellationToken = default)
    {
        var task = await FindAsync(taskId, cancellationToken);
        if (task is null) return new NotFoundError(new("業務", "The task"));
        if (!user.CanEditSection(task.SectionId)) return new TaskForbidden();
        var staffIds = shares.Select(s => s.StaffId).Distinct().ToList();
        var today = JapanTime.Today(db.Time);
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var otherTotals = await db.TaskAssignments.AsNoTracking().Where(a => staffIds.Contains(a.StaffId) && a.TaskId != taskId)
            .GroupBy(a => a.StaffId).Select(g => new { g.Key, Total = g.Sum(a => a.Percent) })
            .ToDictionaryAsync(g => g.Key, g => g.Total, cancellationToken);
        var seen = new HashSet<Guid>();
        foreach (var share in shares)
        {
            if (!staff.TryGetValue(share.StaffId, out var member) || !member.IsActiveOn(today))
                return new TaskFieldError("shares", new("在職中の職員を選んでください", "choose staff members who are employed"));
            if (!seen.Add(share.StaffId))
                return new TaskFieldError("shares", new($"{member.FullName}さんが2回入力されています", $"{member.FullName} is listed twice"));
            if (share.Percent is < 1 or > 100)
                return new TaskFieldError("shares", new($"{member.FullName}さんの割合 {share.Percent}% は範囲外です（1～100%）", $"{member.FullName}'s share {share.Percent}% is out of range (1..100%)"));
            var total = otherTotals.GetValueOrDefault(share.StaffId) + share.Percent;
            if (total > 100)
                return new TaskFieldError("shares", new($"{member.FullName}さんの業務割合の合計が {total}% になり、100% を超えます", $"{member.FullName}'s shares would add up to {total}%, more than 100%"));
        }

        var current = await db.TaskAssignments.Where(a => a.TaskId == taskId).ToListAsync(cancellationToken);
        var wanted = shares.ToDictionary(s => s.StaffId, s => s.Percent);
        foreach (var row in current)
        {
            if (!wanted.TryGetValue(row.StaffId, out var percent)) db.TaskAssignments.Remove(row);
            else if (row.Percent != percent) row.Percent = percent;
        }
        foreach (var share in shares.Where(s => current.All(c => c.StaffId != s.StaffId)))
            db.TaskAssignments.Add(new TaskAssignmentEntry { Id = Guid.NewGuid(), TaskId = taskId, StaffId = share.StaffId, Percent = share.Percent });
        await db.SaveChangesAsync(cancellationToken);
        return await db.TaskAssignments.AsNoTracking().Where(a => a.TaskId == taskId).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// 所属長の判断: sets a task's class against the computed one with a written justification, or
    /// clears it (<paramref name="decided"/> null). Only the head of the task's section or HR. The
    /// change is audited as a row change and as an explicit <c>task.override</c> record.
    /// </summary>
    public async Task<Result<InventoryTask>> SetOverrideAsync(ClaimsPrincipal user, Guid taskId, TeleworkClass? decided, string? justification, CancellationToken cancellationToken = default)
    {
        var task = await FindAsync(taskId, cancellationToken);
        if (task is null) return new NotFoundError(new("業務", "The task"));
        if (!user.CanOverride(task.SectionId)) return new OverrideForbidden();
        var systems = await db.Systems.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
        var computed = TaskClassifier.Classify(InventoryLoader.ToWorkTask(task, systems) with { Override = null });
        var now = db.Time.GetUtcNow();
        if (decided is null)
        {
            if (task.OverrideClass is null) return task;
            db.Audit("task.override_cleared", nameof(InventoryTask), task.Id.ToString(), AuditJson.Of(new
            {
                task = task.Code, name = task.Name, was = task.OverrideClass?.ToCode(), computed = computed.Computed.ToCode(),
            }));
            task.OverrideClass = null;
            task.OverrideJustification = null;
            task.OverrideByUserId = null;
            task.OverrideByName = null;
            task.OverrideAt = null;
            await db.SaveChangesAsync(cancellationToken);
            return task;
        }

        var checkedTask = TaskClassifier.WithOverride(InventoryLoader.ToWorkTask(task, systems), decided.Value, justification ?? "", user.ActorName(), now);
        if (!checkedTask.IsOk)
        {
            var error = (TaskInputError)checkedTask.Error!;
            return new TaskFieldError(error.Field.EndsWith("justification", StringComparison.Ordinal) ? "justification" : "class",
                new(Detail(error.Message.Ja), Detail(error.Message.En)));
        }

        var decision = checkedTask.Value.Override!;
        task.OverrideClass = decision.Class;
        task.OverrideJustification = decision.Justification;
        task.OverrideByUserId = user.GetUserId();
        task.OverrideByName = decision.DecidedBy;
        task.OverrideAt = now;
        db.Audit("task.override", nameof(InventoryTask), task.Id.ToString(), AuditJson.Of(new
        {
            task = task.Code, name = task.Name, computed = computed.Computed.ToCode(), decided = decision.Class.ToCode(),
            justification = decision.Justification, reasons = computed.Reasons.Select(r => r.Code).ToArray(),
        }));
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }

    /// <summary>A section's staffing minimums; the defaults until the section sets its own.</summary>
    public async Task<SectionStaffing> StaffingAsync(Guid sectionId, CancellationToken cancellationToken = default) =>
        await db.SectionStaffing.AsNoTracking().SingleOrDefaultAsync(s => s.SectionId == sectionId, cancellationToken)
        ?? new SectionStaffing { SectionId = sectionId };

    public async Task<Result<SectionStaffing>> SaveStaffingAsync(ClaimsPrincipal user, Guid sectionId, int minOffice, int minOfficePercent, int emergencyMinOffice, int emergencyMinOfficePercent, CancellationToken cancellationToken = default)
    {
        var org = await OrgSections.LoadAsync(db, cancellationToken);
        if (!org.ById.ContainsKey(sectionId)) return new NotFoundError(new("所属", "The section"));
        if (!user.CanEditSection(sectionId)) return new TaskForbidden();
        if (minOffice is < 0 or > 1000) return new TaskFieldError("minOffice", new("0～1000 人で入力してください", "use 0 to 1,000"));
        if (minOfficePercent is < 0 or > 100) return new TaskFieldError("minOfficePercent", new("0～100% で入力してください", "use 0 to 100%"));
        if (emergencyMinOffice is < 0 or > 1000) return new TaskFieldError("emergencyMinOffice", new("0～1000 人で入力してください", "use 0 to 1,000"));
        if (emergencyMinOfficePercent is < 0 or > 100) return new TaskFieldError("emergencyMinOfficePercent", new("0～100% で入力してください", "use 0 to 100%"));
        var row = await db.SectionStaffing.SingleOrDefaultAsync(s => s.SectionId == sectionId, cancellationToken);
        if (row is null)
        {
            row = new SectionStaffing { Id = Guid.NewGuid(), SectionId = sectionId };
            db.SectionStaffing.Add(row);
        }
        row.MinOffice = minOffice;
        row.MinOfficePercent = minOfficePercent;
        row.EmergencyMinOffice = emergencyMinOffice;
        row.EmergencyMinOfficePercent = emergencyMinOfficePercent;
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>Saves the tenant's task settings after checking each value.</summary>
    public async Task<Result<TaskSettings>> SaveSettingsAsync(ClaimsPrincipal user, TaskSettings values, CancellationToken cancellationToken = default)
    {
        if (!user.CanChangeSettings()) return new TaskForbidden();
        if (values.Rule.Validate() is { } invalid) return new TaskFieldError(invalid.Field, new(Detail(invalid.Message.Ja), Detail(invalid.Message.En)));
        if (values.PlanTargetPercent is < 1 or > 100) return new TaskFieldError("planTargetPercent", new("1～100% で入力してください（上限なしは空欄）", "use 1 to 100% (empty for none)"));
        if (values.TeleworkPcs is < 0 or > 1_000_000) return new TaskFieldError("teleworkPcs", new("0 以上で入力してください", "use 0 or more"));
        if (values.EmergencyMaxHomeDaysPerWeek is < 0 or > 7) return new TaskFieldError("emergencyMaxHomeDaysPerWeek", new("0～7 日で入力してください", "use 0 to 7 days"));
        if (values.EmergencyMinOfficeDaysPerWeek is < 0 or > 7) return new TaskFieldError("emergencyMinOfficeDaysPerWeek", new("0～7 日で入力してください", "use 0 to 7 days"));
        var row = await db.TaskSettings.SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = new TaskSettings { Id = Guid.NewGuid() };
            db.TaskSettings.Add(row);
        }
        row.HomeMaxOfficeBoundPercent = values.HomeMaxOfficeBoundPercent;
        row.RotationMaxOfficeBoundPercent = values.RotationMaxOfficeBoundPercent;
        row.PlanTargetPercent = values.PlanTargetPercent;
        row.TeleworkPcs = values.TeleworkPcs;
        row.EmergencyMaxHomeDaysPerWeek = values.EmergencyMaxHomeDaysPerWeek;
        row.EmergencyMinOfficeDaysPerWeek = values.EmergencyMinOfficeDaysPerWeek;
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>The code is a 業務ID people can type and files can carry: letters, digits, <c>_ . -</c>, up to 32.</summary>
    public static bool IsValidCode(string code) => CodePattern().IsMatch(code);

    private async Task<Error?> ValidateAsync(TaskInput input, InventoryTask? existing, CancellationToken cancellationToken)
    {
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0) return new TaskFieldError("code", new("入力してください（必須）", "is required"));
        if (!IsValidCode(code)) return new TaskFieldError("code", new("英数字と _ . - の32文字以内で入力してください", "use up to 32 letters, digits, _ . -"));
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) return new TaskFieldError("name", new("入力してください（必須）", "is required"));
        if (name.Length > MaxNameLength) return new TaskFieldError("name", new($"{MaxNameLength}文字以内にしてください", $"keep it within {MaxNameLength} characters"));
        if (input.Description is { Length: > MaxDescriptionLength }) return new TaskFieldError("description", new($"{MaxDescriptionLength}文字以内にしてください", $"keep it within {MaxDescriptionLength} characters"));
        if (!Enum.IsDefined(input.PaperOriginals) || !Enum.IsDefined(input.SameRoom)) return new TaskFieldError("code", new("頻度が不明です", "unknown frequency"));
        var ids = input.SystemIds.Distinct().ToList();
        var known = await db.Systems.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        if (known.Count != ids.Count) return new TaskFieldError("systems", new("登録されていないシステムが含まれています", "includes a system that is not registered"));
        var id = existing?.Id ?? Guid.Empty;
        if (await db.Tasks.AnyAsync(t => t.Code == code && t.Id != id, cancellationToken)) return new TaskCodeTaken(code);
        return null;
    }

    private static void Apply(InventoryTask task, TaskInput input)
    {
        task.Code = input.Code!.Trim();
        task.Name = input.Name!.Trim();
        task.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        task.CounterWork = input.CounterWork;
        task.ConfidentialPersonalData = input.ConfidentialPersonalData;
        task.SystemIds = input.SystemIds.Distinct().ToList();
        task.PaperOriginals = input.PaperOriginals;
        task.SameRoom = input.SameRoom;
        task.SortOrder = input.SortOrder;
    }

    // The pure rules' messages start with the field path ("override.justification: …"); screens show the rest.
    private static string Detail(string message) => message.IndexOf(": ", StringComparison.Ordinal) is var i and >= 0 ? message[(i + 2)..] : message;
}

/// <summary>Only the head of the task's section or HR may decide its class.</summary>
public sealed record OverrideForbidden() : Error("task_override_forbidden",
    new("業務の判定を変更できるのは、その所属の所属長と人事課だけです。", "Only the head of the task's section or HR may decide its class."))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;
}
