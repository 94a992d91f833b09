using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography.X509Certificates;
using Zaitaku.Devices;
using Zaitaku.Organization;
using Zaitaku.Web.Devices;

namespace Zaitaku.Testing;

/// <summary>
/// PCs for a test, made through the console's own use cases (so timeline, audit trail and certificate
/// ledger are as in production): a model and lending terms, then a PC driven to the state asked.
/// </summary>
public sealed class DeviceSeed(ConsoleServer server, TenantSeed tenant)
{
    public const string Model = "Latitude 5440";
    public const string TermsVersion = "2026-04";

    /// <summary>The hand-out of the last certificate issued by <see cref="CreateAsync"/> (for mutual-TLS tests).</summary>
    public CertificateIssue? LastIssue { get; private set; }

    /// <summary>Registers the model and publishes the terms (once per tenant).</summary>
    public async Task<DeviceSeed> PrepareAsync()
    {
        using var scoped = Open();
        var settings = scoped.Services.GetRequiredService<DeviceSettings>();
        await settings.AddModelAsync(Model, "Dell");
        await settings.PublishTermsAsync(TermsVersion, "テレワーク端末の貸与に関する誓約書", "1. 業務にだけ使います。\n\n2. 紛失したら直ちに届け出ます。");
        return this;
    }

    /// <summary>A PC in <paramref name="state"/>; lent PCs are lent to <paramref name="borrower"/> (default: the tenant's plain staff login).</summary>
    public async Task<TeleworkDevice> CreateAsync(string assetTag, DeviceState state, Guid? borrower = null, string? serial = null, string? contract = null)
    {
        using var scoped = Open();
        var devices = scoped.Services.GetRequiredService<DeviceService>();
        var it = new DeviceCaller(null, true);
        var device = Ok(await devices.RegisterAsync(new DeviceRegistrationInput(assetTag, serial ?? "SN" + assetTag.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), Model, contract), it));
        if (state == DeviceState.Ordered) return device;
        device = Ok(await devices.StartKittingAsync(device.Id, it));
        foreach (var item in device.Checklist.ToList()) device = Ok(await devices.TickAsync(device.Id, item.Code, it));
        if (state == DeviceState.Kitting) return device;
        LastIssue = Ok(await devices.MarkReadyAsync(device.Id, it, keepForDownload: false));
        if (state == DeviceState.Ready) return LastIssue.Device;
        var borrowerId = borrower ?? tenant.StaffLogin.StaffId!.Value;
        var number = tenant.Staff.Single(s => s.Id == borrowerId).StaffNumber;
        Ok(await devices.LendAsync(device.Id, number, JapanTime.Today(server.Time).AddMonths(6), it));
        device = Ok(await devices.AcceptTermsAsync(device.Id, TermsVersion, new DeviceCaller(borrowerId, false)));
        switch (state)
        {
            case DeviceState.Lent: return device;
            case DeviceState.Returned: return Ok(await devices.ReturnAsync(device.Id, "傷なし", it));
            case DeviceState.Lost: return Ok(await devices.ReportLostAsync(device.Id, "電車に置き忘れ", it));
            case DeviceState.Failed: return Ok(await devices.ReportFailureAsync(device.Id, "起動しない", it));
            case DeviceState.Rekitting:
                Ok(await devices.ReportFailureAsync(device.Id, "起動しない", it));
                return Ok(await devices.StartRekittingAsync(device.Id, it));
            case DeviceState.Disposing or DeviceState.Disposed:
                Ok(await devices.ReturnAsync(device.Id, "リース満了", it));
                device = Ok(await devices.StartDisposalAsync(device.Id, it));
                if (state == DeviceState.Disposing) return device;
                return Ok(await devices.CompleteDisposalAsync(device.Id, new ErasureInput(ErasureCertificate.NistPurge, "回収業者 山本", JapanTime.Today(server.Time),
                    "ER-0001", "erasure.pdf", "application/pdf", "%PDF-1.4 test"u8.ToArray()), it));
            default: throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }
    }

    /// <summary>The last hand-out as a certificate with its private key, as the PC would hold it.</summary>
    public X509Certificate2 LastCertificate() =>
        X509CertificateLoader.LoadPkcs12(LastIssue!.Handout.Pkcs12, LastIssue.Handout.Password);

    private ScopedDb Open()
    {
        var scoped = server.OpenDb(tenant.Tenant.Id);
        scoped.Db.TenantScope.SetActor(tenant.Logins[Role.ItAdmin].UserId, $"{tenant.Logins[Role.ItAdmin].LoginId} テスト 情報政策課");
        return scoped;
    }

    private static T Ok<T>(Result<T> result) =>
        result.IsOk ? result.Value : throw new InvalidOperationException($"{result.Error!.Code}: {result.Error.Message.Ja}");
}
