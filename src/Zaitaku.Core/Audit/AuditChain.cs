using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Zaitaku.Audit;

/// <summary>The hash chain of the audit trail: how a record is hashed and how a chain is verified.</summary>
public static class AuditChain
{
    /// <summary>The chain of deployment-wide records (prefecture operators, sign-ins of unknown tenants).</summary>
    public static readonly Guid Deployment = Guid.Empty;

    /// <summary>The previous hash of a chain's first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>An instant truncated to whole microseconds, the precision PostgreSQL stores.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % 10, TimeSpan.Zero);

    /// <summary>The hash of a record: SHA-256 over its fields, one a line, and the previous hash.</summary>
    public static string ComputeHash(AuditRecord record)
    {
        var text = string.Join('\n',
            record.PreviousHash,
            record.ChainId.ToString("D"),
            record.TenantId?.ToString("D") ?? "",
            record.Sequence.ToString(CultureInfo.InvariantCulture),
            record.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            record.ActorUserId?.ToString("D") ?? "",
            record.ActorName,
            record.Action,
            record.TargetType,
            record.TargetId,
            record.Summary,
            record.IpAddress);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Checks a chain, given in sequence order, from its checkpoint (or from the start). Stops at the
    /// first broken link and says which record and why.
    /// </summary>
    public static ChainVerification Verify(IEnumerable<AuditRecord> records, AuditCheckpoint? checkpoint)
    {
        var verifier = new ChainVerifier(checkpoint);
        foreach (var record in records)
        {
            if (verifier.Next(record) is { } broken) return broken;
        }
        return verifier.Result;
    }
}

/// <summary>The result of verifying one chain.</summary>
public sealed record ChainVerification(bool Whole, long VerifiedCount, long? BrokenAtSequence, long? BrokenRecordId, string? Problem)
{
    public static ChainVerification Broken(long verified, AuditRecord record, string problem) =>
        new(false, verified, record.Sequence, record.Id, problem);
}

/// <summary>Checks the records of one chain one at a time, so a long chain is streamed, not loaded.</summary>
public sealed class ChainVerifier(AuditCheckpoint? checkpoint)
{
    private long _expectedSequence = (checkpoint?.ThroughSequence ?? 0) + 1;
    private string _previous = checkpoint?.ThroughHash ?? AuditChain.Genesis;
    private long _count;

    /// <summary>The verification of the records seen so far, all whole.</summary>
    public ChainVerification Result => new(true, _count, null, null, null);

    /// <summary>Checks the next record; returns the broken result at the first bad link, else null.</summary>
    public ChainVerification? Next(AuditRecord record)
    {
        if (record.Sequence != _expectedSequence)
            return ChainVerification.Broken(_count, record, $"sequence {record.Sequence} where {_expectedSequence} was expected (a record is missing or was inserted)");
        if (!string.Equals(record.PreviousHash, _previous, StringComparison.OrdinalIgnoreCase))
            return ChainVerification.Broken(_count, record, "its previous hash does not match the record before it (a record before it was changed or removed)");
        if (!string.Equals(record.Hash, AuditChain.ComputeHash(record), StringComparison.OrdinalIgnoreCase))
            return ChainVerification.Broken(_count, record, "its content does not match its hash (the record was changed)");
        _previous = record.Hash;
        _expectedSequence++;
        _count++;
        return null;
    }
}
