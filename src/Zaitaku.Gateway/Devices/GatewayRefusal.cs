using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Zaitaku.Gateway.Devices;

/// <summary>
/// A request the gateway refuses, answered as RFC 9457 problem details with a stable <c>code</c>,
/// the Japanese message as <c>title</c> and the English one as <c>detail</c>, so an agent and a person can both read why.
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Code">Stable code, e.g. <c>certificate_revoked</c>.</param>
/// <param name="Message">Why, Japanese first.</param>
public sealed record GatewayRefusal(int Status, string Code, LocalizedText Message)
{
    public static GatewayRefusal Of(Error error, int status) => new(status, error.Code, error.Message);

    public Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = Status;
        response.ContentType = "application/problem+json; charset=utf-8";
        return response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = $"https://zaitaku.invalid/problems/{Code}",
            ["status"] = Status,
            ["code"] = Code,
            ["title"] = Message.Ja,
            ["detail"] = Message.En,
        }, Json));
    }

    internal static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
