using Microsoft.AspNetCore.Authorization;
using Zaitaku.Organization;

namespace Zaitaku.Web.Security;

/// <summary>
/// The authorization policies. Every console policy includes the second-factor rule, so that a
/// user who must use a second factor and has not is refused everywhere but enrolment.
/// </summary>
public static class Policies
{
    public const string ConsoleScheme = "zaitaku";
    public const string SecondFactorScheme = "zaitaku.2fa";
    public const string ApiScheme = "zaitaku.api";

    /// <summary>Signed in, second factor passed where required: the fallback for every endpoint.</summary>
    public const string Console = "console";

    /// <summary>Signed in with a password, before the second factor is enrolled.</summary>
    public const string Enrolment = "enrolment";

    public const string TenantAdmin = "tenant-admin";
    public const string HrOrTenantAdmin = "hr-or-tenant-admin";
    public const string StaffReaders = "staff-readers";
    public const string AuditReaders = "audit-readers";

    /// <summary>情報政策課: registers, kits, lends and disposes of telework PCs.</summary>
    public const string DeviceManagers = "device-managers";

    /// <summary>IT and auditors: read the fleet, each PC's timeline, leases and settings.</summary>
    public const string DeviceReaders = "device-readers";
    public const string Operator = "operator";
    public const string ItOrTenantAdmin = "it-or-tenant-admin";

    /// <summary>Plan budgets: IT, HR and the tenant's administrator.</summary>
    public const string BudgetPlanners = "budget-planners";

    /// <summary>Read budgets, survey results, dashboards and reports: the planners and the auditor.</summary>
    public const string ReportReaders = "report-readers";

    public static string ApiScope(string scope) => $"api:{scope}";

    public static void Configure(AuthorizationOptions options)
    {
        var console = ConsoleBase().Build();
        options.DefaultPolicy = console;
        options.FallbackPolicy = console;
        options.AddPolicy(Console, console);
        options.AddPolicy(Enrolment, new AuthorizationPolicyBuilder(ConsoleScheme).RequireAuthenticatedUser().Build());
        options.AddPolicy(TenantAdmin, ConsoleBase().RequireClaim(ZaitakuClaims.Role, nameof(Role.TenantAdmin)).Build());
        options.AddPolicy(HrOrTenantAdmin, ConsoleBase().RequireClaim(ZaitakuClaims.Role, nameof(Role.TenantAdmin), nameof(Role.HrAdmin)).Build());
        options.AddPolicy(StaffReaders, ConsoleBase().RequireClaim(ZaitakuClaims.Role,
            nameof(Role.TenantAdmin), nameof(Role.HrAdmin), nameof(Role.ItAdmin), nameof(Role.Auditor), nameof(Role.SectionHead)).Build());
        options.AddPolicy(AuditReaders, ConsoleBase().RequireAssertion(context =>
            context.User.IsOperator()
            || context.User.HasRole(Role.Auditor) || context.User.HasRole(Role.TenantAdmin) || context.User.HasRole(Role.ItAdmin)).Build());
        options.AddPolicy(Operator, ConsoleBase().RequireClaim(ZaitakuClaims.Operator, "1").Build());
        options.AddPolicy(ItOrTenantAdmin, ConsoleBase().RequireClaim(ZaitakuClaims.Role, nameof(Role.TenantAdmin), nameof(Role.ItAdmin)).Build());
        options.AddPolicy(BudgetPlanners, ConsoleBase().RequireClaim(ZaitakuClaims.Role, nameof(Role.TenantAdmin), nameof(Role.ItAdmin), nameof(Role.HrAdmin)).Build());
        options.AddPolicy(ReportReaders, ConsoleBase().RequireClaim(ZaitakuClaims.Role,
            nameof(Role.TenantAdmin), nameof(Role.ItAdmin), nameof(Role.HrAdmin), nameof(Role.Auditor)).Build());
        options.AddPolicy(DeviceManagers, ConsoleBase().RequireClaim(ZaitakuClaims.Role, nameof(Role.ItAdmin)).Build());
        options.AddPolicy(DeviceReaders, ConsoleBase().RequireClaim(ZaitakuClaims.Role, nameof(Role.ItAdmin), nameof(Role.Auditor)).Build());
        foreach (var scope in Data.Accounts.ApiScopes.All)
        {
            options.AddPolicy(ApiScope(scope), new AuthorizationPolicyBuilder(ApiScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(ZaitakuClaims.Scope, scope)
                .Build());
        }
    }

    private static AuthorizationPolicyBuilder ConsoleBase() =>
        new AuthorizationPolicyBuilder(ConsoleScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context =>
                context.User.HasClaim(ZaitakuClaims.SecondFactor, "1")
                || !context.User.HasClaim(ZaitakuClaims.SecondFactorRequired, "1"));
}
