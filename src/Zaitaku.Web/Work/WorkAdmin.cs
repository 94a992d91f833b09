using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Work;
using Zaitaku.Work;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Web.Work;

/// <summary>What an imported holiday file changed.</summary>
public sealed record HolidaysImported(IReadOnlyList<int> Years, int Holidays);

/// <summary>HR's settings of work: the work rules, the imported holiday lists and the tenant's closure days.</summary>
public sealed class WorkAdmin(ZaitakuDb db, WorkSettings settings)
{
    /// <summary>Saves the tenant's work rules after checking every setting.</summary>
    public async Task<Result<WorkRules>> SaveRulesAsync(WorkRules rules, CancellationToken cancellationToken = default)
    {
        var problems = rules.Validate();
        if (problems.Count > 0) return new WorkRulesInvalid(problems);
        var row = await db.WorkRules.SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = new WorkRuleSet { Id = Guid.NewGuid() };
            db.WorkRules.Add(row);
        }
        row.Apply(rules);
        row.UpdatedAt = db.Time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return rules;
    }

    /// <summary>
    /// Imports the Cabinet Office's holiday CSV (Shift_JIS or UTF-8): each year in the file replaces
    /// what the tenant had for it. A malformed file is refused with its row and column; nothing changes.
    /// </summary>
    public async Task<Result<HolidaysImported>> ImportHolidaysAsync(byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(content);
        var parsed = HolidayCsv.Parse(stream);
        if (!parsed.IsOk) return parsed.Error!;
        var list = parsed.Value;
        var years = list.Years.Order().ToList();
        var from = new DateOnly(years[0], 1, 1);
        var to = new DateOnly(years[^1], 12, 31);
        var old = await db.TenantHolidays.Where(h => h.Date >= from && h.Date <= to).ToListAsync(cancellationToken);
        db.TenantHolidays.RemoveRange(old.Where(h => list.Years.Contains(h.Date.Year)));
        var now = db.Time.GetUtcNow();
        foreach (var entry in list.Entries)
            db.TenantHolidays.Add(new TenantHoliday { Id = Guid.NewGuid(), Date = entry.Date, Name = entry.Name, ImportedAt = now });
        db.Audit("holidays.imported", "", "", AuditJson.Of(new
        {
            file = fileName, sha256 = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), years, holidays = list.Holidays.Count,
        }));
        await db.SaveChangesAsync(cancellationToken);
        settings.CalendarChanged();
        return new HolidaysImported(years, list.Holidays.Count);
    }

    /// <summary>The years the tenant imported, with their number of holidays.</summary>
    public async Task<List<(int Year, int Count, DateTimeOffset ImportedAt)>> ImportedYearsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.TenantHolidays.AsNoTracking().Select(h => new { h.Date, h.ImportedAt }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Date.Year).OrderBy(g => g.Key).Select(g => (g.Key, g.Count(), g.Max(r => r.ImportedAt))).ToList();
    }

    public Task<List<ClosureDay>> ClosureDaysAsync(CancellationToken cancellationToken = default) =>
        db.ClosureDays.AsNoTracking().OrderBy(c => c.Date).ToListAsync(cancellationToken);

    /// <summary>Adds a closure day of the municipality (団体が定めた閉庁日).</summary>
    public async Task<Result<ClosureDay>> AddClosureDayAsync(DateOnly? date, string? name, CancellationToken cancellationToken = default)
    {
        if (date is not { } day) return new ClosureDayInvalid(new("日付を入力してください", "give the date"));
        if (day.Year is < JapaneseHolidays.FirstYear or > JapaneseHolidays.LastYear)
            return new ClosureDayInvalid(new($"{JapaneseHolidays.FirstYear}〜{JapaneseHolidays.LastYear}年の日付にしてください", $"the year must be {JapaneseHolidays.FirstYear} to {JapaneseHolidays.LastYear}"));
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100) return new ClosureDayInvalid(new("名称を100文字以内で入力してください", "give a name of up to 100 characters"));
        if (await db.ClosureDays.AnyAsync(c => c.Date == day, cancellationToken))
            return new ClosureDayInvalid(new($"{WorkText.Day(day).Ja}は既に閉庁日です", $"{WorkText.Day(day).En} is already a closure day"));
        var closure = new ClosureDay { Id = Guid.NewGuid(), Date = day, Name = name.Trim() };
        db.ClosureDays.Add(closure);
        await db.SaveChangesAsync(cancellationToken);
        settings.CalendarChanged();
        return closure;
    }

    public async Task<bool> RemoveClosureDayAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var closure = await db.ClosureDays.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (closure is null) return false;
        db.ClosureDays.Remove(closure);
        await db.SaveChangesAsync(cancellationToken);
        settings.CalendarChanged();
        return true;
    }
}
