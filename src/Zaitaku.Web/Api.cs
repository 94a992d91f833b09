using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Zaitaku.Web.Security;

namespace Zaitaku.Web;

/// <summary>/api/v1: for external systems (the HR system first), with API tokens; described by OpenAPI.</summary>
internal static class Api
{
    public static IServiceCollection AddZaitakuApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Zaitaku API",
                    Version = "v1",
                    Description = "在宅（Zaitaku）の組織・職員・勤務（在宅勤務日、勤務表、給与連携）のAPI。自治体ごとのAPIトークン（Authorization: Bearer zt_…）で呼び出します。" +
                                  " / Organisation, staff and work (telework days, timesheets, payroll) API of Zaitaku, called with a per-tenant API token.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "APIトークン（管理画面の「APIトークン」で発行） / an API token issued in the console",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapZaitakuApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Policies.Console);
        var api = app.MapGroup("/api/v1");
        Features.MapApiV1(api);
        return app;
    }
}
