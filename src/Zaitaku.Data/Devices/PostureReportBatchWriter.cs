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
    private InsertColumn[] _columns = [];
    private DbCommand? _insert;
    private DbParameter[] _parameters = [];
    private DbCommand? _notify;

    /// <summary>
    /// Writes the rows in one transaction; on PostgreSQL the tenants in <paramref name="notify"/> are announced on the
    /// policy channel in the same transaction (delivered to every node when it commits).
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<PostureCheckIn> rows, IReadOnlyCollection<Guid> notify, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0) return;
        var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (_insert is null)
        {
            await db.Database.UseTransactionAsync(transaction, cancellationToken);
            try
            {
                await BulkInsert.InsertAsync(db, typeof(PostureCheckIn), rows, cancellationToken);
            }
            finally
            {
                await db.Database.UseTransactionAsync(null, cancellationToken);
            }
            foreach (var tenant in notify)
            {
                _notify!.Transaction = transaction;
                _notify.Parameters[0].Value = tenant.ToString();
                await _notify.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        else
        {
            _insert.Transaction = transaction;
            foreach (var row in rows)
            {
                BulkInsert.Bind(_parameters, _columns, row);
                await _insert.ExecuteNonQueryAsync(cancellationToken);
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
        var (head, columns) = BulkInsert.Describe(db, typeof(PostureCheckIn));
        _columns = columns;
        if (db.IsSqlite)
        {
            (_insert, _parameters) = BulkInsert.PrepareRow(db, connection, head, columns);
        }
        else
        {
            _notify = connection.CreateCommand();
            _notify.CommandText = $"SELECT pg_notify('{Changes.PolicyChanges.Channel}', @tenant)";
            var tenant = _notify.CreateParameter();
            tenant.ParameterName = "tenant";
            _notify.Parameters.Add(tenant);
        }
        _connection = connection;
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _insert, _notify })
        {
            if (command is not null) await command.DisposeAsync();
        }
        if (_connection is not null) await db.Database.CloseConnectionAsync();
        _connection = null;
    }
}
