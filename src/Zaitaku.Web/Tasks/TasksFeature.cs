using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Audit;
using Zaitaku.Tasks;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tabular;
using Zaitaku.Web.Tasks.Planning;

namespace Zaitaku.Web.Tasks;

/// <summary>A task as the API shows it: its attributes, its class with every reason, the section head's decision and who does it.</summary>
public sealed record TaskDto(string Id, string SectionCode, string Name, bool CounterWork, bool ConfidentialPersonalData, IReadOnlyList<string> Systems,
    string PaperOriginals, string SameRoom, string Class, string ComputedClass, IReadOnlyList<TaskReasonDto> Reasons, TaskOverrideDto? Override,
    IReadOnlyList<TaskShareDto> Shares);

public sealed record TaskReasonDto(string Code, string Text);

public sealed record TaskOverrideDto(string Class, string Justification, string DecidedBy, DateTimeOffset? DecidedAt, bool Applied);

public sealed record TaskShareDto(string StaffNumber, int Percent);

/// <summary>Capacity as the API shows it.</summary>
public sealed record CapacityDto(CapacityFiguresDto Municipality, IReadOnlyList<CapacityFiguresDto> Departments, IReadOnlyList<CapacityFiguresDto> Sections);

public sealed record CapacityFiguresDto(string Id, string Name, int Staff, int Home, int Rotation, int Office, int AtHomeOnTypicalDay, decimal HomeShare,
    IReadOnlyList<CapacityTargetDto> Targets, IReadOnlyList<CapacityReasonDto> Blocking);

public sealed record CapacityTargetDto(string Code, decimal HomeShare, int RequiredStaff, int GapStaff, bool Met);

public sealed record CapacityReasonDto(string Code, int Staff, double TaskTimeFte, int Tasks);

