using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Organization;

namespace Zaitaku.Web.Staff;

/// <summary>
/// Keeps sign-in accounts in step with employment: a staff member who is no longer employed cannot
/// sign in, and their sessions end at once.
/// </summary>
internal static class StaffAccounts
{
    public static async Task SyncAsync(ZaitakuDb db, IReadOnlyCollection<StaffMember> staff, CancellationToken cancellationToken)
    {
        var today = JapanTime.Today(db.Time);
        var inactive = staff.Where(s => !s.IsActiveOn(today)).Select(s => s.Id).ToHashSet();
        if (inactive.Count == 0) return;
        var tenantId = db.TenantScope.TenantId;
        var accounts = await db.Users.Where(u => u.TenantId == tenantId && u.StaffId != null && u.Enabled).ToListAsync(cancellationToken);
        var now = db.Time.GetUtcNow();
        foreach (var account in accounts.Where(a => inactive.Contains(a.StaffId!.Value)))
        {
            account.Enabled = false;
            foreach (var session in await db.SignInSessions.Where(s => s.UserId == account.Id && s.EndedAt == null).ToListAsync(cancellationToken))
            {
                session.EndedAt = now;
                session.EndReason = "staff_inactive";
            }
        }
    }
}
