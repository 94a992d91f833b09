using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Zaitaku.Organization;
using Zaitaku.Tasks;

namespace Zaitaku.Data.Tasks;

/// <summary>A staff member's columns the inventory reads.</summary>
public readonly record struct StaffRow(Guid Id, string StaffNumber, string FamilyName, string GivenName, EmploymentType Employment, Guid SectionId, string? Position, DateOnly? ActiveTo);

/// <summary>A share's columns the inventory reads.</summary>
public readonly record struct ShareRow(Guid TaskId, Guid StaffId, int Percent);

/// <summary>
/// Reads a whole municipality's inventory with plain data readers: tens of thousands of staff and
/// hundreds of thousands of tasks and shares, where EF Core's materialisation (value converters,
/// JSON collections, shapers) costs seconds. Table and column names and value conversions come from
/// the EF model, so they follow the mapping. The tenant is part of every query (the global filter
/// does not apply to raw SQL); with no tenant set nothing is read.
/// </summary>
public static class InventoryRows
{
    public static async Task<List<InventoryTask>> TasksAsync(ZaitakuDb db, CancellationToken cancellationToken)
    {
        var rows = new List<InventoryTask>();
        if (db.TenantScope.TenantId is not { } tenant) return rows;
        var entity = db.Model.FindEntityType(typeof(InventoryTask))!;
        string[] columns =
        [
            nameof(InventoryTask.Id), nameof(InventoryTask.Code), nameof(InventoryTask.SectionId), nameof(InventoryTask.Name), nameof(InventoryTask.SortOrder),
            nameof(InventoryTask.CounterWork), nameof(InventoryTask.ConfidentialPersonalData), nameof(InventoryTask.SystemIds), nameof(InventoryTask.PaperOriginals),
            nameof(InventoryTask.SameRoom),
        ];
        var overrideAt = Converter(entity, nameof(InventoryTask.OverrideAt));
        await using (var reader = await ReadAsync(db, entity, columns, tenant, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) rows.Add(TaskOf(reader, tenant));
        }

        // Few tasks carry a section head's decision: read those columns for them only.
        var decided = new Dictionary<Guid, InventoryTask>();
        await using (var reader = await ReadAsync(db, entity,
            [nameof(InventoryTask.Id), nameof(InventoryTask.OverrideClass), nameof(InventoryTask.OverrideJustification), nameof(InventoryTask.OverrideByUserId),
             nameof(InventoryTask.OverrideByName), nameof(InventoryTask.OverrideAt)], tenant, cancellationToken, nameof(InventoryTask.OverrideClass)))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                decided[reader.GetGuid(0)] = new InventoryTask
                {
                    Code = "", Name = "",
                    OverrideClass = Enum.Parse<TeleworkClass>(reader.GetString(1)),
                    OverrideJustification = reader.IsDBNull(2) ? null : reader.GetString(2),
                    OverrideByUserId = reader.IsDBNull(3) ? null : reader.GetGuid(3),
                    OverrideByName = reader.IsDBNull(4) ? null : reader.GetString(4),
                    OverrideAt = reader.IsDBNull(5) ? null : Instant(overrideAt, reader, 5),
                };
            }
        }
        if (decided.Count > 0)
        {
            foreach (var task in rows)
            {
                if (!decided.TryGetValue(task.Id, out var decision)) continue;
                task.OverrideClass = decision.OverrideClass;
                task.OverrideJustification = decision.OverrideJustification;
                task.OverrideByUserId = decision.OverrideByUserId;
                task.OverrideByName = decision.OverrideByName;
                task.OverrideAt = decision.OverrideAt;
            }
        }
        return rows;
    }

    // Description is left out: nothing that reads a whole municipality shows it.
    private static InventoryTask TaskOf(DbDataReader reader, Guid tenant) => new()
    {
        Id = reader.GetGuid(0),
        TenantId = tenant,
        Code = reader.GetString(1),
        SectionId = reader.GetGuid(2),
        Name = reader.GetString(3),
        SortOrder = reader.GetInt32(4),
        CounterWork = reader.GetBoolean(5),
        ConfidentialPersonalData = reader.GetBoolean(6),
        SystemIds = reader.IsDBNull(7) ? [] : GuidList(reader, 7),
        PaperOriginals = (Frequency)reader.GetInt32(8),
        SameRoom = (Frequency)reader.GetInt32(9),
    };

    public static async Task<List<ShareRow>> SharesAsync(ZaitakuDb db, CancellationToken cancellationToken)
    {
        var rows = new List<ShareRow>();
        if (db.TenantScope.TenantId is not { } tenant) return rows;
        var entity = db.Model.FindEntityType(typeof(TaskAssignmentEntry))!;
        await using var reader = await ReadAsync(db, entity,
            [nameof(TaskAssignmentEntry.TaskId), nameof(TaskAssignmentEntry.StaffId), nameof(TaskAssignmentEntry.Percent)], tenant, cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(new ShareRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2)));
        return rows;
    }

    /// <summary>Staff employed on <paramref name="day"/>, in staff-number order.</summary>
    public static async Task<List<StaffRow>> StaffAsync(ZaitakuDb db, DateOnly day, CancellationToken cancellationToken)
    {
        var rows = new List<StaffRow>();
        if (db.TenantScope.TenantId is not { } tenant) return rows;
        var entity = db.Model.FindEntityType(typeof(StaffMember))!;
        await using var reader = await ReadAsync(db, entity,
        [
            nameof(StaffMember.Id), nameof(StaffMember.StaffNumber), nameof(StaffMember.FamilyName), nameof(StaffMember.GivenName),
            nameof(StaffMember.Employment), nameof(StaffMember.SectionId), nameof(StaffMember.Position), nameof(StaffMember.ActiveFrom), nameof(StaffMember.ActiveTo),
        ], tenant, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var activeFrom = reader.GetFieldValue<DateOnly>(7);
            DateOnly? activeTo = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8);
            if (activeFrom > day || activeTo < day) continue;
            rows.Add(new StaffRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Enum.Parse<EmploymentType>(reader.GetString(4)), reader.GetGuid(5), reader.IsDBNull(6) ? null : reader.GetString(6), activeTo));
        }
        rows.Sort((a, b) => string.CompareOrdinal(a.StaffNumber, b.StaffNumber));
        return rows;
    }

    private static async Task<DbDataReader> ReadAsync(ZaitakuDb db, IEntityType entity, string[] properties, Guid tenant, CancellationToken cancellationToken, string? notNull = null)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property)
        {
            var column = Quote(entity.FindProperty(property)!.GetColumnName(table)!);
            // Frequencies are stored by name; read as their numbers so that no string is made per row.
            return entity.FindProperty(property)!.ClrType == typeof(Frequency)
                ? $"CASE {column} WHEN '{nameof(Frequency.Sometimes)}' THEN {(int)Frequency.Sometimes} WHEN '{nameof(Frequency.Daily)}' THEN {(int)Frequency.Daily} ELSE {(int)Frequency.Never} END"
                : column;
        }
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        // SQLite would walk the (TenantId, …) index and look each row up: ten times slower than reading the table through when every row is wanted.
        var scan = db.IsSqlite ? " NOT INDEXED" : "";
        command.CommandText = $"SELECT {string.Join(", ", properties.Select(Column))} FROM {Quote(table.Name)}{scan} WHERE {Column("TenantId")} = @tenant"
            + (notNull is null ? "" : $" AND {Column(notNull)} IS NOT NULL");
        // The mapping writes the id as the column stores it (SQLite: upper-case text).
        command.Parameters.Add(entity.FindProperty("TenantId")!.GetRelationalTypeMapping().CreateParameter(command, "@tenant", tenant));
        return await command.ExecuteReaderAsync(cancellationToken);
    }

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter(IEntityType entity, string property) =>
        entity.FindProperty(property)!.GetTypeMapping().Converter;

    // SQLite stores instants as 64-bit numbers through a converter; PostgreSQL as timestamptz.
    private static DateTimeOffset Instant(Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter, DbDataReader reader, int ordinal) =>
        converter?.ProviderClrType == typeof(long)
            ? (DateTimeOffset)converter.ConvertFromProvider(reader.GetInt64(ordinal))!
            : reader.GetFieldValue<DateTimeOffset>(ordinal);

    // PostgreSQL keeps the ids as uuid[]; SQLite as a JSON array of strings, ["…","…"], read here without a JSON reader.
    private static List<Guid> GuidList(DbDataReader reader, int ordinal)
    {
        var value = reader.GetValue(ordinal);
        if (value is Guid[] array) return [.. array];
        var text = ((string)value).AsSpan();
        var list = new List<Guid>(2);
        while (text.IndexOf('"') is var open and >= 0)
        {
            text = text[(open + 1)..];
            var close = text.IndexOf('"');
            if (close < 0) throw new InvalidDataException("An unterminated id in Tasks.SystemIds.");
            list.Add(Guid.Parse(text[..close]));
            text = text[(close + 1)..];
        }
        return list;
    }
}
