using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Zaitaku.Access;
using Zaitaku.Devices.Pki;
using Zaitaku.Gateway.Devices;
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

    /// <summary>The certificate's tenant is known but its policy is not loaded (yet, or any more): deny all.</summary>
    bool PolicyMissing { get; }

    /// <summary>The PC of the presented certificate, when the certificate is valid and current.</summary>
    PortalDevice? Device { get; }

    /// <summary>The string the decision gets for the device: null without a certificate, an unknown serial for a bad one.</summary>
    string? DeviceSerial { get; }

    /// <summary>The live portal session of the cookie, if any.</summary>
    PortalSession? Session { get; }

    /// <summary>Whether the request framing is suspicious (a body framed by Transfer-Encoding, with or without Content-Length).</summary>
    bool Malformed { get; }
}

internal sealed class GatewayRequestFeature : IGatewayRequestFeature
{
    public required string RequestId { get; init; }
    public long StartedAt { get; init; } = Stopwatch.GetTimestamp();
    public IPAddress? SourceAddress { get; init; }
    public TenantPolicy? Policy { get; init; }
    public bool PolicyMissing { get; init; }
    public PortalDevice? Device { get; init; }
    public string? DeviceSerial { get; init; }
    public PortalSession? Session { get; set; }
    public bool Malformed { get; init; }
}

/// <summary>
/// The first step of every gateway request: a request id, the client's address, the device from its
/// certificate (the tenant found by the certificate's issuer, the signature checked against that
/// tenant's CA once per connection, the serial looked up among the PCs' current, unrevoked
/// certificates on every request), and the portal session.
/// </summary>
internal sealed class GatewayRequestMiddleware(RequestDelegate next, DeviceTrustStore trustStore, PolicyStore policies, PortalSessions sessions, TimeProvider time, IOptions<GatewayOptions> options)
{
    private static readonly object CertificateKey = new();

    private readonly GatewayOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var certificate = context.Connection.ClientCertificate;
        TenantPolicy? policy = null;
        PortalDevice? device = null;
        string? deviceSerial = null;
        string? certificateSerial = null;
        var policyMissing = false;
        if (certificate is not null)
        {
            var trust = await trustStore.FindByIssuerAsync(certificate.IssuerName, context.RequestAborted);
            if (trust is not null && !trustStore.IsInactive(trust.TenantId))
            {
                policy = policies.ForTenant(trust.TenantId);
                policyMissing = policy is null;
                if (Validate(context, certificate, trust) is { } presented && time.GetUtcNow() <= presented.NotAfter)
                {
                    certificateSerial = presented.SerialNumber;
                    device = policy?.DevicesByCertificate.GetValueOrDefault(presented.SerialNumber);
                }
            }
            // A certificate that is not valid, current and unrevoked names no device: the decision says device_unknown.
            deviceSerial = device?.DeviceSerial ?? "unknown:" + certificate.SerialNumber;
        }
        var headers = context.Request.Headers;
        var feature = new GatewayRequestFeature
        {
            RequestId = NewRequestId(time.GetUtcNow()),
            SourceAddress = SourceAddress(context),
            Policy = policy,
            PolicyMissing = policyMissing,
            Device = device,
            DeviceSerial = deviceSerial,
            // Kestrel drops Content-Length when Transfer-Encoding comes with it, so the conflict cannot be seen here; and a
            // browser never frames a request body with Transfer-Encoding over HTTP/1.1: any such body is refused.
            Malformed = headers.ContainsKey("Transfer-Encoding"),
        };
        if (policy is not null && device is not null) feature.Session = sessions.Find(context, policy, device.CertificateSerial);
        context.Features.Set<IGatewayRequestFeature>(feature);
        context.Response.Headers["X-Request-Id"] = feature.RequestId;
        await next(context);
    }

    /// <summary>The certificate's check against its tenant CA, kept for the connection while the tenant's trust is unchanged.</summary>
    private PresentedDeviceCertificate? Validate(HttpContext context, X509Certificate2 certificate, TenantTrust trust)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items?.TryGetValue(CertificateKey, out var cached) == true && cached is (TenantTrust seen, PresentedDeviceCertificate known) && ReferenceEquals(seen, trust))
            return known;
        var result = trust.Validator.Validate(certificate, time.GetUtcNow());
        if (!result.IsOk) return null;
        if (items is not null) items[CertificateKey] = (trust, result.Value);
        return result.Value;
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

    // Request ids: 8 hex digits of Unix seconds, then 8 of a per-process counter from a random start, advanced by a
    // random step. They are unique on a node, hard to tell apart across nodes, and ordered in time, so the decision
    // log's (tenant, request id) index grows at its end like the others instead of dirtying a random page per record.
    private static readonly uint RequestBase = (uint)RandomNumberGenerator.GetInt32(int.MaxValue) * 2;
    private static long _requestCounter;

    internal static string NewRequestId(DateTimeOffset now)
    {
        var step = (long)RandomNumberGenerator.GetInt32(1, 65_537);
        var low = unchecked(RequestBase + (uint)Interlocked.Add(ref _requestCounter, step));
        Span<byte> bytes = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)now.ToUnixTimeSeconds());
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes[4..], low);
        return Convert.ToHexStringLower(bytes);
    }
}
