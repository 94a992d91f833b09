using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Organization;
using Zaitaku.Work;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Server.Demo;

/// <summary>
/// A working day in the demo's 課税課 (330): a third of the section at home with approved telework,
/// today's workdays started (on a working day), and requests for the next working days waiting for the head.
/// </summary>
internal static class DemoWork
{
    public static async Task SeedAsync(ZaitakuDb db, IReadOnlyCollection<StaffMember> staff, IReadOnlyDictionary<string, OrgUnit> units, Guid headStaffId, CancellationToken cancellationToken)
    {
        var section = units.Where(u => u.Key == "330" || u.Key.StartsWith("330-", StringComparison.Ordinal)).Select(u => u.Value.Id).ToHashSet();
        var members = staff.Where(s => section.Contains(s.SectionId) && s.Id != headStaffId && s.Employment is EmploymentType.Regular or EmploymentType.Reemployed)
            .OrderBy(s => s.StaffNumber, StringComparer.Ordinal).ToList();
        var calendar = new WorkCalendar(JapaneseHolidays.Official);
        var now = db.Time.GetUtcNow();
        var today = JapanTime.DateOf(now);
        var next = calendar.NextWorkingDay(today);
        var start = JapanTime.At(today, new TimeOnly(8, 30));
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var home = i % 3 == 0;
            if (calendar.IsWorkingDay(today))
            {
                if (home) db.TeleworkRequests.Add(Request(member, today, RequestStatus.Approved, now));
                if (now > start)
                    db.Workdays.Add(new Workday { Id = Guid.NewGuid(), StaffId = member.Id, Date = today, Place = home ? WorkPlace.Home : WorkPlace.Office, StartedAt = start, StartedVia = WorkdaySource.Console });
            }
            if (i % 3 == 1) db.TeleworkRequests.Add(Request(member, next, RequestStatus.Pending, now));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static TeleworkRequest Request(StaffMember member, DateOnly date, RequestStatus status, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), StaffId = member.Id, SectionId = member.SectionId, Date = date, Status = status, BatchId = Guid.NewGuid(),
        Note = "課税資料の作成・審査", RequestedAt = now.AddDays(-2), DecidedAt = status == RequestStatus.Approved ? now.AddDays(-1) : null,
        DecisionComment = status == RequestStatus.Approved ? "デモ: 承認済み" : null,
    };
}
