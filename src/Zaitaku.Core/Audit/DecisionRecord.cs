using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Zaitaku.Audit;

/// <summary>Whether a decision-log entry is the decision taken before forwarding, or the result after it.</summary>
public enum DecisionEntryKind
{
    /// <summary>The decision, written (durably, for an allowed request) before the response begins.</summary>
    Decision,

    /// <summary>The outcome of an allowed request: status, bytes, duration; or a block of its response.</summary>
    Result,
}

/// <summary>
/// One entry of the gateway's decision log: who, from which PC and route, asked what of which system,
/// and what the gateway decided and why. Append-only and chained by hash like the audit trail, one
/// chain per tenant and gateway node so that nodes never wait for each other.
/// </summary>
public sealed class DecisionRecord
{
    public long Id { get; set; }

    public Guid ChainId { get; set; }

    public Guid? TenantId { get; set; }

    /// <summary>The gateway node that wrote it.</summary>
    public required string Node { get; set; }

    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public DecisionEntryKind Kind { get; set; }

    /// <summary>The id the denial page shows, to quote to the help desk.</summary>
    public required string RequestId { get; set; }

    public string? StaffId { get; set; }

    /// <summary>The staff number, for people reading the log.</summary>
    public string? StaffNumber { get; set; }

    public string? DeviceSerial { get; set; }

    public string SourceAddress { get; set; } = "";

    public string? Route { get; set; }

    public string? System { get; set; }

    public string Method { get; set; } = "";

    /// <summary>The normalised path (RFC 3986 §6.2.2), or the raw one when it was invalid.</summary>
    public string Path { get; set; } = "";

    public bool Allow { get; set; }

    /// <summary>The reason codes, comma-separated, in the decision's order; empty when allowed.</summary>
    public string Reasons { get; set; } = "";

    public int? Status { get; set; }

    public long? Bytes { get; set; }

    public double? DurationMs { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }

    /// <summary>The chain of a tenant (or none) on a node: a stable id from both names.</summary>
    public static Guid ChainFor(Guid? tenantId, string node) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"decisions|{tenantId?.ToString("D") ?? "-"}|{node}"))[..16]);

    /// <summary>SHA-256 over the record's fields, one a line, and the previous hash.</summary>
    public static string ComputeHash(DecisionRecord r)
    {
        var text = string.Join('\n',
            r.PreviousHash, r.ChainId.ToString("D"), r.TenantId?.ToString("D") ?? "", r.Node, r.Sequence.ToString(CultureInfo.InvariantCulture),
            r.At.UtcTicks.ToString(CultureInfo.InvariantCulture), r.Kind.ToString(), r.RequestId, r.StaffId ?? "", r.StaffNumber ?? "", r.DeviceSerial ?? "",
            r.SourceAddress, r.Route ?? "", r.System ?? "", r.Method, r.Path, r.Allow ? "1" : "0", r.Reasons,
            r.Status?.ToString(CultureInfo.InvariantCulture) ?? "", r.Bytes?.ToString(CultureInfo.InvariantCulture) ?? "",
            r.DurationMs?.ToString("R", CultureInfo.InvariantCulture) ?? "");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Checks a chain given in sequence order from its start; the first broken link, or null when whole.</summary>
    public static (long Count, long? BrokenAt, string? Problem) Verify(IEnumerable<DecisionRecord> records, long? lastSequence = null)
    {
        var previous = AuditChain.Genesis;
        long expected = 1, count = 0;
        foreach (var r in records)
        {
            if (r.Sequence != expected) return (count, r.Sequence, $"sequence {r.Sequence} where {expected} was expected (a record is missing or was inserted)");
            if (!string.Equals(r.PreviousHash, previous, StringComparison.OrdinalIgnoreCase)) return (count, r.Sequence, "its previous hash does not match the record before it");
            if (!string.Equals(r.Hash, ComputeHash(r), StringComparison.OrdinalIgnoreCase)) return (count, r.Sequence, "its content does not match its hash (the record was changed)");
            previous = r.Hash;
            expected++;
            count++;
        }
        if (lastSequence is { } last && last != count) return (count, count + 1, $"the chain ends at sequence {count} but its head says {last} (records were removed from the end)");
        return (count, null, null);
    }
}
