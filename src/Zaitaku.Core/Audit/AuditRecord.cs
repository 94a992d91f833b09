namespace Zaitaku.Audit;

/// <summary>
/// One entry of the append-only audit trail (監査ログ): who did what to which record, when and from
/// where. Each record carries the SHA-256 of the previous record of its chain (its tenant, or the
/// deployment for operators and unknown tenants), so that a change or deletion in the middle shows.
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    /// <summary>The chain: the tenant's id, or <see cref="AuditChain.Deployment"/> for deployment-wide records.</summary>
    public Guid ChainId { get; set; }

    /// <summary>The tenant the record concerns; null for deployment-wide records.</summary>
    public Guid? TenantId { get; set; }

    /// <summary>1, 2, 3, … inside the chain, without gaps.</summary>
    public long Sequence { get; set; }

    /// <summary>When it happened (UTC, whole microseconds so every database stores it exactly).</summary>
    public DateTimeOffset At { get; set; }

    public Guid? ActorUserId { get; set; }

    /// <summary>The actor as people read it: a sign-in ID and name, an API token's name, or "system".</summary>
    public required string ActorName { get; set; }

    /// <summary>A stable action code, e.g. <c>staff.created</c>, <c>auth.signin_failed</c>.</summary>
    public required string Action { get; set; }

    /// <summary>The kind of record changed, e.g. <c>StaffMember</c>; empty for actions on no record.</summary>
    public string TargetType { get; set; } = "";

    public string TargetId { get; set; } = "";

    /// <summary>What changed: a compact JSON of before/after values, or details of the action.</summary>
    public string Summary { get; set; } = "";

    public string IpAddress { get; set; } = "";

    /// <summary>Hex SHA-256 of the previous record of the chain (or of the checkpoint); 64 zeros for the first.</summary>
    public required string PreviousHash { get; set; }

    /// <summary>Hex SHA-256 of this record's fields and <see cref="PreviousHash"/>.</summary>
    public required string Hash { get; set; }
}

/// <summary>Where a chain starts after a retention purge: the last purged record's sequence and hash.</summary>
public sealed class AuditCheckpoint
{
    public long Id { get; set; }

    public Guid ChainId { get; set; }

    /// <summary>The sequence of the last purged record; the chain continues at the next one.</summary>
    public long ThroughSequence { get; set; }

    /// <summary>The hash of the last purged record, which the next record names as its previous hash.</summary>
    public required string ThroughHash { get; set; }

    public long PurgedCount { get; set; }

    public DateTimeOffset PurgedAt { get; set; }
}

/// <summary>The head of a chain: the last sequence and hash, locked while records are appended.</summary>
public sealed class AuditChainHead
{
    public Guid ChainId { get; set; }

    public long LastSequence { get; set; }

    public required string LastHash { get; set; }
}
