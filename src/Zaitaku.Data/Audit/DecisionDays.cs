using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zaitaku.Audit;
using Zaitaku.Organization;

namespace Zaitaku.Data.Audit;

/// <summary>
/// The gateway's decisions of one past day counted by unit, system, outcome and reason list: the dashboard's
/// daily summary of the decision log. The log is append-only, so a day that is over never changes; it is counted
/// once, the first time a dashboard needs it, under the unit each staff member belongs to then.
/// </summary>
public sealed class DecisionTally : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>The day (Asia/Tokyo) of the decisions.</summary>
    public DateOnly Date { get; set; }

    /// <summary>The staff member's unit (課 or 係) when the day was counted; <see cref="Guid.Empty"/> for requests of nobody signed in or of a staff number not in the register.</summary>
    public Guid SectionId { get; set; }

    /// <summary>The internal system asked for, or "" when the request named none.</summary>
    public string System { get; set; } = "";

    public bool Allow { get; set; }

    /// <summary>The decisions' reason codes, comma-separated as in the log ("" when allowed).</summary>
    public string Reasons { get; set; } = "";

    public long Count { get; set; }
}

/// <summary>A day of the decision log that has been counted into <see cref="DecisionTally"/> rows.</summary>
public sealed class DecisionDay : ITenantOwned
{
    public Guid TenantId { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>Decisions of the day.</summary>
    public long Decisions { get; set; }

    public DateTimeOffset CountedAt { get; set; }
}

internal sealed class DecisionTallyConfiguration : IEntityTypeConfiguration<DecisionTally>
{
    public void Configure(EntityTypeBuilder<DecisionTally> builder)
    {
        builder.HasKey(t => new { t.TenantId, t.Date, t.SectionId, t.System, t.Allow, t.Reasons });
        builder.Property(t => t.System).HasMaxLength(32);
        builder.Property(t => t.Reasons).HasMaxLength(500);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DecisionDayConfiguration : IEntityTypeConfiguration<DecisionDay>
{
    public void Configure(EntityTypeBuilder<DecisionDay> builder)
    {
        builder.HasKey(d => new { d.TenantId, d.Date });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Counts days of the decision log into the daily summary.</summary>
public static class DecisionDayStore
{
    /// <summary>
    /// How long after midnight (Tokyo) a day is taken as over. A record's time is set when its batch is written
    /// and committed within the request, so none arrives later than this.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(15);

    /// <summary>The first day that is not over at <paramref name="now"/>: today, or yesterday until <see cref="Settle"/> after midnight.</summary>
    public static DateOnly FirstOpenDay(DateTimeOffset now) => JapanTime.DateOf(now - Settle);

    /// <summary>
    /// Counts each of the tenant's days from <paramref name="from"/> to <paramref name="to"/> that is over and not
    /// counted yet. Each day is one transaction, claimed by its <see cref="DecisionDay"/> row, so that two
    /// dashboards opened at once count it once. Returns the number of days counted.
    /// </summary>
    public static async Task<int> CountDaysAsync(ZaitakuDb db, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var tenant = db.TenantScope.TenantId ?? throw new InvalidOperationException("No tenant in scope.");
        var lastClosed = FirstOpenDay(db.Time.GetUtcNow()).AddDays(-1);
        if (to > lastClosed) to = lastClosed;
        if (to < from) return 0;
        var counted = (await db.DecisionDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).Select(d => d.Date).ToListAsync(cancellationToken)).ToHashSet();
        var missing = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i)).Where(d => !counted.Contains(d)).ToList();
        if (missing.Count == 0) return 0;

        var sections = await db.Staff.AsNoTracking().Select(s => new { s.StaffNumber, s.SectionId }).ToDictionaryAsync(s => s.StaffNumber, s => s.SectionId, StringComparer.Ordinal, cancellationToken);
        var done = 0;
        foreach (var day in missing)
        {
            var start = JapanTime.At(day, TimeOnly.MinValue);
            var end = JapanTime.At(day.AddDays(1), TimeOnly.MinValue);
            var groups = await db.DecisionRecords.AsNoTracking()
                .Where(r => r.TenantId == tenant && r.Kind == DecisionEntryKind.Decision && r.At >= start && r.At < end)
                .GroupBy(r => new { r.StaffNumber, r.System, r.Allow, r.Reasons })
                .Select(g => new { g.Key.StaffNumber, g.Key.System, g.Key.Allow, g.Key.Reasons, Count = g.LongCount() })
                .ToListAsync(cancellationToken);
            var tallies = groups
                .GroupBy(g => (Section: g.StaffNumber is { } number && sections.TryGetValue(number, out var section) ? section : Guid.Empty, System: g.System ?? "", g.Allow, g.Reasons))
                .Select(g => (object)new DecisionTally { TenantId = tenant, Date = day, SectionId = g.Key.Section, System = g.Key.System, Allow = g.Key.Allow, Reasons = g.Key.Reasons, Count = g.Sum(x => x.Count) })
                .ToList();

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The day's row is the claim: of two dashboards counting the same day at once, the second fails on its key and leaves it.
            var claim = new DecisionDay { TenantId = tenant, Date = day, Decisions = groups.Sum(g => g.Count), CountedAt = db.Time.GetUtcNow() };
            db.DecisionDays.Add(claim);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.Entry(claim).State = EntityState.Detached;
                continue;
            }
            await BulkInsert.InsertAsync(db, typeof(DecisionTally), tallies, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.Entry(claim).State = EntityState.Detached;
            done++;
        }
        return done;
    }
}
