using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Zaitaku.Access;
using Zaitaku.Devices.Pki;
using Zaitaku.Gateway.Policy;

namespace Zaitaku.Gateway;

/// <summary>What the gateway knows about the request in hand, set once at the start of the pipeline.</summary>
internal interface IGatewayRequestFeature
{
    /// <summary>The id shown on denial pages and in the decision log.</summary>
    string RequestId { get; }

    long StartedAt { get; }

    /// <summary>The client's address: the peer's, or the X-Forwarded-For a trusted forwarder gave.</summary>
    IPAddress? SourceAddress { get; }

    /// <summary>The tenant whose CA issued the client certificate; null without a valid one.</summary>
    TenantPolicy? Policy { get; }

    /// <summary>The PC of the presented certificate, when the certificate is valid and current.</summary>
    DeviceIdentity? Device { get; }

    /// <summary>The string the decision gets for the device: null without a certificate, an unknown serial for a bad one.</summary>
    string? DeviceSerial { get; }

    /// <summary>The live portal session of the cookie, if any.</summary>
    PortalSession? Session { get; }

    /// <summary>Whether the request framing is suspicious (Content-Length with Transfer-Encoding).</summary>
    bool Malformed { get; }
}

internal sealed class GatewayRequestFeature : IGatewayRequestFeature
{
    public required string RequestId { get; init; }
    public long StartedAt { get; init; } = Stopwatch.GetTimestamp();
    public IPAddress? SourceAddress { get; init; }
    public TenantPolicy? Policy { get; init; }
    public DeviceIdentity? Device { get; init; }
    public string? DeviceSerial { get; init; }
    public PortalSession? Session { get; set; }
    public bool Malformed { get; init; }
}

/// <summary>
/// The first step of every gateway request: a request id, the client's address, the device from its
/// certificate (validated against its tenant's CA and revocations), and the portal session.
/// </summary>
internal sealed class GatewayRequestMiddleware(RequestDelegate next, PolicyStore policies, PortalSessions sessions, TimeProvider time, IOptions<GatewayOptions> options)
{
    // Signature checks are the costly part of a certificate check; a certificate seen once is not verified again.
    private static readonly ConcurrentDictionary<string, PresentedDeviceCertificate> Verified = new(StringComparer.Ordinal);

    private readonly GatewayOptions _options = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        var certificate = context.Connection.ClientCertificate;
        var policy = certificate is null ? null : policies.ForIssuer(certificate);
        DeviceIdentity? device = null;
        string? deviceSerial = null;
        if (certificate is not null)
        {
            device = Identify(certificate, policy);
            // A certificate that is not valid and current names no device: the decision says device_unknown.
            deviceSerial = device?.DeviceSerial ?? "unknown:" + certificate.SerialNumber;
        }
        var headers = context.Request.Headers;
        var feature = new GatewayRequestFeature
        {
            RequestId = NewRequestId(),
            SourceAddress = SourceAddress(context),
            Policy = policy,
            Device = device,
            DeviceSerial = deviceSerial,
            Malformed = headers.ContainsKey("Content-Length") && headers.ContainsKey("Transfer-Encoding"),
        };
        if (policy is not null) feature.Session = sessions.Find(context, policy);
        context.Features.Set<IGatewayRequestFeature>(feature);
        context.Response.Headers["X-Request-Id"] = feature.RequestId;
        return next(context);
    }

    private DeviceIdentity? Identify(X509Certificate2 certificate, TenantPolicy? policy)
    {
        if (policy?.Validator is null) return null;
        var now = time.GetUtcNow();
        var key = certificate.Thumbprint + "|" + policy.CertificateAuthority!.Thumbprint;
        if (!Verified.TryGetValue(key, out var presented))
        {
            var result = policy.Validator.Validate(certificate, now);
            if (!result.IsOk) return null;
            presented = result.Value;
            if (Verified.Count > 100_000) Verified.Clear();
            Verified[key] = presented;
        }
        if (policy.RevokedSerials.Contains(presented.SerialNumber)) return null;
        if (now > presented.NotAfter || now < new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero)) return null;
        return policy.DevicesByCertificate.GetValueOrDefault(presented.SerialNumber);
    }

    /// <summary>The peer's address, unless the peer is a trusted forwarder: then the nearest untrusted address of X-Forwarded-For.</summary>
    private IPAddress? SourceAddress(HttpContext context)
    {
        var peer = Normalize(context.Connection.RemoteIpAddress);
        if (peer is null || !IsTrusted(peer)) return peer;
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length == 0) return peer;
        var hops = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            // A malformed hop ends the chain of trust: the request is taken as coming from the last trusted forwarder.
            if (!AddressText.TryParseAddress(hops[i], out var hop)) return peer;
            hop = Normalize(hop)!;
            if (!IsTrusted(hop)) return hop;
            peer = hop;
        }
        return peer;
    }

    private bool IsTrusted(IPAddress address) => _options.TrustedForwarders.Any(n => n.Contains(address));

    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    private static string NewRequestId() =>
        Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
}
