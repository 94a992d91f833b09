using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zaitaku.Audit;

namespace Zaitaku.Data.Audit;

/// <summary>
/// Appends decision-log records in one transaction: locks each chain's head, numbers and hashes the
/// records, writes them in bulk and moves the heads. One call is one group commit.
/// </summary>
public static class DecisionLogStore
{
    public static async Task AppendAsync(ZaitakuDb db, IReadOnlyList<DecisionRecord> records, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0) return;
        var at = AuditChain.Truncate(now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var chain in records.GroupBy(r => r.ChainId).OrderBy(g => g.Key))
        {
            var head = await AuditAppender.LockHeadAsync(db, chain.Key, cancellationToken);
            foreach (var record in chain)
            {
                record.At = at;
                record.Sequence = ++head.LastSequence;
                record.PreviousHash = head.LastHash;
                record.Hash = DecisionRecord.ComputeHash(record);
                head.LastHash = record.Hash;
            }
        }
        await BulkInsert.InsertAsync(db, typeof(DecisionRecord), records, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        AuditAppender.ForgetHeads(db);
    }

    /// <summary>Verifies every decision chain, each from its first record.</summary>
    public static async Task<List<ChainReport>> VerifyAsync(ZaitakuDb db, Guid? tenantId = null, CancellationToken cancellationToken = default)
    {
        var chains = await db.DecisionRecords.AsNoTracking()
            .Where(r => tenantId == null || r.TenantId == tenantId)
            .Select(r => new { r.ChainId, r.TenantId, r.Node }).Distinct().ToListAsync(cancellationToken);
        var names = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => $"{t.Code} {t.Name}", cancellationToken);
        var reports = new List<ChainReport>();
        foreach (var chain in chains.OrderBy(c => c.TenantId).ThenBy(c => c.Node))
        {
            var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.ChainId == chain.ChainId, cancellationToken);
            var records = await db.DecisionRecords.AsNoTracking().Where(r => r.ChainId == chain.ChainId).OrderBy(r => r.Sequence).ToListAsync(cancellationToken);
            var (count, brokenAt, problem) = DecisionRecord.Verify(records, head?.LastSequence);
            var name = $"decisions {(chain.TenantId is { } t ? names.GetValueOrDefault(t, t.ToString()) : "(no tenant)")} @ {chain.Node}";
            reports.Add(new ChainReport(chain.ChainId, name, new ChainVerification(brokenAt is null, count, brokenAt, null, problem), null));
        }
        return reports;
    }
}

internal sealed class DecisionRecordConfiguration : IEntityTypeConfiguration<DecisionRecord>
{
    public void Configure(EntityTypeBuilder<DecisionRecord> builder)
    {
        builder.ToTable("Decisions");
        builder.HasIndex(d => new { d.ChainId, d.Sequence }).IsUnique();
        builder.HasIndex(d => new { d.TenantId, d.At });
        builder.HasIndex(d => new { d.TenantId, d.RequestId });
        // The console's searches by who, which PC and where from (help desk, audit). Decision entries only:
        // results (half the rows) never need them, so the gateway maintains them once per request.
        const string decisionsOnly = "\"Kind\" = 'Decision'";
        builder.HasIndex(d => new { d.TenantId, d.StaffNumber, d.At }).HasFilter(decisionsOnly);
        builder.HasIndex(d => new { d.TenantId, d.DeviceSerial, d.At }).HasFilter(decisionsOnly);
        builder.HasIndex(d => new { d.TenantId, d.SourceAddress, d.At }).HasFilter(decisionsOnly);
        builder.Property(d => d.Node).HasMaxLength(64);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(12);
        builder.Property(d => d.RequestId).HasMaxLength(40);
        builder.Property(d => d.StaffId).HasMaxLength(64);
        builder.Property(d => d.StaffNumber).HasMaxLength(32);
        builder.Property(d => d.DeviceSerial).HasMaxLength(64);
        builder.Property(d => d.SourceAddress).HasMaxLength(64);
        builder.Property(d => d.Route).HasMaxLength(32);
        builder.Property(d => d.System).HasMaxLength(32);
        builder.Property(d => d.Method).HasMaxLength(16);
        builder.Property(d => d.Path).HasMaxLength(2048);
        builder.Property(d => d.Reasons).HasMaxLength(500);
        builder.Property(d => d.PreviousHash).HasMaxLength(64);
        builder.Property(d => d.Hash).HasMaxLength(64);
    }
}
