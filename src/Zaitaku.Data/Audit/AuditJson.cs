using System.Text.Json;

namespace Zaitaku.Data.Audit;

/// <summary>How audit summaries are written: compact JSON with Japanese kept readable.</summary>
public static class AuditJson
{
    public static JsonSerializerOptions Options => AuditCapture.Json;

    public static string Of<T>(T value) => JsonSerializer.Serialize(value, AuditCapture.Json);
}
