using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Zaitaku.Organization;
using Zaitaku.Work;

namespace Zaitaku.Data.Work;

/// <summary>
/// How many workday records (始業・終業の記録) a section has on a day at one place: the dashboard's daily
/// summary. A year of a 20,000-staff municipality is a few tens of thousands of these instead of millions of
/// records. Kept by every save that adds a workday (in its transaction), under the section the staff member
/// belonged to when the day was recorded, so a later transfer does not rewrite history.
/// </summary>
public sealed class WorkdayTally : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>The workday's date (Asia/Tokyo).</summary>
    public DateOnly Date { get; set; }

    /// <summary>The staff member's unit (課 or 係) when the workday was recorded.</summary>
    public Guid SectionId { get; set; }

    public WorkPlace Place { get; set; }

    /// <summary>Workday records of that day, unit and place.</summary>
    public int Count { get; set; }
}

internal sealed class WorkdayTallyConfiguration : IEntityTypeConfiguration<WorkdayTally>
{
    public void Configure(EntityTypeBuilder<WorkdayTally> builder)
    {
        builder.HasKey(t => new { t.TenantId, t.Date, t.SectionId, t.Place });
        builder.Property(t => t.Place).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Keeps <see cref="WorkdayTally"/> rows in step with the workday records.</summary>
public static class WorkdayTallyStore
{
    /// <summary>The tallies a save changes: +1 for each workday it adds (tracked or in bulk), −1 for each it deletes.</summary>
    internal static List<(Guid Tenant, DateOnly Date, Guid StaffId, WorkPlace Place, int Delta)> Collect(IEnumerable<EntityEntry<Workday>> entries, IEnumerable<Workday> bulk)
    {
        var changes = new List<(Guid, DateOnly, Guid, WorkPlace, int)>();
        foreach (var entry in entries)
        {
            if (entry.State == EntityState.Added) changes.Add((entry.Entity.TenantId, entry.Entity.Date, entry.Entity.StaffId, entry.Entity.Place, 1));
            else if (entry.State == EntityState.Deleted)
            {
                var original = entry.OriginalValues;
                changes.Add((original.GetValue<Guid>(nameof(Workday.TenantId)), original.GetValue<DateOnly>(nameof(Workday.Date)),
                    original.GetValue<Guid>(nameof(Workday.StaffId)), original.GetValue<WorkPlace>(nameof(Workday.Place)), -1));
            }
        }
        changes.AddRange(bulk.Select(w => (w.TenantId, w.Date, w.StaffId, w.Place, 1)));
        return changes;
    }

    /// <summary>
    /// Adds the changes to the tallies, each an upsert (<c>INSERT … ON CONFLICT DO UPDATE</c>, on SQLite and
    /// PostgreSQL alike) so that two saves of the same section and day never lose a count. Runs on the save's
    /// connection and transaction; the staff members' units are read as they are now.
    /// </summary>
    internal static async Task ApplyAsync(ZaitakuDb db, IReadOnlyList<(Guid Tenant, DateOnly Date, Guid StaffId, WorkPlace Place, int Delta)> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0) return;
        var staffIds = changes.Select(c => c.StaffId).Distinct().ToList();
        var sections = await db.Staff.IgnoreQueryFilters().AsNoTracking().Where(s => staffIds.Contains(s.Id))
            .Select(s => new { s.Id, s.SectionId }).ToDictionaryAsync(s => s.Id, s => s.SectionId, cancellationToken);
        var totals = changes
            .GroupBy(c => (c.Tenant, c.Date, Section: sections.TryGetValue(c.StaffId, out var section) ? section : throw new InvalidOperationException($"Workday of unknown staff member {c.StaffId}."), c.Place))
            .Select(g => (g.Key, Delta: g.Sum(c => c.Delta)))
            .Where(t => t.Delta != 0)
            .OrderBy(t => t.Key.Tenant).ThenBy(t => t.Key.Date).ThenBy(t => t.Key.Section).ThenBy(t => t.Key.Place) // one lock order for concurrent saves
            .ToList();
        if (totals.Count == 0) return;

        // The bulk writer's single-row insert, made an upsert on the key: the same SQL on both databases.
        var (head, columns) = BulkInsert.Describe(db, typeof(WorkdayTally));
        var sql = db.GetService<ISqlGenerationHelper>();
        var entityType = db.Model.FindEntityType(typeof(WorkdayTally))!;
        var table = sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());
        var keys = string.Join(", ", columns.Where(c => c.Property.IsPrimaryKey()).Select(c => sql.DelimitIdentifier(c.Column)));
        var count = sql.DelimitIdentifier(columns.Single(c => c.Property.Name == nameof(WorkdayTally.Count)).Column);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var (command, parameters) = BulkInsert.PrepareRow(db, db.Database.GetDbConnection(), head, columns,
                $" ON CONFLICT ({keys}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}");
            await using var _ = command;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var ((tenant, date, section, place), delta) in totals)
            {
                BulkInsert.Bind(parameters, columns, new WorkdayTally { TenantId = tenant, Date = date, SectionId = section, Place = place, Count = delta });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Counts the tenant's tallies again from its workday records (each under the staff member's unit now):
    /// after rows were loaded around Zaitaku's saves, e.g. a benchmark's bulk copy. Replaces what was there.
    /// </summary>
    public static async Task RebuildAsync(ZaitakuDb db, Guid tenantId, CancellationToken cancellationToken = default)
    {
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await db.WorkdayTallies.IgnoreQueryFilters().Where(t => t.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(RecountSql + " WHERE w.\"TenantId\" = {0} GROUP BY w.\"TenantId\", w.\"Date\", s.\"SectionId\", w.\"Place\"", [tenantId], cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>The recount's statement (standard SQL, the same on both databases), before its WHERE and GROUP BY; the migration that created the table ran the same for every tenant.</summary>
    private const string RecountSql =
        "INSERT INTO \"WorkdayTallies\" (\"TenantId\", \"Date\", \"SectionId\", \"Place\", \"Count\") " +
        "SELECT w.\"TenantId\", w.\"Date\", s.\"SectionId\", w.\"Place\", COUNT(*) FROM \"Workdays\" w JOIN \"Staff\" s ON s.\"Id\" = w.\"StaffId\"";
}
