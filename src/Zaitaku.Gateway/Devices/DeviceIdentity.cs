using Zaitaku.Devices.Pki;

namespace Zaitaku.Gateway.Devices;

/// <summary>The PC a request comes from, proven by its client certificate; set by <see cref="DeviceCertificateMiddleware"/>.</summary>
public interface IDeviceIdentityFeature
{
    /// <summary>The tenant whose CA issued the certificate.</summary>
    TenantTrust Tenant { get; }

    /// <summary>The PC the certificate identifies.</summary>
    Guid DeviceId { get; }

    /// <summary>What the certificate says.</summary>
    PresentedDeviceCertificate Certificate { get; }
}

internal sealed record DeviceIdentity(TenantTrust Tenant, Guid DeviceId, PresentedDeviceCertificate Certificate) : IDeviceIdentityFeature;
