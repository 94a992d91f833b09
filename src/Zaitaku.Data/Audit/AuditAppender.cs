using Microsoft.EntityFrameworkCore;
using Zaitaku.Audit;

namespace Zaitaku.Data.Audit;

/// <summary>
/// Appends records to their chains inside the caller's transaction: locks each chain's head
/// (PostgreSQL: a row lock; SQLite: the transaction is IMMEDIATE, so writers are serialised),
/// numbers and hashes the records, and moves the head.
/// </summary>
internal static class AuditAppender
{
    /// <summary>Numbers and hashes the records into their chains; the caller writes them (see <see cref="ZaitakuDb"/>).</summary>
    public static async Task AppendAsync(ZaitakuDb db, List<AuditRecord> records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = AuditChain.Truncate(now);
        foreach (var chain in records.GroupBy(r => r.ChainId).OrderBy(g => g.Key))
        {
            var head = await LockHeadAsync(db, chain.Key, cancellationToken);
            foreach (var record in chain)
            {
                record.At = at;
                record.Sequence = ++head.LastSequence;
                record.PreviousHash = head.LastHash;
                record.Hash = AuditChain.ComputeHash(record);
                head.LastHash = record.Hash;
            }
        }
    }

    /// <summary>Detaches the chain heads after a save, so the next save reads them afresh under its own lock.</summary>
    public static void ForgetHeads(ZaitakuDb db)
    {
        foreach (var entry in db.ChangeTracker.Entries<AuditChainHead>().ToList())
            entry.State = EntityState.Detached;
    }

    internal static async Task<AuditChainHead> LockHeadAsync(ZaitakuDb db, Guid chainId, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries<AuditChainHead>().FirstOrDefault(e => e.Entity.ChainId == chainId);
        if (tracked is not null) tracked.State = EntityState.Detached;

        AuditChainHead? head;
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "AuditChainHeads" ("ChainId", "LastSequence", "LastHash") VALUES ({0}, 0, {1}) ON CONFLICT DO NOTHING""",
                [chainId, AuditChain.Genesis], cancellationToken);
            head = await db.AuditChainHeads
                .FromSqlRaw("""SELECT * FROM "AuditChainHeads" WHERE "ChainId" = {0} FOR UPDATE""", chainId)
                .AsNoTracking()
                .SingleAsync(cancellationToken);
            db.AuditChainHeads.Attach(head);
            db.Entry(head).State = EntityState.Modified;
            return head;
        }

        head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.ChainId == chainId, cancellationToken);
        if (head is null)
        {
            head = new AuditChainHead { ChainId = chainId, LastSequence = 0, LastHash = AuditChain.Genesis };
            db.AuditChainHeads.Add(head);
        }
        else
        {
            db.AuditChainHeads.Attach(head);
            db.Entry(head).State = EntityState.Modified;
        }
        return head;
    }
}
