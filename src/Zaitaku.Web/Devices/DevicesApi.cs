using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Data.Accounts;
using Zaitaku.Devices;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;
using Zaitaku.Web.Staff;
using Zaitaku.Web.Tabular;

namespace Zaitaku.Web.Devices;

/// <summary>A PC as the API shows it. <c>state</c>: ordered, kitting, ready, lent, returned, failed, rekitting, lost, disposing, disposed.</summary>
public sealed record DeviceDto(Guid Id, string AssetTag, string SerialNumber, string Model, Guid? LeaseContractId, string State, DateTimeOffset RegisteredAt,
    DateTimeOffset LastChangedAt, DeviceCertificateDto? Certificate, DeviceLoanDto? Loan, IReadOnlyList<ChecklistItemDto> Checklist,
    WipeOrderDto? WipeOrder, ErasureCertificateDto? ErasureCertificate);

public sealed record DeviceCertificateDto(string SerialNumber, string Subject, DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset? RevokedAt, string? RevocationReason);

public sealed record DeviceLoanDto(string BorrowerStaffId, string TermsVersion, DateOnly DueDate, string LentBy, DateTimeOffset LentAt, DateTimeOffset? AcceptedAt);

public sealed record ChecklistItemDto(string Code, string Label, string? TickedBy, DateTimeOffset? TickedAt);

public sealed record WipeOrderDto(string OrderedBy, DateTimeOffset OrderedAt, string Circumstances);

public sealed record ErasureCertificateDto(string Method, string Operator, DateOnly ErasedOn, string CertificateNumber, string DocumentReference);

/// <summary>A page of the fleet list.</summary>
public sealed record DevicePageDto(IReadOnlyList<FleetItemDto> Items, long Total, int Page, int PageSize);

public sealed record FleetItemDto(Guid Id, string AssetTag, string SerialNumber, string Model, string State, string? BorrowerStaffNumber, DateOnly? DueDate,
    bool Overdue, bool? Compliant);

/// <summary>Fleet counts: per state, overdue loans, offers awaiting the borrower's acceptance.</summary>
public sealed record FleetCountsDto(int Total, IReadOnlyDictionary<string, int> ByState, int Overdue, int AwaitingAcceptance);

/// <summary>One event of a PC's timeline.</summary>
public sealed record DeviceEventDto(DateTimeOffset At, string Operation, string Actor, string From, string To, IReadOnlyDictionary<string, string> Details);

/// <summary>The body of a registration; the model must be registered, the contract is given by its number.</summary>
public sealed record DeviceRegistrationRequest(string? AssetTag, string? SerialNumber, string? Model, string? LeaseContractNumber);

/// <summary>A certificate hand-out, returned once: the PKCS#12 file (base64), the PEM pair and the one-time password of both.</summary>
public sealed record CertificateHandoutDto(Guid DeviceId, string SerialNumber, DateTimeOffset NotAfter, string Password, string Pkcs12Base64, string CertificatePem, string EncryptedPrivateKeyPem);

public sealed record LendRequest(string? StaffNumber, DateOnly? DueDate);

public sealed record NotesRequest(string? Text);

public sealed record DisposalRequest(string? Method, string? Operator, DateOnly? ErasedOn, string? CertificateNumber, string? DocumentReference,
    string? DocumentFileName, string? DocumentBase64);

internal static class DevicesApi
{
    public static string StateName(DeviceState state) => Camel(state.ToString());

    public static void MapDevicesApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/devices").WithTags("Devices").RequireAuthorization(Policies.ApiScope(ApiScopes.DevicesRead));
        read.MapGet("/", SearchAsync).WithSummary("端末の一覧（状態・機種・延滞・資産番号/製造番号の前方一致で絞込み） / the fleet, filtered by state, model, overdue, tag or serial prefix");
        read.MapGet("/counts", CountsAsync).WithSummary("状態ごとの台数・延滞・同意待ち / counts per state, overdue loans, offers awaiting acceptance");
        read.MapGet("/{deviceId:guid}", GetAsync).WithSummary("端末1台 / one PC");
        read.MapGet("/{deviceId:guid}/events", EventsAsync).WithSummary("端末の履歴（新しい順） / a PC's timeline, newest first");
        read.MapGet("/ca/certificate", CaCertificateAsync).WithSummary("自治体の端末認証局の証明書（PEM） / the tenant's device CA certificate (PEM)");

