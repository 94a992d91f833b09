using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;

namespace Zaitaku.Web.Devices;

/// <summary>Telework PCs in the console: services, and the downloads that are not pages.</summary>
internal static class DevicesFeature
{
    public static IServiceCollection AddDevices(this IServiceCollection services)
    {
        services.AddOptions<DeviceOptions>().BindConfiguration("Devices");
        // A revocation, a new CA or new rules reach the gateways through the policy change feed.
        Data.Devices.DevicePolicyTypes.Register();
        services.AddSingleton<FleetCountsCache>();
        return services
            .AddScoped<DeviceAuthorities>()
            .AddScoped<CertificateHandouts>()
            .AddScoped<DeviceSettings>()
            .AddScoped<DeviceService>()
            .AddScoped<DeviceQueries>()
            .AddScoped<DeviceImport>()
            .AddScoped<LeaseService>();
    }

    public static void MapDeviceDownloads(this IEndpointRouteBuilder app)
    {
        // A hand-out link works once, for the user who issued the certificate, for a few minutes.
        app.MapGet("/devices/handouts/{handoutToken}", async (string handoutToken, CertificateHandouts handouts, CancellationToken cancellationToken) =>
        {
            var taken = await handouts.TakeAsync(handoutToken, cancellationToken);
            return taken.IsOk
                ? Results.File(taken.Value.Content, taken.Value.ContentType, taken.Value.FileName)
                : ErrorResults.Problem(taken.Error!);
        }).RequireAuthorization(Policies.DeviceManagers).ExcludeFromDescription();

        app.MapGet("/devices/{deviceId:guid}/documents/{documentId:guid}", async (Guid deviceId, Guid documentId, DeviceQueries queries, Data.ZaitakuDb db, CancellationToken cancellationToken) =>
        {
            if (await queries.DocumentAsync(deviceId, documentId, cancellationToken) is not { } document)
                return ErrorResults.Problem(new NotFoundError(new("書類", "The document")));
            db.Audit("device_document.downloaded", nameof(Data.Devices.DeviceDocument), document.Id.ToString(), Data.Audit.AuditJson.Of(new { file = document.FileName }));
            await db.SaveChangesAsync(cancellationToken);
            return Results.File(document.Content, document.ContentType, document.FileName);
        }).RequireAuthorization(Policies.DeviceReaders).ExcludeFromDescription();

        app.MapGet("/devices/ca/certificate", async (DeviceAuthorities authorities, CancellationToken cancellationToken) =>
            await authorities.CertificatePemAsync(cancellationToken) is { } pem
                ? Results.File(System.Text.Encoding.ASCII.GetBytes(pem), "application/x-pem-file", "device-ca.pem")
                : ErrorResults.Problem(new NotFoundError(new("端末認証局（最初の証明書の発行時に作られます）", "The device CA (created when the first certificate is issued)"))))
            .RequireAuthorization(Policies.DeviceReaders).ExcludeFromDescription();

        // Publishing a CRL signs it with the CA key and takes the next CRL number.
        app.MapGet("/devices/ca/crl", async (DeviceAuthorities authorities, CancellationToken cancellationToken) =>
        {
            var crl = await authorities.PublishCrlAsync(cancellationToken);
            if (crl is null) return ErrorResults.Problem(new NotFoundError(new("端末認証局（最初の証明書の発行時に作られます）", "The device CA (created when the first certificate is issued)")));
            return crl.Value.IsOk ? Results.File(crl.Value.Value, "application/pkix-crl", "device-ca.crl") : ErrorResults.Problem(crl.Value.Error!);
        }).RequireAuthorization(Policies.DeviceManagers).ExcludeFromDescription();
    }
}
