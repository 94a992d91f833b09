using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Zaitaku.Data.Devices;

/// <summary>
/// The gateway's writer of posture reports: one connection for its life and one transaction per batch, whatever
/// tenants the batch holds. SQLite re-binds one prepared single-row statement per report; PostgreSQL writes the
/// batch with multi-row statements. No change tracker and no audit records (posture reports are not audited:
/// they are the PCs' own history). When <see cref="AppendAsync"/> returns, every row is committed.
/// </summary>
public sealed class PostureReportBatchWriter(ZaitakuDb db) : IAsyncDisposable
{
    private DbConnection? _connection;
    private KeptInsert? _insert;

    /// <summary>
    /// Writes the rows in one transaction; on PostgreSQL the tenants in <paramref name="notify"/> are announced on the
    /// policy channel in the same transaction (delivered to every node when it commits).
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<PostureCheckIn> rows, IReadOnlyCollection<Guid> notify, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0) return;
        var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await _insert!.InsertAsync(transaction, rows, cancellationToken);
        if (AnnouncesInTransaction && notify.Count > 0)
        {
            await db.Database.UseTransactionAsync(transaction, cancellationToken);
            try
            {
                foreach (var tenant in notify) await Changes.PolicyChanges.NotifyAsync(db, tenant, cancellationToken);
            }
            finally
            {
                await db.Database.UseTransactionAsync(null, cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>True on PostgreSQL, where <see cref="AppendAsync"/> itself announces the changed tenants to every node.</summary>
    public bool AnnouncesInTransaction => db.IsPostgres;

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null) return _connection;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        _insert = new KeptInsert(db, connection, typeof(PostureCheckIn));
        _connection = connection;
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_insert is not null) await _insert.DisposeAsync();
        if (_connection is not null) await db.Database.CloseConnectionAsync();
        _connection = null;
    }
}
