using Microsoft.EntityFrameworkCore;
using Zaitaku.Audit;

namespace Zaitaku.Data.Audit;

/// <summary>The result of checking one chain, with the tenant it belongs to.</summary>
public sealed record ChainReport(Guid ChainId, string ChainName, ChainVerification Verification, long? FromSequence);

/// <summary>Verifying the audit chains and purging records past their retention.</summary>
public static class AuditMaintenance
{
    /// <summary>Verifies every chain, or the chains given; reads each in sequence order without holding it all in memory.</summary>
    public static async Task<List<ChainReport>> VerifyAsync(ZaitakuDb db, IReadOnlyCollection<Guid>? chains = null, CancellationToken cancellationToken = default)
    {
        var names = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => $"{t.Code} {t.Name}", cancellationToken);
        // Heads also number the decision log's chains; the audit trail's are the tenants' and the deployment's.
        var ids = chains ?? (await db.AuditChainHeads.AsNoTracking().OrderBy(h => h.ChainId).Select(h => h.ChainId).ToListAsync(cancellationToken))
            .Where(id => id == AuditChain.Deployment || names.ContainsKey(id)).ToList();
        var reports = new List<ChainReport>();
        foreach (var chainId in ids)
        {
            var checkpoint = await db.AuditCheckpoints.AsNoTracking().Where(c => c.ChainId == chainId)
                .OrderByDescending(c => c.ThroughSequence).FirstOrDefaultAsync(cancellationToken);
            var verifier = new ChainVerifier(checkpoint);
            ChainVerification? verification = null;
            await foreach (var record in db.AuditRecords.AsNoTracking().Where(r => r.ChainId == chainId).OrderBy(r => r.Sequence)
                               .AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                if (verifier.Next(record) is { } broken)
                {
                    verification = broken;
                    break;
                }
            }
            verification ??= verifier.Result;
            var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.ChainId == chainId, cancellationToken);
            if (verification.Whole && head is not null)
            {
                // Records removed from the end leave a whole chain that is too short: the head knows how long it was.
                var expectedLast = head.LastSequence;
                var last = (checkpoint?.ThroughSequence ?? 0) + verification.VerifiedCount;
                if (last != expectedLast)
                    verification = new ChainVerification(false, verification.VerifiedCount, last + 1, null,
                        $"the chain ends at sequence {last} but its head says {expectedLast} (records were removed from the end)");
            }
            var name = chainId == AuditChain.Deployment ? "deployment" : names.GetValueOrDefault(chainId, chainId.ToString());
            reports.Add(new ChainReport(chainId, name, verification, checkpoint?.ThroughSequence));
        }
        return reports;
    }

    /// <summary>
    /// Deletes a chain's records older than the cut-off and records a checkpoint with the last deleted
    /// record's hash, so that the rest of the chain still verifies. The purge itself is audited.
    /// </summary>
    public static async Task<long> PurgeAsync(ZaitakuDb db, Guid chainId, DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var last = await db.AuditRecords.AsNoTracking().Where(r => r.ChainId == chainId && r.At < olderThan)
            .OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (last is null) return 0;
        var deleted = await db.AuditRecords.Where(r => r.ChainId == chainId && r.Sequence <= last.Sequence).ExecuteDeleteAsync(cancellationToken);
        db.AuditCheckpoints.Add(new AuditCheckpoint
        {
            ChainId = chainId,
            ThroughSequence = last.Sequence,
            ThroughHash = last.Hash,
            PurgedCount = deleted,
            PurgedAt = db.Time.GetUtcNow(),
        });
        db.Audit("audit.purged", "AuditRecord", "", AuditJson.Of(new { through = last.Sequence, count = deleted, olderThan = olderThan.ToString("O") }),
            chainId == AuditChain.Deployment ? null : chainId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
