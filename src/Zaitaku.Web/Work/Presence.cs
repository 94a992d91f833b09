using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Tenancy;
using Zaitaku.Data.Work;
using Zaitaku.Organization;
using Zaitaku.Web.Security;
using Zaitaku.Work;

namespace Zaitaku.Web.Work;

/// <summary>A staff member on the presence board (在席状況).</summary>
/// <param name="State">What the board shows now.</param>
/// <param name="Fallback">What it shows once a manual state expires (derived from the workday record).</param>
/// <param name="Until">When the manual state expires; null without one.</param>
/// <param name="Since">Since when the state holds (start of the day, of the break, of the manual state, or the end of the day).</param>
/// <param name="TeleworkToday">Today is an approved telework day.</param>
/// <param name="Place">Where today's workday is worked, once started.</param>
public sealed record PresenceEntry(
    Guid StaffId, Guid UnitId, string StaffNumber, string Name, string? Position, PresenceState State, PresenceState Fallback,
    DateTimeOffset? Until, string? Note, DateTimeOffset? Since, bool TeleworkToday, WorkPlace? Place);

/// <summary>The live board's message for one staff member: codes the page maps to its own language.</summary>
public sealed record PresenceMessage(string StaffId, string State, string Fallback, string? Until, string? Note, string? Since, string Today);

/// <summary>Presence derived from today's workday records and requests, with staff's manual states.</summary>
public sealed class PresenceBoard(ZaitakuDb db)
{
    public const int MaxNoteLength = 100;

    /// <summary>Everyone employed today in the section and its units, in staff-number order.</summary>
    public async Task<List<PresenceEntry>> SectionAsync(Guid sectionId, CancellationToken cancellationToken = default)
    {
        var today = JapanTime.Today(db.Time);
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Id == sectionId || u.ParentId == sectionId).Select(u => u.Id).ToListAsync(cancellationToken);
        var staff = await db.Staff.AsNoTracking()
            .Where(s => units.Contains(s.SectionId) && s.ActiveFrom <= today && (s.ActiveTo == null || s.ActiveTo >= today))
            .OrderBy(s => s.StaffNumber).Take(1_000).ToListAsync(cancellationToken);
        return await EntriesAsync(staff, today, cancellationToken);
    }

    public async Task<PresenceEntry?> EntryAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        var staff = await db.Staff.AsNoTracking().Where(s => s.Id == staffId).ToListAsync(cancellationToken);
        return staff.Count == 0 ? null : (await EntriesAsync(staff, JapanTime.Today(db.Time), cancellationToken))[0];
    }

    /// <summary>Sets a manual state (会議中, 離席中, 外出, 休暇) until it expires.</summary>
    public async Task<Result<PresenceStatus>> SetManualAsync(Guid staffId, PresenceState state, DateTimeOffset until, string? note, CancellationToken cancellationToken = default)
    {
        var now = db.Time.GetUtcNow();
        if (!Presence.Manual.Contains(state)) return new PresenceInvalid(new("選べる状態は会議中・離席中・外出・休暇です", "choose meeting, away, out or leave"));
        if (until <= now || until - now > Presence.MaxManualDuration) return new PresenceInvalid(new("期限は今から14日以内にしてください", "the expiry must be within 14 days from now"));
        if (note is { Length: > MaxNoteLength }) return new PresenceInvalid(new($"メモは{MaxNoteLength}文字以内にしてください", $"the note may have at most {MaxNoteLength} characters"));
        var status = await db.PresenceStatuses.SingleOrDefaultAsync(p => p.StaffId == staffId, cancellationToken);
        if (status is null)
        {
            status = new PresenceStatus { Id = Guid.NewGuid(), StaffId = staffId };
            db.PresenceStatuses.Add(status);
        }
        status.State = state;
        status.Until = until;
        status.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        status.SetAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return status;
    }

    /// <summary>Clears the manual state: the board shows the workday's state again.</summary>
    public async Task ClearManualAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        if (await db.PresenceStatuses.SingleOrDefaultAsync(p => p.StaffId == staffId, cancellationToken) is { } status)
        {
            db.PresenceStatuses.Remove(status);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public static PresenceMessage ToMessage(PresenceEntry e) => new(
        e.StaffId.ToString(), Presence.Code(e.State), Presence.Code(e.Fallback),
        e.Until?.ToString("O", CultureInfo.InvariantCulture), e.Note,
        e.Since is { } since ? JapanTime.ToTokyo(since).ToString("HH:mm", CultureInfo.InvariantCulture) : null,
        e.Place == WorkPlace.Home || (e.Place is null && e.TeleworkToday) ? "home" : e.Place == WorkPlace.Office ? "office" : "none");

    private async Task<List<PresenceEntry>> EntriesAsync(List<StaffMember> staff, DateOnly today, CancellationToken cancellationToken)
    {
        var ids = staff.Select(s => s.Id).ToList();
        var now = db.Time.GetUtcNow();
        var workdays = (await db.Workdays.AsNoTracking().Include(w => w.Breaks)
                .Where(w => ids.Contains(w.StaffId) && (w.Date == today || (w.Date == today.AddDays(-1) && w.EndedAt == null))).ToListAsync(cancellationToken))
            .GroupBy(w => w.StaffId).ToDictionary(g => g.Key, g => g.OrderByDescending(w => w.Date).First());
        var telework = (await db.TeleworkRequests.AsNoTracking()
            .Where(r => ids.Contains(r.StaffId) && r.Date == today && r.Status == RequestStatus.Approved).Select(r => r.StaffId).ToListAsync(cancellationToken)).ToHashSet();
        var manual = await db.PresenceStatuses.AsNoTracking().Where(p => ids.Contains(p.StaffId)).ToDictionaryAsync(p => p.StaffId, cancellationToken);
        return staff.Select(s =>
        {
            workdays.TryGetValue(s.Id, out var w);
            manual.TryGetValue(s.Id, out var m);
            var openBreak = w?.Breaks.FirstOrDefault(b => b.EndedAt is null);
            var facts = new PresenceFacts(w is not null, w?.EndedAt is not null, w?.Place ?? WorkPlace.Office, openBreak is not null, m?.State, m?.Until);
            var state = Presence.Derive(facts, now);
            var fallback = Presence.Derived(facts);
            var live = m is not null && now < m.Until;
            DateTimeOffset? since = live ? m!.SetAt : fallback switch
            {
                PresenceState.Away => openBreak?.StartedAt,
                PresenceState.Off => w?.EndedAt,
                _ => w?.StartedAt,
            };
            return new PresenceEntry(s.Id, s.SectionId, s.StaffNumber, s.FullName, s.Position, state, fallback,
                live ? m!.Until : null, live ? m!.Note : null, since, telework.Contains(s.Id), w?.Place);
        }).ToList();
    }
}