/// <summary>The task inventory, capacity and rotation plans: services, downloads, the plan status and /api/v1/tasks.</summary>
internal static class TasksFeature
{
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.AddScoped<TaskService>().AddScoped<TaskImport>().AddScoped<InventoryService>().AddSingleton<InventoryCache>().AddScoped<PlanBuilder>().AddScoped<PlanService>();
        // Plans read the work calendar, rules and requests and the device register, and accepting asks for telework.
        services.AddScoped<IPlanningSources, WorkPlanningSources>();
        services.AddSingleton<PlanRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<PlanRunner>());
        return services;
    }

    public static void MapTaskDownloads(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/tasks").RequireAuthorization(Policies.StaffReaders).ExcludeFromDescription();
        group.MapGet("/export", ExportAsync);
        group.MapGet("/plans/{planId:guid}/status", StatusAsync);
        group.MapGet("/plans/{planId:guid}/instance.json", InstanceAsync);
        group.MapGet("/plans/{planId:guid}/plan.json", PlanAsync);
    }

    public static void MapTasksApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/tasks").WithTags("Tasks").RequireAuthorization(Policies.ApiScope(ApiScopes.TasksRead));
        read.MapGet("/", ListAsync).WithSummary("業務と判定（理由つき）・担当割合 / tasks with their class, reasons and shares");
        read.MapGet("/capacity", CapacityAsync).WithSummary("在宅勤務可能人数（全庁・部局・所属） / telework capacity of the municipality, departments and sections");
    }

    private static async Task<IResult> ExportAsync(HttpContext http, ZaitakuDb db, string? format, string? sheet, Guid? section, CancellationToken cancellationToken)
    {
        var user = http.User;
        if (TabularWriter.ParseFormat(format) is not { } kind)
            return ErrorResults.Problem(new FieldError("format", new($"形式「{format}」は使えません（csv, csv-sjis, xlsx）。", $"Unknown format \"{format}\" (csv, csv-sjis, xlsx).")));
        IReadOnlySet<Guid>? sections;
        if (section is { } id)
        {
            if (!user.CanReadSection(id)) return ErrorResults.Problem(new NotFoundError(new("所属", "The section")));
            sections = new HashSet<Guid> { id };
        }
        else sections = user.ReadsAll() ? null : user.HeadedSections();
        var (tasks, shares) = await TaskImport.ExportAsync(db, sections, cancellationToken);
        db.Audit("task.exported", "", "", AuditJson.Of(new { format = kind.ToString(), sheet, section, tasks = tasks.Count, shares = shares.Count }));
        await db.SaveChangesAsync(cancellationToken);
        var taskHeader = TaskImport.TaskColumns.Select(c => c.Header).ToList();
        var shareHeader = TaskImport.ShareColumns.Select(c => c.Header).ToList();
        var date = JapanTime.Today(db.Time).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        if (kind == TabularFormat.Xlsx)
        {
            var bytes = TabularWriter.WriteSheets([(TaskImport.TasksSheet, taskHeader, tasks), (TaskImport.SharesSheet, shareHeader, shares)]);
            return TypedResults.File(bytes, TabularWriter.ContentType(kind), $"tasks-{date}.xlsx");
        }
        var isShares = sheet is "assignments" or "shares";
        var csv = isShares ? TabularWriter.Write(kind, shareHeader, shares) : TabularWriter.Write(kind, taskHeader, tasks);
        return TypedResults.File(csv, TabularWriter.ContentType(kind), $"{(isShares ? "task-shares" : "tasks")}-{date}.csv");
    }

    private static async Task<IResult> StatusAsync(Guid planId, HttpContext http, PlanService plans, CancellationToken cancellationToken)
    {
        var status = await plans.StatusAsync(http.User, planId, cancellationToken);
        return status.IsOk ? TypedResults.Json(status.Value) : ErrorResults.Problem(status.Error!);
    }

    private static async Task<IResult> InstanceAsync(Guid planId, HttpContext http, PlanService plans, ZaitakuDb db, CancellationToken cancellationToken)
    {
        var view = await plans.FindAsync(http.User, planId, cancellationToken);
        if (!view.IsOk) return ErrorResults.Problem(view.Error!);
        db.Audit("rotationplan.exported", "RotationPlanRecord", planId.ToString(), AuditJson.Of(new { file = "instance" }));
        await db.SaveChangesAsync(cancellationToken);
        var json = Zaitaku.Planning.RotationInstanceJson.Write(view.Value.Input.Instance);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", $"instance-{planId:N}.json");
    }

    private static async Task<IResult> PlanAsync(Guid planId, HttpContext http, PlanService plans, ZaitakuDb db, CancellationToken cancellationToken)
    {
        var view = await plans.FindAsync(http.User, planId, cancellationToken);
        if (!view.IsOk) return ErrorResults.Problem(view.Error!);
        if (view.Value.Output is not { } output) return ErrorResults.Problem(new PlanNotOpen(new("計画はまだ計算中です。", "The plan is still being solved.")));
        db.Audit("rotationplan.exported", "RotationPlanRecord", planId.ToString(), AuditJson.Of(new { file = "plan" }));
        await db.SaveChangesAsync(cancellationToken);
        var json = Zaitaku.Planning.RotationPlanJson.Write(output.Plan);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", $"plan-{planId:N}.json");
    }

    private static async Task<IResult> ListAsync(ZaitakuDb db, InventoryService inventories, string? section, CancellationToken cancellationToken)
    {
        var org = await OrgSections.LoadAsync(db, cancellationToken);
        InventoryScope scope;
        if (string.IsNullOrWhiteSpace(section)) scope = InventoryScope.Municipality;
        else if (org.ByCode.TryGetValue(section.Trim(), out var s)) scope = InventoryScope.Section(s.Id);
        else return ErrorResults.Problem(new NotFoundError(new("所属", "The section")));
        var loaded = await inventories.LoadAsync(scope, cancellationToken: cancellationToken);
        if (!loaded.IsOk) return ErrorResults.Problem(loaded.Error!);
        var inventory = loaded.Value;
        var tasks = inventory.Tasks.Where(t => scope.Includes(t.SectionId)).Select(t =>
        {
            var c = inventory.Classify(t);
            return new TaskDto(t.Code, org.ById[t.SectionId].Code, t.Name, t.CounterWork, t.ConfidentialPersonalData,
                t.SystemIds.Select(id => InventoryLoader.ToSystemRef(id, inventory.Systems).Id).ToList(),
                Code(t.PaperOriginals), Code(t.SameRoom), c.Effective.ToCode(), c.Computed.ToCode(),
                c.Reasons.Select(r => new TaskReasonDto(r.Code, r.Text.Current)).ToList(),
                t.OverrideClass is { } o ? new TaskOverrideDto(o.ToCode(), t.OverrideJustification ?? "", t.OverrideByName ?? "", t.OverrideAt, c.OverrideApplied) : null,
                inventory.AssignmentsByTask[t.Id].Where(a => inventory.StaffById.ContainsKey(a.StaffId))
                    .Select(a => new TaskShareDto(inventory.StaffById[a.StaffId].StaffNumber, a.Percent)).ToList());
        }).ToList();
        return TypedResults.Ok(tasks);
    }

    private static async Task<IResult> CapacityAsync(InventoryService inventories, CancellationToken cancellationToken)
    {
        var loaded = await inventories.LoadAsync(InventoryScope.Municipality, cancellationToken: cancellationToken);
        if (!loaded.IsOk) return ErrorResults.Problem(loaded.Error!);
        var report = loaded.Value.Capacity;
        return TypedResults.Ok(new CapacityDto(ToDto(report.Municipality), report.Departments.Select(ToDto).ToList(), report.Sections.Select(ToDto).ToList()));
    }

    private static CapacityFiguresDto ToDto(CapacityFigures f) => new(f.Id, f.Name, f.Staff, f.Home, f.Rotation, f.Office, f.AtHomeOnTypicalDay, f.HomeShare,
        f.Targets.Select(t => new CapacityTargetDto(t.Target.Code, t.Target.HomeShare, t.RequiredStaff, t.GapStaff, t.Met)).ToList(),
        f.Blocking.Select(b => new CapacityReasonDto(b.Code, b.Staff, b.TaskTimeFte, b.Tasks)).ToList());

    private static string Code(Frequency frequency) => frequency switch
    {
        Frequency.Never => "never",
        Frequency.Sometimes => "sometimes",
        _ => "daily",
    };
}
