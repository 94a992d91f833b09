using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
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
            (head.LastSequence, head.LastHash) = Link(chain, at, head.LastSequence, head.LastHash);
        }
        await BulkInsert.InsertAsync(db, typeof(DecisionRecord), records, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        AuditAppender.ForgetHeads(db);
    }

    /// <summary>Numbers and hashes a chain's new records after its head; returns the new head.</summary>
    internal static (long Sequence, string Hash) Link(IEnumerable<DecisionRecord> chain, DateTimeOffset at, long sequence, string hash)
    {
        foreach (var record in chain)
        {
            record.At = at;
            record.Sequence = ++sequence;
            record.PreviousHash = hash;
            record.Hash = DecisionRecord.ComputeHash(record);
            hash = record.Hash;
        }
        return (sequence, hash);
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

/// <summary>
/// The gateway's group-commit writer: the same transaction, chain numbering, hashing and head update as
/// <see cref="DecisionLogStore.AppendAsync"/>, on one connection kept open for the writer's life (no
/// pool round trip or per-open pragmas per batch), with the head and insert statements prepared once
/// and no change tracker. One instance serves one writer loop (not thread-safe); after a failure the
/// caller disposes it and makes a new one, so a broken connection is not reused.
/// </summary>
public sealed class DecisionLogBatchWriter(ZaitakuDb db) : IAsyncDisposable
{
    private DbConnection? _connection;
    private KeptInsert? _insert;
    private DbCommand? _readHead;
    private DbCommand? _createHead;
    private DbCommand? _updateHead;
    private Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _chainConverter;

    /// <summary>Writes the records in one transaction; when it returns they are committed.</summary>
    public async Task AppendAsync(IReadOnlyList<DecisionRecord> records, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0) return;
        var connection = await OpenAsync(cancellationToken);
        var at = AuditChain.Truncate(now);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var chain in records.GroupBy(r => r.ChainId).OrderBy(g => g.Key))
        {
            var (last, lastHash, exists) = await LockHeadAsync(transaction, chain.Key, cancellationToken);
            var (sequence, hash) = DecisionLogStore.Link(chain, at, last, lastHash);
            var head = exists ? _updateHead! : _createHead!;
            head.Transaction = transaction;
            head.Parameters[0].Value = ChainValue(chain.Key);
            head.Parameters[1].Value = sequence;
            head.Parameters[2].Value = hash;
            await head.ExecuteNonQueryAsync(cancellationToken);
        }
        await _insert!.InsertAsync(transaction, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null) return _connection;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        if (db.IsSqlite)
        {
            // The writer touches the right edge of seven indexes and the chain head on every batch: a 32 MB page cache
            // (the default is 2 MB) keeps those pages in memory instead of re-reading them after each commit.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size = -32768;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        var sql = db.GetService<ISqlGenerationHelper>();
        var heads = db.Model.FindEntityType(typeof(AuditChainHead))!;
        var table = sql.DelimitIdentifier(heads.GetTableName()!, heads.GetSchema());
        var chainMapping = (RelationalTypeMapping)heads.FindProperty(nameof(AuditChainHead.ChainId))!.GetRelationalTypeMapping();
        var sequenceMapping = (RelationalTypeMapping)heads.FindProperty(nameof(AuditChainHead.LastSequence))!.GetRelationalTypeMapping();
        var hashMapping = (RelationalTypeMapping)heads.FindProperty(nameof(AuditChainHead.LastHash))!.GetRelationalTypeMapping();
        string Column(string name) => sql.DelimitIdentifier(name);
        string Parameter(string name) => sql.GenerateParameterNamePlaceholder(name);
        DbCommand Command(string text, params (RelationalTypeMapping Mapping, string Name)[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = text;
            foreach (var (mapping, name) in parameters) command.Parameters.Add(mapping.CreateParameter(command, sql.GenerateParameterName(name), null, false));
            return command;
        }
        _chainConverter = chainMapping.Converter;
        // Parameters by position in every head statement: chain, then sequence, then hash.
        var chain = (chainMapping, "c");
        var lockClause = db.IsPostgres ? " FOR UPDATE" : "";
        _readHead = Command($"SELECT {Column("LastSequence")}, {Column("LastHash")} FROM {table} WHERE {Column("ChainId")} = {Parameter("c")}{lockClause}", chain);
        // PostgreSQL: the head row is created first (if missing) so that FOR UPDATE has a row to lock against a second writer.
        _createHead = db.IsPostgres
            ? Command($"INSERT INTO {table} ({Column("ChainId")}, {Column("LastSequence")}, {Column("LastHash")}) VALUES ({Parameter("c")}, {Parameter("s")}, {Parameter("h")}) ON CONFLICT DO NOTHING", chain, (sequenceMapping, "s"), (hashMapping, "h"))
            : Command($"INSERT INTO {table} ({Column("ChainId")}, {Column("LastSequence")}, {Column("LastHash")}) VALUES ({Parameter("c")}, {Parameter("s")}, {Parameter("h")})", chain, (sequenceMapping, "s"), (hashMapping, "h"));
        _updateHead = Command($"UPDATE {table} SET {Column("LastSequence")} = {Parameter("s")}, {Column("LastHash")} = {Parameter("h")} WHERE {Column("ChainId")} = {Parameter("c")}",
            chain, (sequenceMapping, "s"), (hashMapping, "h"));
        _insert = new KeptInsert(db, connection, typeof(DecisionRecord));
        _connection = connection;
        return connection;
    }

    private object ChainValue(Guid chainId) => _chainConverter is null ? chainId : _chainConverter.ConvertToProvider(chainId)!;

    /// <summary>Reads (and on PostgreSQL locks) a chain's head; a chain without one starts at the genesis hash.</summary>
    private async Task<(long Sequence, string Hash, bool Exists)> LockHeadAsync(DbTransaction transaction, Guid chainId, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            _createHead!.Transaction = transaction;
            _createHead.Parameters[0].Value = ChainValue(chainId);
            _createHead.Parameters[1].Value = 0L;
            _createHead.Parameters[2].Value = AuditChain.Genesis;
            await _createHead.ExecuteNonQueryAsync(cancellationToken);
        }
        _readHead!.Transaction = transaction;
        _readHead.Parameters[0].Value = ChainValue(chainId);
        await using var reader = await _readHead.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken)) return (reader.GetInt64(0), reader.GetString(1), true);
        return (0, AuditChain.Genesis, false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_insert is not null) await _insert.DisposeAsync();
        foreach (var command in new[] { _readHead, _createHead, _updateHead })
        {
            if (command is not null) await command.DisposeAsync();
        }
        if (_connection is not null) await db.Database.CloseConnectionAsync();
        _connection = null;
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