/// <summary>
/// The live board: browsers watching a section's board join its group; each change of a staff
/// member's presence is pushed to that group. Only sections of the caller's own tenant can be watched.
/// </summary>
[Authorize(Policy = Policies.Console)]
public sealed class PresenceHub(ZaitakuDb db, PresenceConnections connections) : Hub
{
    public const string Path = "/hubs/presence";

    public override Task OnConnectedAsync()
    {
        // A connection without a session could not be ended with it: refused (the console's sign-in always has one).
        if (Context.User?.GetSessionId() is not { } sessionId)
        {
            Context.Abort();
            return Task.CompletedTask;
        }
        connections.Opened(Context, sessionId);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Starts watching a section's board; false when the section is not the caller's tenant's.</summary>
    public async Task<bool> Watch(Guid sectionId)
    {
        if (Context.User?.GetTenantId() is not { } tenantId) return false;
        db.TenantScope.SetTenant(tenantId);
        if (!await db.OrgUnits.AsNoTracking().AnyAsync(u => u.Id == sectionId)) return false;
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(tenantId, sectionId));
        return true;
    }

    internal static string GroupOf(Guid tenantId, Guid sectionId) => $"presence:{tenantId:N}:{sectionId:N}";
}

/// <summary>
/// A staff member's presence changed: <see cref="StaffChangedAsync"/> tells every node (through
/// <see cref="PresenceSignal"/>); each node's <see cref="PresenceRelay"/> then pushes the new presence to
/// everyone watching the section's board on that node (<see cref="PushAsync"/>).
/// </summary>
public sealed class PresenceBroadcaster(ZaitakuDb db, PresenceBoard board, IHubContext<PresenceHub> hub, PresenceSignal signal)
{
    public async Task StaffChangedAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        if (db.TenantScope.TenantId is { } tenantId) await signal.SendAsync(tenantId, staffId, cancellationToken);
    }

    /// <summary>Sends the staff member's presence now to this node's watchers of their section (the scope's tenant).</summary>
    public async Task PushAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        if (db.TenantScope.TenantId is not { } tenantId) return;
        if (await board.EntryAsync(staffId, cancellationToken) is not { } entry) return;
        var section = await WorkUnits.SectionOfAsync(db, entry.UnitId, cancellationToken);
        await hub.Clients.Group(PresenceHub.GroupOf(tenantId, section)).SendAsync("presence", PresenceBoard.ToMessage(entry), cancellationToken);
    }
}
