using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Zaitaku.Data;

/// <summary>
/// Writes many new rows with multi-row INSERT statements built from the EF model (table, columns,
/// value conversions), without the change tracker: tens of thousands of staff or audit records in
/// seconds. Runs on the context's connection and current transaction.
/// </summary>
internal static class BulkInsert
{
    // SQLite allows 32,766 parameters a statement and PostgreSQL 65,535; stay well below both.
    private const int MaxParameters = 20_000;
    private const int MaxRowsPerStatement = 500;

    public static async Task InsertAsync(ZaitakuDb db, Type clrType, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        var (head, columns) = Describe(db, clrType);
        var sql = db.GetService<ISqlGenerationHelper>();
        var rowsPerStatement = Math.Max(1, Math.Min(MaxRowsPerStatement, MaxParameters / columns.Length));

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (db.IsSqlite)
            {
                // SQLite: one prepared single-row statement, re-bound and stepped per row, is its fastest path.
                var (command, parameters) = PrepareRow(db, connection, head, columns);
                await using var _ = command;
                command.Transaction = transaction;
                foreach (var row in rows)
                {
                    Bind(parameters, columns, row);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                return;
            }
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                var count = Math.Min(rowsPerStatement, rows.Count - start);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var text = new StringBuilder(head, head.Length + count * columns.Length * 8);
                for (var r = 0; r < count; r++)
                {
                    text.Append(r == 0 ? "(" : ", (");
                    var row = rows[start + r];
                    for (var c = 0; c < columns.Length; c++)
                    {
                        var name = $"p{r}_{c}";
                        text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                        var (property, _, mapping, getter) = columns[c];
                        command.Parameters.Add(mapping.CreateParameter(command, sql.GenerateParameterName(name), getter.GetClrValueUsingContainingEntity(row), property.IsNullable));
                    }
                    text.Append(')');
                }
                command.CommandText = text.ToString();
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The written columns of an entity type and the statement's <c>INSERT INTO t (…) VALUES </c> head.</summary>
    internal static (string Head, InsertColumn[] Columns) Describe(ZaitakuDb db, Type clrType)
    {
        var entityType = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entityType.GetProperties()
            .Where(p => p.GetColumnName(table) is not null && !IsStoreGenerated(p))
            .Select(p => new InsertColumn(p, p.GetColumnName(table)!, (RelationalTypeMapping)p.GetRelationalTypeMapping(), p.GetGetter()))
            .ToArray();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) VALUES ";
        return (head, columns);
    }

    /// <summary>
    /// A single-row statement <c>head(@p0, …) tail</c> on the connection, with a parameter per column (typed by its
    /// mapping), to be re-bound with <see cref="Bind"/> and executed once per row.
    /// </summary>
    internal static (DbCommand Command, DbParameter[] Parameters) PrepareRow(ZaitakuDb db, DbConnection connection, string head, InsertColumn[] columns, string tail = "")
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var command = connection.CreateCommand();
        command.CommandText = head + "(" + string.Join(", ", columns.Select((_, c) => sql.GenerateParameterNamePlaceholder($"p{c}"))) + ")" + tail;
        var parameters = columns.Select((column, c) =>
        {
            var parameter = column.Mapping.CreateParameter(command, sql.GenerateParameterName($"p{c}"), null, column.Property.IsNullable);
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        return (command, parameters);
    }

    /// <summary>Sets a prepared row statement's parameters to the row's values.</summary>
    internal static void Bind(DbParameter[] parameters, InsertColumn[] columns, object row)
    {
        for (var c = 0; c < columns.Length; c++) parameters[c].Value = columns[c].ProviderValue(row);
    }

    /// <summary>Integer keys are numbered by the database (identity); everything else is written.</summary>
    private static bool IsStoreGenerated(IProperty property) =>
        property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd && (property.ClrType == typeof(long) || property.ClrType == typeof(int));
}

/// <summary>
/// Inserts rows of one entity type on a connection its owner keeps open, inside the owner's transaction: SQLite steps one
/// single-row statement prepared once and re-bound per row (its fastest path); PostgreSQL writes multi-row statements.
/// </summary>
internal sealed class KeptInsert : IAsyncDisposable
{
    private readonly ZaitakuDb _db;
    private readonly Type _clrType;
    private readonly InsertColumn[] _columns;
    private readonly DbCommand? _row;
    private readonly DbParameter[] _parameters = [];

    public KeptInsert(ZaitakuDb db, DbConnection connection, Type clrType)
    {
        _db = db;
        _clrType = clrType;
        (var head, _columns) = BulkInsert.Describe(db, clrType);
        if (db.IsSqlite) (_row, _parameters) = BulkInsert.PrepareRow(db, connection, head, _columns);
    }

    /// <summary>Writes the rows in the transaction (which must be on the connection given at creation).</summary>
    public async Task InsertAsync(DbTransaction transaction, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        if (_row is null)
        {
            await _db.Database.UseTransactionAsync(transaction, cancellationToken);
            try
            {
                await BulkInsert.InsertAsync(_db, _clrType, rows, cancellationToken);
            }
            finally
            {
                await _db.Database.UseTransactionAsync(null, cancellationToken);
            }
            return;
        }
        _row.Transaction = transaction;
        foreach (var row in rows)
        {
            BulkInsert.Bind(_parameters, _columns, row);
            await _row.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _row?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>One written column: its property, name, store mapping and getter.</summary>
internal sealed record InsertColumn(IProperty Property, string Column, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
{
    /// <summary>The row's value as the provider stores it (value conversion applied), DBNull for null.</summary>
    public object ProviderValue(object row)
    {
        var value = Getter.GetClrValueUsingContainingEntity(row);
        var converter = Mapping.Converter;
        return (converter is null || value is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
    }
}
