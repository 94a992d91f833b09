using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Web.ApiTokens;
using Zaitaku.Web.Audit;
using Zaitaku.Web.Budget;
using Zaitaku.Web.Dashboards;
using Zaitaku.Web.Decisions;
using Zaitaku.Web.Devices;
using Zaitaku.Web.Organization;
using Zaitaku.Web.Readiness;
using Zaitaku.Web.Staff;
using Zaitaku.Web.Systems;
using Zaitaku.Web.Tasks;
using Zaitaku.Web.Tenants;
using Zaitaku.Web.Work;

namespace Zaitaku.Web;

/// <summary>Each feature of the console shows the host one registration and one mapping.</summary>
internal static class Features
{
    public static IServiceCollection AddZaitakuFeatures(this IServiceCollection services) => services
        .AddOrganization()
        .AddStaff()
        .AddAuditTrail()
        .AddTenants()
        .AddApiTokens()
        .AddSystems()
        .AddWork()
        .AddBudget()
        .AddReadiness()
        .AddDashboards()
        .AddDevices()
        .AddTasks()
        .AddDecisionLog();

    /// <summary>Endpoints of the console that are not pages: exports and downloads.</summary>
    public static IEndpointRouteBuilder MapFeatureEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapStaffDownloads();
        app.MapAuditDownloads();
        app.MapWorkEndpoints();
        app.MapReadinessDownloads();
        app.MapDeviceDownloads();
        app.MapTaskDownloads();
        Reports.ReportDownloads.MapReportDownloads(app);
        app.MapDecisionDownloads();
        return app;
    }

    /// <summary>The /api/v1 endpoints of each feature.</summary>
    public static void MapApiV1(RouteGroupBuilder api)
    {
        api.MapOrganizationApi();
        api.MapStaffApi();
        api.MapWorkApi();
        api.MapDevicesApi();
        api.MapTasksApi();
    }
}
