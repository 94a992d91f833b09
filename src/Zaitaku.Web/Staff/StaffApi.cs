using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tabular;

namespace Zaitaku.Web.Staff;

/// <summary>A staff member as the API shows it. <c>employment</c>: regular, probationary, fiscal-year, reemployed.</summary>
public sealed record StaffDto(Guid Id, string StaffNumber, string FamilyName, string GivenName, string FamilyNameKana, string GivenNameKana,
    string? Email, string Employment, Guid SectionId, string SectionCode, string? Position, DateOnly ActiveFrom, DateOnly? ActiveTo);

/// <summary>The body of a create or update; the section is given by its code.</summary>
public sealed record StaffRequest(string? StaffNumber, string? FamilyName, string? GivenName, string? FamilyNameKana, string? GivenNameKana,
    string? Email, string? Employment, string? SectionCode, string? Position, DateOnly? ActiveFrom, DateOnly? ActiveTo);

/// <summary>A page of the staff list.</summary>
public sealed record StaffPageDto(IReadOnlyList<StaffListItemDto> Items, long Total, int Page, int PageSize);

public sealed record StaffListItemDto(Guid Id, string StaffNumber, string Name, string NameKana, string SectionCode, string SectionName, string Employment, string? Position, bool Active);

/// <summary>The outcome of an import: counts, and the problems (row, column, value, message) when refused.</summary>
public sealed record ImportResultDto(bool Committed, Guid? BatchId, int Rows, int Added, int Changed, int Deactivated, int Unchanged, IReadOnlyList<ImportProblemDto> Problems);

public sealed record ImportProblemDto(int? Row, string? Column, string Value, string Message);

internal static class StaffApi
{
    public static string EmploymentName(EmploymentType type) => type switch
    {
        EmploymentType.Regular => "regular",
        EmploymentType.Probationary => "probationary",
        EmploymentType.FiscalYearAppointed => "fiscal-year",
        _ => "reemployed",
    };

    public static void MapStaffApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/staff").WithTags("Staff").RequireAuthorization(Policies.ApiScope(ApiScopes.StaffRead));
        read.MapGet("/", SearchAsync).WithSummary("職員の検索（職員番号・氏名・よみの前方一致） / search staff by number, name or reading prefix");
        read.MapGet("/{staffId:guid}", GetAsync).WithSummary("職員1人 / one staff member");
        read.MapGet("/export", ExportAsync).WithSummary("職員一覧の出力（csv, csv-sjis, xlsx） / export the staff list");

