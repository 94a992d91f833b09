using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Data.Accounts;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;

namespace Zaitaku.Web.Organization;

/// <summary>A department, section or unit as the API shows it.</summary>
public sealed record OrgUnitDto(Guid Id, string Code, string Name, string Kind, Guid? ParentId, int SortOrder, bool Active)
{
    public static OrgUnitDto From(OrgUnit u) => new(u.Id, u.Code, u.Name, KindName(u.Kind), u.ParentId, u.SortOrder, u.Active);

    public static string KindName(OrgUnitKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>The body of a create or update: <c>kind</c> is <c>department</c>, <c>section</c> or <c>unit</c>.</summary>
public sealed record OrgUnitRequest(string? Code, string? Name, string? Kind, Guid? ParentId, int? SortOrder, bool? Active);

internal static class OrgApi
{
    public static void MapOrganizationApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/org-units").WithTags("Organisation").RequireAuthorization(Policies.ApiScope(ApiScopes.OrgRead));
        read.MapGet("/", ListAsync).WithSummary("組織（部局・課・係）の一覧 / list departments, sections and units");
        read.MapGet("/{unitId:guid}", GetAsync).WithSummary("組織1件 / one unit");

        var write = api.MapGroup("/org-units").WithTags("Organisation").RequireAuthorization(Policies.ApiScope(ApiScopes.OrgWrite)).DisableAntiforgery();
        write.MapPost("/", CreateAsync).WithSummary("組織の作成 / create a unit");
        write.MapPut("/{unitId:guid}", UpdateAsync).WithSummary("組織の変更 / change a unit");
    }

    private static async Task<Ok<List<OrgUnitDto>>> ListAsync(OrgService org, CancellationToken cancellationToken)
    {
        var tree = await org.TreeAsync(cancellationToken);
        var list = new List<OrgUnitDto>();
        void Walk(OrgTreeNode node)
        {
            list.Add(OrgUnitDto.From(node.Unit));
            foreach (var child in node.Children) Walk(child);
        }
        foreach (var root in tree) Walk(root);
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<OrgUnitDto>, NotFound>> GetAsync(Guid unitId, OrgService org, CancellationToken cancellationToken) =>
        await org.FindAsync(unitId, cancellationToken) is { } unit ? TypedResults.Ok(OrgUnitDto.From(unit)) : TypedResults.NotFound();

    private static async Task<IResult> CreateAsync([FromBody] OrgUnitRequest request, OrgService org, CancellationToken cancellationToken)
    {
        if (ToInput(request) is not { IsOk: true } input) return ErrorResults.Problem(ToInput(request).Error!);
        var result = await org.CreateAsync(input.Value, cancellationToken);
        return result.IsOk ? TypedResults.Created($"/api/v1/org-units/{result.Value.Id}", OrgUnitDto.From(result.Value)) : ErrorResults.Problem(result.Error!);
    }

    private static async Task<IResult> UpdateAsync(Guid unitId, [FromBody] OrgUnitRequest request, OrgService org, CancellationToken cancellationToken)
    {
        if (ToInput(request) is not { IsOk: true } input) return ErrorResults.Problem(ToInput(request).Error!);
        var result = await org.UpdateAsync(unitId, input.Value, cancellationToken);
        return result.IsOk ? TypedResults.Ok(OrgUnitDto.From(result.Value)) : ErrorResults.Problem(result.Error!);
    }

    private static Result<OrgUnitInput> ToInput(OrgUnitRequest request)
    {
        if (!Enum.TryParse<OrgUnitKind>(request.Kind, ignoreCase: true, out var kind) || int.TryParse(request.Kind, out _))
            return new FieldError("kind", new($"種別「{request.Kind}」は department・section・unit のいずれかにしてください。",
                $"kind \"{request.Kind}\" must be department, section or unit."));
        return new OrgUnitInput(request.Code, request.Name, kind, request.ParentId, request.SortOrder ?? 0, request.Active ?? true);
    }
}
