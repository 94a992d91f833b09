using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Zaitaku.Access;
using Zaitaku.Audit;
using Zaitaku.Gateway.Decisions;
using Zaitaku.Gateway.Policy;
using Zaitaku.Systems;

namespace Zaitaku.Gateway.Proxy;

/// <summary>
/// <c>/s/{system}/…</c>: decides every request with the one access function, writes the decision to the
/// log (durably before the response begins, and before an unsafe method reaches the system), forwards
/// allowed ones with YARP, and keeps the system's responses screen-only.
/// </summary>
internal sealed partial class GatewayProxy(
    IHttpForwarder forwarder,
    DecisionLogWriter log,
    PolicyStore policies,
    TimeProvider time,
    IOptions<GatewayOptions> options,
    ILogger<GatewayProxy> logger,
    IMeterFactory meters)
{
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    });

    // The outcome tags, boxed once rather than per request.
    private static readonly KeyValuePair<string, object?> AllowTag = new("allow", true);
    private static readonly KeyValuePair<string, object?> DenyTag = new("allow", false);

    private readonly Counter<long> _decisions = meters.Create("Zaitaku").CreateCounter<long>("zaitaku.gateway.decisions", "{request}", "Access decisions by outcome");

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Features.Get<IGatewayRequestFeature>()!;
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var (slug, path, query) = Split(raw);
        var policy = request.Policy;
        var now = time.GetUtcNow();
        var decision = Decide(request, policy, slug, path, context.Request.Method, now);
        var normalised = AccessPolicy.NormalizePath(path, out _) ?? path;
        var system = slug is not null && policy?.Systems.TryGetValue(slug, out var s) == true ? s : null;

        var record = Record(request, policy, slug, context.Request.Method, normalised, decision, DecisionEntryKind.Decision);
        _decisions.Add(1, decision.Allow ? AllowTag : DenyTag);

        if (!decision.Allow || system is null)
        {
            record.Status = StatusCodes.Status403Forbidden;
            await LogRefusalAsync(record, context);
            await WriteAsync(context, StatusCodes.Status403Forbidden, GatewayPages.Denied(decision, request.RequestId, system?.Name));
            return;
        }

        // Transfer-Encoding (with Content-Length) is how requests are smuggled past a proxy: never forwarded, and the connection
        // is closed so that nothing hidden behind the body is read as a next request.
        var block = request.Malformed ? BlockCodes.Malformed
            : system.Controls.HasFlag(ScreenControls.BlockUploads) && ResponseControls.IsUpload(context.Request.ContentType) ? BlockCodes.Upload
            : null;
        if (block is not null)
        {
            var status = block == BlockCodes.Malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden;
            record.Allow = false;
            record.Reasons = block;
            record.Status = status;
            if (request.Malformed) context.Response.Headers.Connection = "close";
            await LogRefusalAsync(record, context);
            await WriteAsync(context, status, GatewayPages.Blocked(block, request.RequestId));
            return;
        }

        // Safe methods overlap the log's commit with the upstream round trip; unsafe ones wait for it first.
        var durable = log.AppendDurableAsync(record, context.RequestAborted);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method))
        {
            if (!await AwaitLogAsync(durable, context)) return;
        }

        var counting = new CountingBody(context.Response.Body);
        context.Response.Body = counting;
        var transformer = new GatewayTransformer(system, request, normalised, query, durable, options.Value, time);
        var error = await forwarder.SendAsync(context, system.Upstream.ToString(), _client,
            new ForwarderRequestConfig { ActivityTimeout = options.Value.UpstreamTimeout }, transformer);
        if (error != ForwarderError.None && !context.Response.HasStarted && transformer.Blocked is null)
        {
            UpstreamFailed(logger, system.Slug, error);
            await WriteAsync(context, StatusCodes.Status502BadGateway, GatewayPages.Blocked(BlockCodes.UpstreamFailed, request.RequestId));
        }

        var result = Record(request, policy, slug, context.Request.Method, normalised, decision, DecisionEntryKind.Result);
        result.Status = context.Response.StatusCode;
        result.Bytes = counting.Written;
        result.DurationMs = Stopwatch.GetElapsedTime(request.StartedAt).TotalMilliseconds;
        if (transformer.Blocked is { } blocked)
        {
            result.Allow = false;
            result.Reasons = blocked;
        }
        else if (error != ForwarderError.None)
        {
            result.Reasons = BlockCodes.UpstreamFailed;
        }
        await log.AppendAsync(result);
    }

    /// <summary>Anything else on the gateway: refused with 404 and logged like every request (a path that left /s/ by its dot segments lands here).</summary>
    public async Task NotFoundAsync(HttpContext context)
    {
        if (context.Features.Get<IGatewayRequestFeature>() is { } request)
        {
            var record = Record(request, request.Policy, null, context.Request.Method, context.Request.Path.Value ?? "/", AccessDecision.Allowed, DecisionEntryKind.Decision);
            record.Allow = false;
            record.Reasons = BlockCodes.NotFound;
            record.Status = StatusCodes.Status404NotFound;
            await LogRefusalAsync(record, context);
        }
        await new Devices.GatewayRefusal(StatusCodes.Status404NotFound, BlockCodes.NotFound,
            new("このアドレスはゲートウェイにありません。", "There is nothing at this address on the gateway.")).WriteAsync(context.Response);
    }

    private AccessDecision Decide(IGatewayRequestFeature request, TenantPolicy? policy, string? slug, string path, string method, DateTimeOffset now)
    {
        if (request.PolicyMissing || (policy is not null && policies.IsStale(policy))) return AccessDecision.PolicyStale;
        var access = new AccessRequest(request.Session?.StaffId, request.Session?.SecondFactor ?? false, request.DeviceSerial,
            request.SourceAddress, slug, method, path);
        return AccessPolicy.Decide(policy?.Snapshot ?? PolicySnapshot.Empty, in access, now);
    }

    /// <summary>Splits <c>/s/{slug}/rest?query</c> as sent, before any decoding; a slug that is not plain text names no system.</summary>
    internal static (string? Slug, string Path, string Query) Split(string rawTarget)
    {
        var q = rawTarget.IndexOf('?');
        var target = q < 0 ? rawTarget : rawTarget[..q];
        var query = q < 0 ? "" : rawTarget[q..];
        if (!target.StartsWith("/s/", StringComparison.Ordinal)) return (null, target, query);
        var rest = target[3..];
        var slash = rest.IndexOf('/');
        var slug = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "/" : rest[slash..];
        return (slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && slug.Length > 0 ? slug : "invalid:" + slug, path, query);
    }

    /// <summary>The decision-log entry of a request (the writer fits every value to its column).</summary>
    internal DecisionRecord Record(IGatewayRequestFeature request, TenantPolicy? policy, string? slug, string method, string path, AccessDecision decision, DecisionEntryKind kind)
    {
        var route = policy is not null && request.SourceAddress is not null ? policy.Snapshot.RouteOf(request.SourceAddress) : null;
        return new DecisionRecord
        {
            ChainId = log.ChainFor(policy?.TenantId),
            TenantId = policy?.TenantId,
            Node = options.Value.NodeName,
            Kind = kind,
            RequestId = request.RequestId,
            StaffId = request.Session?.StaffId,
            StaffNumber = request.Session?.StaffNumber,
            DeviceSerial = request.Device?.DeviceSerial ?? request.DeviceSerial,
            SourceAddress = request.SourceAddress?.ToString() ?? "",
            Route = route,
            System = slug,
            Method = method,
            Path = path,
            Allow = decision.Allow,
            Reasons = string.Join(',', decision.Reasons.ToCodes()),
            PreviousHash = "",
            Hash = "",
        };
    }

    /// <summary>
    /// Writes the record of a refusal. The refusal is shown even when the log cannot be written: a denial
    /// is already the closed outcome, and the person should still read why (policy_stale when the database is gone).
    /// </summary>
    private async Task LogRefusalAsync(DecisionRecord record, HttpContext context)
    {
        try
        {
            await log.AppendDurableAsync(record, context.RequestAborted);
        }
        catch (DecisionLogUnavailableException)
        {
            // The writer has logged the failure; nothing is forwarded.
        }
    }

    /// <summary>Waits for the record's commit; without it the request is refused (fail closed).</summary>
    private async Task<bool> AwaitLogAsync(Task durable, HttpContext context)
    {
        try
        {
            await durable;
            return true;
        }
        catch (DecisionLogUnavailableException)
        {
            var request = context.Features.Get<IGatewayRequestFeature>()!;
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, GatewayPages.Blocked(BlockCodes.LogUnavailable, request.RequestId));
            return false;
        }
    }

    internal static Task WriteAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(html, Encoding.UTF8);
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Forwarding to {System} failed: {Error}")]
    private static partial void UpstreamFailed(ILogger logger, string system, ForwarderError error);
}

/// <summary>Counts the bytes of the response for the decision log.</summary>
internal sealed class CountingBody(Stream inner) : Stream
{
    public long Written { get; private set; }
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Written += count;
        inner.Write(buffer, offset, count);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Written += buffer.Length;
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}
