using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Zaitaku.Data.Devices;
using Zaitaku.Devices.Posture;

namespace Zaitaku.Gateway.Devices;

/// <summary>
/// <c>POST /device/posture</c>: a PC reports its posture as JSON (see <see cref="PostureReportJson"/>)
/// over mutual TLS with its own certificate. The report is judged by the tenant's rules at arrival,
/// stored with its verdict (history is kept), and the verdict returned with every failing rule named.
/// </summary>
internal static class PostureEndpoint
{
    public static async Task HandleAsync(HttpContext context, PostureWriter writer, PostureRefusals refusals, TimeProvider time)
    {
        var identity = context.Features.GetRequiredFeature<IDeviceIdentityFeature>();
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            await RefuseAsync(context, refusals, identity, new GatewayRefusal(StatusCodes.Status413PayloadTooLarge, "posture_report_too_large",
                new($"報告が大きすぎます（上限 {PostureReportJson.MaxBytes} バイト）。", $"The report is too large (limit {PostureReportJson.MaxBytes} bytes).")));
            return;
        }

        var parsed = PostureReportJson.Parse(body);
        if (!parsed.IsOk)
        {
            await RefuseAsync(context, refusals, identity, GatewayRefusal.Of(parsed.Error!, StatusCodes.Status400BadRequest));
            return;
        }

        var now = time.GetUtcNow();
        var verdict = identity.Tenant.Rules.Evaluate(parsed.Value, now);
        var row = PostureCheckIn.From(identity.Tenant.TenantId, identity.DeviceId, identity.Certificate.SerialNumber, parsed.Value, verdict, now);
        await writer.StoreAsync(row, context.RequestAborted);
        PostureRefusals.Accept(verdict.IsCompliant);

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        // Written straight as UTF-8 with its length known (no reflection over an anonymous type, no chunked framing).
        var answer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(answer, new JsonWriterOptions { Encoder = GatewayRefusal.Json.Encoder }))
        {
            json.WriteStartObject();
            json.WriteBoolean("stored", true);
            json.WriteString("reportId", row.Id);
            json.WriteString("assetTag", identity.Certificate.AssetTag);
            json.WriteString("receivedAt", now);
            json.WriteBoolean("compliant", verdict.IsCompliant);
            json.WriteStartArray("failures");
            foreach (var failure in verdict.Failures)
            {
                json.WriteStartObject();
                json.WriteString("code", failure.Code);
                json.WriteString("message", failure.Message.Ja);
                json.WriteString("messageEn", failure.Message.En);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        context.Response.ContentLength = answer.WrittenCount;
        await context.Response.Body.WriteAsync(answer.WrittenMemory, context.RequestAborted);
    }

    /// <summary>The body, or null when it is larger than a report may be.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > PostureReportJson.MaxBytes) return null;
        var buffer = ArrayPool<byte>.Shared.Rent(PostureReportJson.MaxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, PostureReportJson.MaxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
                if (length > PostureReportJson.MaxBytes) return null;
            }
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Task RefuseAsync(HttpContext context, PostureRefusals refusals, IDeviceIdentityFeature identity, GatewayRefusal refusal)
    {
        refusals.Refuse(refusal.Code, identity.Certificate.SerialNumber, identity.Tenant.TenantCode, context.Connection.RemoteIpAddress);
        return refusal.WriteAsync(context.Response);
    }
}
