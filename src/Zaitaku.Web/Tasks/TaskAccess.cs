using System.Security.Claims;
using Zaitaku.Organization;
using Zaitaku.Web.Security;

namespace Zaitaku.Web.Tasks;

/// <summary>
/// Who may do what with the task inventory and the plans. A section head works on the sections
/// they head; HR and the tenant administrator on every section; IT and the auditor read.
/// </summary>
public static class TaskAccess
{
    /// <summary>Reads every section's inventory and capacity.</summary>
    public static bool ReadsAll(this ClaimsPrincipal user) =>
        user.HasRole(Role.HrAdmin) || user.HasRole(Role.TenantAdmin) || user.HasRole(Role.Auditor) || user.HasRole(Role.ItAdmin);

    /// <summary>Reads the inventory of a section.</summary>
    public static bool CanReadSection(this ClaimsPrincipal user, Guid sectionId) =>
        user.ReadsAll() || Heads(user, sectionId);

    /// <summary>Adds, changes and removes a section's tasks and who does them.</summary>
    public static bool CanEditSection(this ClaimsPrincipal user, Guid sectionId) =>
        user.HasRole(Role.HrAdmin) || user.HasRole(Role.TenantAdmin) || Heads(user, sectionId);

    /// <summary>所属長の判断: the head of that section, or HR.</summary>
    public static bool CanOverride(this ClaimsPrincipal user, Guid sectionId) =>
        user.HasRole(Role.HrAdmin) || Heads(user, sectionId);

    /// <summary>Imports or exports the inventory of every section.</summary>
    public static bool CanImportAll(this ClaimsPrincipal user) => user.HasRole(Role.HrAdmin) || user.HasRole(Role.TenantAdmin);

    /// <summary>Plans a period: a section head for their section, HR and the tenant administrator for any scope.</summary>
    public static bool CanPlan(this ClaimsPrincipal user, Data.Tasks.PlanScope scope, Guid? unitId) =>
        user.HasRole(Role.HrAdmin) || user.HasRole(Role.TenantAdmin)
        || (scope == Data.Tasks.PlanScope.Section && unitId is { } id && Heads(user, id));

    /// <summary>Switches on the emergency (BCP) plan of the whole municipality.</summary>
    public static bool CanPlanEmergency(this ClaimsPrincipal user) => user.HasRole(Role.HrAdmin) || user.HasRole(Role.TenantAdmin);

    /// <summary>Changes the tenant's task settings (eligibility rule, PCs, emergency rules).</summary>
    public static bool CanChangeSettings(this ClaimsPrincipal user) => user.HasRole(Role.HrAdmin) || user.HasRole(Role.TenantAdmin);

    private static bool Heads(ClaimsPrincipal user, Guid sectionId) =>
        user.HasRole(Role.SectionHead) && user.HeadedSections().Contains(sectionId);
}

/// <summary>The caller may not do this with this section.</summary>
public sealed record TaskForbidden() : Error("task_forbidden",
    new("この所属の業務を変更する権限がありません。", "You may not change this section's tasks."))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;
}