        var write = api.MapGroup("/staff").WithTags("Staff").RequireAuthorization(Policies.ApiScope(ApiScopes.StaffWrite)).DisableAntiforgery();
        write.MapPost("/", CreateAsync).WithSummary("職員の登録 / create a staff member");
        write.MapPut("/{staffId:guid}", UpdateAsync).WithSummary("職員の変更 / change a staff member");
        write.MapPost("/import", ImportAsync)
            .WithSummary("職員一覧の取込（multipart の file。commit=true で反映、false でプレビュー） / import the staff list (preview, or commit=true)");
    }

    private static async Task<Ok<StaffPageDto>> SearchAsync(StaffQueries queries, string? q, Guid? section, bool? includeInactive, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var result = await queries.SearchAsync(new StaffSearch(q, section, null, includeInactive ?? false, page ?? 1, pageSize ?? 50), cancellationToken);
        return TypedResults.Ok(new StaffPageDto(result.Items.Select(i => new StaffListItemDto(i.Id, i.StaffNumber, i.FullName, i.FullNameKana,
            i.SectionCode, i.SectionName, EmploymentName(i.Employment), i.Position, i.Active)).ToList(), result.Total, result.Page, result.PageSize));
    }

    private static async Task<Results<Ok<StaffDto>, NotFound>> GetAsync(Guid staffId, StaffService staff, ZaitakuDb db, CancellationToken cancellationToken)
    {
        if (await staff.FindAsync(staffId, cancellationToken) is not { } member) return TypedResults.NotFound();
        return TypedResults.Ok(await ToDtoAsync(db, member, cancellationToken));
    }

    private static async Task<IResult> CreateAsync([FromBody] StaffRequest request, StaffService staff, ZaitakuDb db, CancellationToken cancellationToken)
    {
        var (input, sectionId) = await ToInputAsync(db, request, cancellationToken);
        var result = await staff.CreateAsync(input, sectionId, cancellationToken);
        return result.IsOk
            ? TypedResults.Created($"/api/v1/staff/{result.Value.Id}", await ToDtoAsync(db, result.Value, cancellationToken))
            : ErrorResults.Problem(result.Error!);
    }

    private static async Task<IResult> UpdateAsync(Guid staffId, [FromBody] StaffRequest request, StaffService staff, ZaitakuDb db, CancellationToken cancellationToken)
    {
        var (input, sectionId) = await ToInputAsync(db, request, cancellationToken);
        var result = await staff.UpdateAsync(staffId, input, sectionId, cancellationToken);
        return result.IsOk ? TypedResults.Ok(await ToDtoAsync(db, result.Value, cancellationToken)) : ErrorResults.Problem(result.Error!);
    }

    private static async Task<IResult> ImportAsync(IFormFile file, bool? commit, StaffImport import, CancellationToken cancellationToken)
    {
        if (file.Length > TabularFile.MaxBytes)
            return ErrorResults.Problem(new FieldError("file", new("ファイルが大きすぎます。20MB以下にしてください。", "The file is too large; the limit is 20 MB.")));
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        if (commit == true)
        {
            var committed = await import.CommitNowAsync(file.FileName, buffer.ToArray(), cancellationToken);
            return committed.IsOk
                ? TypedResults.Ok(ToDto(committed.Value, committed: true))
                : TypedResults.BadRequest(new ImportResultDto(false, null, 0, 0, 0, 0, 0, Problems(((ImportRefused)committed.Error!).Problems)));
        }
        var preview = await import.StageAsync(file.FileName, buffer.ToArray(), cancellationToken);
        var dto = ToDto(preview, committed: false);
        return preview.Problems.Count > 0 ? TypedResults.BadRequest(dto) : TypedResults.Ok(dto);
    }

    private static async Task<IResult> ExportAsync(ZaitakuDb db, string? format, CancellationToken cancellationToken) =>
        await StaffDownloads.ExportFileAsync(db, format, cancellationToken);

    private static ImportResultDto ToDto(StaffImportPreview preview, bool committed) =>
        new(committed, preview.BatchId, preview.Rows, preview.Added.Count, preview.Changed.Count, preview.Deactivated.Count, preview.Unchanged,
            Problems(preview.Problems));

    private static List<ImportProblemDto> Problems(IReadOnlyList<TabularProblem> problems) =>
        problems.Select(p => new ImportProblemDto(p.Row, p.Column, p.Value, p.Located.Current)).ToList();

    private static async Task<(StaffInput Input, Guid? SectionId)> ToInputAsync(ZaitakuDb db, StaffRequest request, CancellationToken cancellationToken)
    {
        var section = string.IsNullOrWhiteSpace(request.SectionCode)
            ? null
            : await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Code == request.SectionCode.Trim(), cancellationToken);
        EmploymentType? employment = request.Employment switch
        {
            "regular" => EmploymentType.Regular,
            "probationary" => EmploymentType.Probationary,
            "fiscal-year" => EmploymentType.FiscalYearAppointed,
            "reemployed" => EmploymentType.Reemployed,
            _ => StaffRules.ParseEmployment(request.Employment),
        };
        return (new StaffInput
        {
            StaffNumber = request.StaffNumber,
            FamilyName = request.FamilyName,
            GivenName = request.GivenName,
            FamilyNameKana = request.FamilyNameKana,
            GivenNameKana = request.GivenNameKana,
            Email = request.Email,
            Employment = employment,
            Position = request.Position,
            ActiveFrom = request.ActiveFrom,
            ActiveTo = request.ActiveTo,
        }, section?.Id);
    }

    private static async Task<StaffDto> ToDtoAsync(ZaitakuDb db, StaffMember s, CancellationToken cancellationToken)
    {
        var code = await db.OrgUnits.Where(u => u.Id == s.SectionId).Select(u => u.Code).SingleOrDefaultAsync(cancellationToken) ?? "";
        return new StaffDto(s.Id, s.StaffNumber, s.FamilyName, s.GivenName, s.FamilyNameKana, s.GivenNameKana, s.Email,
            EmploymentName(s.Employment), s.SectionId, code, s.Position, s.ActiveFrom, s.ActiveTo);
    }
}

internal static class StaffDownloads
{
    public static IServiceCollection AddStaff(this IServiceCollection services) => services
        .AddScoped<StaffQueries>()
        .AddScoped<StaffService>()
        .AddScoped<StaffImport>();

    public static void MapStaffDownloads(this IEndpointRouteBuilder app) =>
        app.MapGet("/staff/export", (ZaitakuDb db, string? format, CancellationToken cancellationToken) => ExportFileAsync(db, format, cancellationToken))
            .RequireAuthorization(Policies.HrOrTenantAdmin)
            .ExcludeFromDescription();

    public static async Task<IResult> ExportFileAsync(ZaitakuDb db, string? format, CancellationToken cancellationToken)
    {
        if (TabularWriter.ParseFormat(format) is not { } kind)
            return ErrorResults.Problem(new FieldError("format", new($"形式「{format}」は使えません（csv, csv-sjis, xlsx）。", $"Unknown format \"{format}\" (csv, csv-sjis, xlsx).")));
        var (header, rows) = await StaffImport.ExportAsync(db, cancellationToken);
        db.Audit("staff.exported", "", "", ExportSummary(kind, rows.Count));
        await db.SaveChangesAsync(cancellationToken);
        var bytes = TabularWriter.Write(kind, header, rows, "職員");
        var date = JapanTime.Today(db.Time).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(bytes, TabularWriter.ContentType(kind), $"staff-{date}.{TabularWriter.Extension(kind)}");
    }

    private static string ExportSummary(TabularFormat format, int rows) => Data.Audit.AuditJson.Of(new { format = format.ToString(), rows });
}