        var write = api.MapGroup("/devices").WithTags("Devices").RequireAuthorization(Policies.ApiScope(ApiScopes.DevicesWrite)).DisableAntiforgery();
        write.MapPost("/", RegisterAsync).WithSummary("端末の登録（発注済） / register an ordered PC");
        write.MapPost("/import", ImportAsync).WithSummary("端末一覧の取込（multipart の file。commit=true で登録、false でプレビュー） / import PCs (preview, or commit=true)");
        write.MapPost("/{deviceId:guid}/kitting", (Guid deviceId, DeviceService s, ClaimsPrincipal u, CancellationToken c) => Dto(s.StartKittingAsync(deviceId, DeviceCaller.From(u), c)))
            .WithSummary("キッティング開始（自治体のチェック項目を写す） / start kitting");
        write.MapPost("/{deviceId:guid}/checklist/{itemCode}", (Guid deviceId, string itemCode, DeviceService s, ClaimsPrincipal u, CancellationToken c) => Dto(s.TickAsync(deviceId, itemCode, DeviceCaller.From(u), c)))
            .WithSummary("キッティング項目の完了（誰が・いつを記録） / tick a kitting item");
        write.MapPost("/{deviceId:guid}/ready", (Guid deviceId, DeviceService s, ClaimsPrincipal u, CancellationToken c) => Handout(s.MarkReadyAsync(deviceId, DeviceCaller.From(u), false, c)))
            .WithSummary("キッティング完了・証明書発行（受け渡しは一度だけ返します） / complete kitting: issues the certificate, returned once");
        write.MapPost("/{deviceId:guid}/certificate/renew", (Guid deviceId, DeviceService s, ClaimsPrincipal u, CancellationToken c) => Handout(s.RenewCertificateAsync(deviceId, DeviceCaller.From(u), false, c)))
            .WithSummary("証明書の更新（旧証明書は失効） / renew the certificate (the old one is revoked)");
        write.MapPost("/{deviceId:guid}/loan", ([FromBody] LendRequest r, Guid deviceId, DeviceService s, ClaimsPrincipal u, CancellationToken c) => Dto(s.LendAsync(deviceId, r.StaffNumber, r.DueDate, DeviceCaller.From(u), c)))
            .WithSummary("貸出（誓約書への同意待ち） / lend, awaiting the borrower's acceptance of the terms");
        write.MapDelete("/{deviceId:guid}/loan", (Guid deviceId, DeviceService s, ClaimsPrincipal u, CancellationToken c) => Dto(s.WithdrawOfferAsync(deviceId, DeviceCaller.From(u), c)))
            .WithSummary("同意待ちの貸出の取消 / withdraw a loan not yet accepted");
        write.MapPost("/{deviceId:guid}/return", ([FromBody] NotesRequest r, Guid deviceId, DeviceService s, ClaimsPrincipal u, CancellationToken c) => Dto(s.ReturnAsync(deviceId, r.Text, DeviceCaller.From(u), c)))
            .WithSummary("返却（状態の記録） / return, with condition notes");
        write.MapPost("/{deviceId:guid}/failure", ([FromBody] NotesRequest r, Guid deviceId, DeviceService s, ClaimsPrincipal u, CancellationToken c) => Dto(s.ReportFailureAsync(deviceId, r.Text, DeviceCaller.From(u), c)))
            .WithSummary("故障の報告（証明書は失効） / report a failure (the certificate is revoked)");
        write.MapPost("/{deviceId:guid}/rekitting", (Guid deviceId, DeviceService s, ClaimsPrincipal u, CancellationToken c) => Dto(s.StartRekittingAsync(deviceId, DeviceCaller.From(u), c)))
            .WithSummary("再キッティング開始 / start re-kitting");
        write.MapPost("/{deviceId:guid}/lost", ([FromBody] NotesRequest r, Guid deviceId, DeviceService s, ClaimsPrincipal u, CancellationToken c) => Dto(s.ReportLostAsync(deviceId, r.Text, DeviceCaller.From(u), c)))
            .WithSummary("紛失・盗難の届出（証明書を即時失効、ワイプ指示を記録） / report lost or stolen: revokes at once, records a wipe order");
        write.MapPost("/{deviceId:guid}/disposal", (Guid deviceId, DeviceService s, ClaimsPrincipal u, CancellationToken c) => Dto(s.StartDisposalAsync(deviceId, DeviceCaller.From(u), c)))
            .WithSummary("廃棄手続の開始 / start disposal");
        write.MapPost("/{deviceId:guid}/disposal/complete", CompleteDisposalAsync)
            .WithSummary("廃棄の完了（データ消去証明書が必要） / complete disposal with the erasure certificate");
    }

    private static async Task<Ok<DevicePageDto>> SearchAsync(DeviceQueries queries, string? q, string? state, string? model, bool? overdue, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var result = await queries.SearchAsync(new FleetSearch(q, ParseState(state), model, null, overdue ?? false, false, page ?? 1, pageSize ?? 50), cancellationToken);
        return TypedResults.Ok(new DevicePageDto(result.Items.Select(i => new FleetItemDto(i.Id, i.AssetTag, i.SerialNumber, i.Model, StateName(i.State),
            i.BorrowerNumber, i.DueDate, i.Overdue, i.Posture?.Compliant)).ToList(), result.Total, result.Page, result.PageSize));
    }

    private static async Task<Ok<FleetCountsDto>> CountsAsync(DeviceQueries queries, CancellationToken cancellationToken)
    {
        var counts = await queries.CountsAsync(cancellationToken);
        return TypedResults.Ok(new FleetCountsDto(counts.Total, Enum.GetValues<DeviceState>().ToDictionary(StateName, counts.Of), counts.Overdue, counts.AwaitingAcceptance));
    }

    private static async Task<Results<Ok<DeviceDto>, NotFound>> GetAsync(Guid deviceId, DeviceService devices, CancellationToken cancellationToken) =>
        await devices.FindAsync(deviceId, cancellationToken) is { } device ? TypedResults.Ok(ToDto(device)) : TypedResults.NotFound();

    private static async Task<Results<Ok<List<DeviceEventDto>>, NotFound>> EventsAsync(Guid deviceId, DeviceQueries queries, CancellationToken cancellationToken)
    {
        if (await queries.DetailAsync(deviceId, cancellationToken) is not { } detail) return TypedResults.NotFound();
        return TypedResults.Ok(detail.Timeline.Select(e => new DeviceEventDto(e.At, DeviceService.OperationCode(e.Operation), e.Actor, StateName(e.From), StateName(e.To), e.ReadDetails())).ToList());
    }

    private static async Task<IResult> CaCertificateAsync(DeviceAuthorities authorities, CancellationToken cancellationToken) =>
        await authorities.CertificatePemAsync(cancellationToken) is { } pem
            ? TypedResults.Text(pem, "application/x-pem-file")
            : ErrorResults.Problem(new NotFoundError(new("端末認証局（最初の証明書の発行時に作られます）", "The device CA (created when the first certificate is issued)")));

    private static async Task<IResult> RegisterAsync([FromBody] DeviceRegistrationRequest request, DeviceService devices, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await devices.RegisterAsync(new DeviceRegistrationInput(request.AssetTag, request.SerialNumber, request.Model, request.LeaseContractNumber), DeviceCaller.From(user), cancellationToken);
        return result.IsOk ? TypedResults.Created($"/api/v1/devices/{result.Value.Id}", ToDto(result.Value)) : ErrorResults.Problem(result.Error!);
    }

    private static async Task<IResult> ImportAsync(IFormFile file, bool? commit, DeviceImport import, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (file.Length > TabularFile.MaxBytes)
            return ErrorResults.Problem(new FieldError("file", new("ファイルが大きすぎます。20MB以下にしてください。", "The file is too large; the limit is 20 MB.")));
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        DeviceImportPreview preview;
        if (commit == true)
        {
            var committed = await import.CommitNowAsync(file.FileName, buffer.ToArray(), DeviceCaller.From(user), cancellationToken);
            if (!committed.IsOk)
            {
                return committed.Error is ImportRefused refused
                    ? TypedResults.BadRequest(new ImportResultDto(false, null, 0, 0, 0, 0, 0, Problems(refused.Problems)))
                    : ErrorResults.Problem(committed.Error!);
            }
            preview = committed.Value;
        }
        else preview = await import.StageAsync(file.FileName, buffer.ToArray(), cancellationToken);
        var dto = new ImportResultDto(commit == true, preview.BatchId, preview.Rows, preview.Added.Count, 0, 0, 0, Problems(preview.Problems));
        return preview.Problems.Count > 0 ? TypedResults.BadRequest(dto) : TypedResults.Ok(dto);
    }

    private static async Task<IResult> CompleteDisposalAsync([FromBody] DisposalRequest r, Guid deviceId, DeviceService devices, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        byte[]? document = null;
        if (!string.IsNullOrEmpty(r.DocumentBase64))
        {
            try
            {
                document = Convert.FromBase64String(r.DocumentBase64);
            }
            catch (FormatException)
            {
                return ErrorResults.Problem(new FieldError("documentBase64", new("Base64として読めません。", "Not valid base64.")));
            }
        }
        return await Dto(devices.CompleteDisposalAsync(deviceId,
            new ErasureInput(r.Method, r.Operator, r.ErasedOn, r.CertificateNumber, r.DocumentFileName, "application/octet-stream", document, r.DocumentReference),
            DeviceCaller.From(user), cancellationToken));
    }

    private static async Task<IResult> Dto(Task<Result<TeleworkDevice>> operation)
    {
        var result = await operation;
        return result.IsOk ? TypedResults.Ok(ToDto(result.Value)) : ErrorResults.Problem(result.Error!);
    }

    private static async Task<IResult> Handout(Task<Result<CertificateIssue>> operation)
    {
        var result = await operation;
        if (!result.IsOk) return ErrorResults.Problem(result.Error!);
        var (device, handout, _) = result.Value;
        return TypedResults.Ok(new CertificateHandoutDto(device.Id, device.Certificate!.SerialNumber, device.Certificate.NotAfter, handout.Password,
            Convert.ToBase64String(handout.Pkcs12), handout.CertificatePem, handout.EncryptedPrivateKeyPem));
    }

    public static DeviceDto ToDto(TeleworkDevice d) => new(
        d.Id, d.AssetTag, d.SerialNumber, d.Model, d.LeaseContractId, StateName(d.State), d.RegisteredAt, d.LastChangedAt,
        d.Certificate is { } c ? new DeviceCertificateDto(c.SerialNumber, c.Subject, c.NotBefore, c.NotAfter, c.RevokedAt, c.RevocationReason is { } r ? Camel(r.ToString()) : null) : null,
        d.Loan is { } l ? new DeviceLoanDto(l.BorrowerStaffId, l.TermsVersion, l.DueDate, l.LentBy, l.LentAt, l.AcceptedAt) : null,
        d.Checklist.Select(i => d.ChecklistTicks.FirstOrDefault(t => t.ItemCode == i.Code) is { } t
            ? new ChecklistItemDto(i.Code, i.Label.Current, t.TickedBy, t.TickedAt)
            : new ChecklistItemDto(i.Code, i.Label.Current, null, null)).ToList(),
        d.WipeOrder is { } w ? new WipeOrderDto(w.OrderedBy, w.OrderedAt, w.Circumstances) : null,
        d.ErasureCertificate is { } e ? new ErasureCertificateDto(e.Method, e.Operator, e.ErasedOn, e.CertificateNumber, e.DocumentReference) : null);

    public static DeviceState? ParseState(string? state) =>
        Enum.TryParse<DeviceState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    private static List<ImportProblemDto> Problems(IReadOnlyList<TabularProblem> problems) =>
        problems.Select(p => new ImportProblemDto(p.Row, p.Column, p.Value, p.Located.Current)).ToList();

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
