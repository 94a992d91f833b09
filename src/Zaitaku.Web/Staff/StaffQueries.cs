using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Organization;

namespace Zaitaku.Web.Staff;

/// <summary>A search of the staff list: by staff number, by name in kanji, or by reading in kana (prefix).</summary>
public sealed record StaffSearch(string? Query = null, Guid? SectionId = null, EmploymentType? Employment = null, bool IncludeInactive = false, int Page = 1, int PageSize = 50);

public sealed record StaffListItem(Guid Id, string StaffNumber, string FullName, string FullNameKana, string SectionName, string SectionCode,
    EmploymentType Employment, string? Position, bool Active);

public sealed record StaffPage(IReadOnlyList<StaffListItem> Items, long Total, int Page, int PageSize);

/// <summary>Reads the staff list of the current tenant, fast with tens of thousands of staff.</summary>
public sealed class StaffQueries(ZaitakuDb db)
{
    public const int MaxPageSize = 200;

    public async Task<StaffPage> SearchAsync(StaffSearch search, CancellationToken cancellationToken = default)
    {
        var page = Math.Max(1, search.Page);
        var size = Math.Clamp(search.PageSize, 1, MaxPageSize);
        var today = JapanTime.Today(db.Time);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.Name, u.Code }).ToListAsync(cancellationToken);

        var query = db.Staff.AsNoTracking();
        if (search.SectionId is { } sectionId)
        {
            var children = units.ToLookup(u => u.ParentId);
            var ids = new List<Guid>();
            void Walk(Guid id)
            {
                ids.Add(id);
                foreach (var child in children[id]) Walk(child.Id);
            }
            Walk(sectionId);
            query = query.Where(s => ids.Contains(s.SectionId));
        }
        if (search.Employment is { } employment) query = query.Where(s => s.Employment == employment);
        if (!search.IncludeInactive) query = query.Where(s => s.ActiveFrom <= today && (s.ActiveTo == null || s.ActiveTo >= today));
        if (!string.IsNullOrWhiteSpace(search.Query)) query = Match(query, search.Query);

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query
            .OrderBy(s => s.KanaKey).ThenBy(s => s.StaffNumber)
            .Skip((page - 1) * size).Take(size)
            .Select(s => new { s.Id, s.StaffNumber, s.FamilyName, s.GivenName, s.FamilyNameKana, s.GivenNameKana, s.SectionId, s.Employment, s.Position, s.ActiveFrom, s.ActiveTo })
            .ToListAsync(cancellationToken);
        var byId = units.ToDictionary(u => u.Id);
        var items = rows.Select(s => new StaffListItem(s.Id, s.StaffNumber, $"{s.FamilyName} {s.GivenName}", $"{s.FamilyNameKana} {s.GivenNameKana}",
            byId.TryGetValue(s.SectionId, out var u) ? u.Name : "", u?.Code ?? "", s.Employment, s.Position,
            s.ActiveFrom <= today && (s.ActiveTo == null || s.ActiveTo >= today))).ToList();
        return new StaffPage(items, total, page, size);
    }

    /// <summary>
    /// A staff number prefix when the query is digits and letters; a reading prefix when it is kana;
    /// else a name prefix. Prefixes are ranges on indexed keys, so the database never scans.
    /// </summary>
    private static IQueryable<StaffMember> Match(IQueryable<StaffMember> query, string text)
    {
        var key = Kana.SearchKey(text);
        if (key.Length == 0) return query;
        var upper = key + '\uffff';
        if (key.All(char.IsAsciiLetterOrDigit) || key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            var number = text.Trim();
            var numberUpper = number + '\uffff';
            return query.Where(s => string.Compare(s.StaffNumber, number) >= 0 && string.Compare(s.StaffNumber, numberUpper) < 0);
        }
        if (Kana.IsKana(key))
            return query.Where(s => string.Compare(s.KanaKey, key) >= 0 && string.Compare(s.KanaKey, upper) < 0);
        return query.Where(s => string.Compare(s.NameKey, key) >= 0 && string.Compare(s.NameKey, upper) < 0);
    }
}
