using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Zaitaku.Data.Changes;

/// <summary>Raises a context's pending policy changes when its transaction commits, and drops them when it rolls back.</summary>
internal sealed class PolicyChangesInterceptor : DbTransactionInterceptor
{
    public static readonly PolicyChangesInterceptor Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as ZaitakuDb)?.RaisePendingChanges();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as ZaitakuDb)?.RaisePendingChanges();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as ZaitakuDb)?.PendingChanges.Clear();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as ZaitakuDb)?.PendingChanges.Clear();
        return Task.CompletedTask;
    }
}
