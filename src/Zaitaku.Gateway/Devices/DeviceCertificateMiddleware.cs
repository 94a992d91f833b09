using Microsoft.AspNetCore.Http;
using Zaitaku.Devices.Pki;

namespace Zaitaku.Gateway.Devices;

/// <summary>
/// Every request of a PC (paths under <c>/device</c>) must present a client certificate that the
/// tenant's own CA issued and has not revoked; the tenant is found by the certificate's issuer.
/// TLS accepts any certificate (Kestrel's AllowCertificate), so a refusal is a readable answer, not a
/// broken handshake. On success the PC's identity is on the request as <see cref="IDeviceIdentityFeature"/>.
/// </summary>
internal sealed class DeviceCertificateMiddleware(RequestDelegate next, DeviceTrustStore trust, PostureRefusals refusals, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var certificate = context.Connection.ClientCertificate;
        if (certificate is null)
        {
            await RefuseAsync(context, new GatewayRefusal(StatusCodes.Status401Unauthorized, "certificate_required",
                new("端末証明書が提示されていません。キッティングで入れた端末証明書で接続してください。", "No device certificate was presented; connect with the certificate installed at kitting.")), null, null);
            return;
        }

        var tenant = await trust.FindByIssuerAsync(certificate.IssuerName, context.RequestAborted);
        if (tenant is null)
        {
            var unknown = Serial(certificate);
            await RefuseAsync(context, GatewayRefusal.Of(new DeviceCertificateRejected(CertificateRejectionReason.NotIssuedByThisAuthority, unknown), StatusCodes.Status403Forbidden), unknown, null);
            return;
        }
        if (trust.IsInactive(tenant.TenantId))
        {
            await RefuseAsync(context, new GatewayRefusal(StatusCodes.Status403Forbidden, "tenant_inactive",
                new("この自治体の利用は停止されています。", "This municipality's use of Zaitaku is switched off.")), Serial(certificate), tenant.TenantCode);
            return;
        }

        var validated = tenant.Validator.Validate(certificate, time.GetUtcNow());
        if (!validated.IsOk)
        {
            await RefuseAsync(context, GatewayRefusal.Of(validated.Error!, StatusCodes.Status403Forbidden), Serial(certificate), tenant.TenantCode);
            return;
        }

        var serial = validated.Value.SerialNumber;
        var deviceId = await trust.FindDeviceAsync(tenant.TenantId, validated.Value.SerialNumber, context.RequestAborted);
        if (deviceId is null)
        {
            await RefuseAsync(context, new GatewayRefusal(StatusCodes.Status403Forbidden, "device_unknown",
                new($"端末証明書（シリアル {serial}）の発行記録がありません。", $"There is no record of issuing the device certificate {serial}.")), serial, tenant.TenantCode);
            return;
        }

        context.Features.Set<IDeviceIdentityFeature>(new DeviceIdentity(tenant, deviceId.Value, validated.Value));
        await next(context);
    }

    /// <summary>The serial as the issuance ledger writes it; read only for a refusal (an accepted check-in has it from the validator).</summary>
    private static string Serial(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        CertificateSerial.Normalize(certificate.SerialNumber) ?? certificate.SerialNumber;

    private Task RefuseAsync(HttpContext context, GatewayRefusal refusal, string? serial, string? tenantCode)
    {
        refusals.Refuse(refusal.Code, serial, tenantCode, context.Connection.RemoteIpAddress);
        return refusal.WriteAsync(context.Response);
    }
}
