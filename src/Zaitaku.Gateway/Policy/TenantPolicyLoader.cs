using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Access;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Devices;
using Zaitaku.Organization;

namespace Zaitaku.Gateway.Policy;

/// <summary>
/// Reads one municipality's policy from the database: systems and routes, the gateway settings and
/// work rules, staff, PCs with their current certificate and last posture report, the approvals and
/// workday records of yesterday to tomorrow (Tokyo), and the live portal sessions. A session whose
/// staff member is no longer active or whose workday has ended is not live (it ends on every node
/// with this policy).
/// </summary>
internal static class TenantPolicyLoader
{
    public static async Task<TenantPolicy?> LoadAsync(ZaitakuDb db, Guid tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // When the reading starts: of two loads running at once, the one that started later saw more.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        db.TenantScope.SetTenant(tenantId);
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId && t.Active).SingleOrDefaultAsync(cancellationToken);
        if (tenant is null) return null;

        var today = JapanTime.DateOf(now);
        var from = today.AddDays(-1);
        var to = today.AddDays(1);
        var settings = await db.GatewaySettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new Systems.GatewaySettings();
        var work = (await db.WorkRules.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.ToRules() ?? Zaitaku.Work.WorkRules.Default;
        var systems = await db.Systems.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        var routes = await db.Routes.AsNoTracking().ToListAsync(cancellationToken);
        var staff = await db.Staff.AsNoTracking()
            .Select(s => new { s.Id, s.StaffNumber, s.FamilyName, s.GivenName, s.Employment, s.ActiveFrom, s.ActiveTo }).ToListAsync(cancellationToken);
        var devices = await db.Devices.AsNoTracking()
            .Select(d => new
            {
                d.Id, d.SerialNumber, d.AssetTag, d.State,
                Borrower = d.Loan == null ? null : d.Loan.BorrowerStaffId,
                Accepted = d.Loan == null ? null : d.Loan.AcceptedAt,
                CertificateSerial = d.Certificate == null ? null : d.Certificate.SerialNumber,
                CertificateRevoked = d.Certificate == null ? null : d.Certificate.RevokedAt,
            }).ToListAsync(cancellationToken);
        // The last report of each PC: one grouped read, then the compliance of exactly that report.
        var lastReports = await db.PostureReports.AsNoTracking().GroupBy(p => p.DeviceId)
            .Select(g => new { DeviceId = g.Key, At = g.Max(p => p.ReceivedAt) }).ToListAsync(cancellationToken);
        var compliance = new Dictionary<Guid, (DateTimeOffset At, bool Compliant)>();
        if (lastReports.Count > 0)
        {
            var latest = lastReports.Select(r => r.At).Min();
            var recent = await db.PostureReports.AsNoTracking().Where(p => p.ReceivedAt >= latest)
                .Select(p => new { p.DeviceId, p.ReceivedAt, p.Compliant }).ToListAsync(cancellationToken);
            var wanted = lastReports.ToDictionary(r => r.DeviceId, r => r.At);
            foreach (var r in recent)
            {
                if (wanted.TryGetValue(r.DeviceId, out var at) && at == r.ReceivedAt) compliance[r.DeviceId] = (r.ReceivedAt, r.Compliant);
            }
        }
        var approved = await db.TeleworkRequests.AsNoTracking()
            .Where(r => r.Date >= from && r.Date <= to && r.Status == Zaitaku.Data.Work.RequestStatus.Approved)
            .Select(r => new { r.StaffId, r.Date }).ToListAsync(cancellationToken);
        var overtime = (await db.OvertimeRequests.AsNoTracking()
            .Where(o => o.Date >= from && o.Date <= to && o.Status == Zaitaku.Data.Work.RequestStatus.Approved)
            .Select(o => new { o.StaffId, o.Date, o.Until }).ToListAsync(cancellationToken))
            .GroupBy(o => (o.StaffId, o.Date)).ToDictionary(g => g.Key, g => g.Max(o => o.Until));
        var workdays = await db.Workdays.AsNoTracking().Where(w => w.Date >= from && w.Date <= to)
            .Select(w => new { w.StaffId, w.Date, w.StartedAt, w.EndedAt }).ToListAsync(cancellationToken);
        var sessions = await db.SignInSessions.AsNoTracking()
            .Where(s => s.TenantId == tenantId && s.Channel == SessionChannel.Gateway && s.EndedAt == null && s.ExpiresAt > now)
            .Join(db.Users.AsNoTracking().Where(u => u.Enabled && u.StaffId != null), s => s.UserId, u => u.Id,
                (s, u) => new { s.Id, s.UserId, StaffId = u.StaffId!.Value, s.SecondFactor, s.IdleTimeout, s.CreatedAt, s.ExpiresAt, s.LastSeenAt })
            .ToListAsync(cancellationToken);

        var builder = new PolicySnapshotBuilder
        {
            Rules = new AccessRules
            {
                WorkStart = work.WorkStart,
                WorkEnd = work.WorkEnd,
                RestrictedDataClasses = settings.RestrictedDataClasses,
                PostureMaxAgeHours = settings.PostureMaxAgeHours,
                ExcludeProbationary = !work.ProbationaryEligible,
                ExcludeFiscalYearStaff = !work.FiscalYearAppointedEligible,
            },
        };
        builder.Routes.AddRange(routes.Select(r => r.ToPolicy()));
        builder.Systems.AddRange(systems.Select(s => s.ToPolicy()));
        foreach (var s in staff)
        {
            builder.Staff.Add(new StaffRecord
            {
                Id = s.Id.ToString(),
                Employment = s.Employment switch
                {
                    EmploymentType.Probationary => Employment.Probationary,
                    EmploymentType.FiscalYearAppointed => Employment.FiscalYear,
                    _ => Employment.Regular,
                },
                Active = s.ActiveFrom <= today && (s.ActiveTo is null || s.ActiveTo >= today),
            });
        }
        var byCertificate = new Dictionary<string, PortalDevice>(StringComparer.Ordinal);
        foreach (var d in devices)
        {
            compliance.TryGetValue(d.Id, out var posture);
            builder.Devices.Add(new DeviceRecord
            {
                Serial = d.SerialNumber,
                State = d.State,
                // A loan counts only once the borrower accepted the lending terms (誓約書).
                AssignedTo = d.Accepted is null ? null : d.Borrower,
                PostureReportedAt = posture.At == default ? null : posture.At,
                // Without any report the PC is "posture stale", not also "non-compliant": no report said so.
                Compliant = posture.At == default || posture.Compliant,
            });
            if (d.CertificateSerial is not null && d.CertificateRevoked is null)
                byCertificate[d.CertificateSerial] = new PortalDevice(d.Id, d.CertificateSerial, d.SerialNumber, d.AssetTag);
        }
        foreach (var a in approved)
        {
            builder.Approvals.Add(new TeleworkApproval
            {
                Staff = a.StaffId.ToString(),
                Date = a.Date,
                OvertimeUntil = overtime.TryGetValue((a.StaffId, a.Date), out var until) ? until : null,
            });
        }
        foreach (var w in workdays)
            builder.Workdays.Add(new WorkdayRecord { Staff = w.StaffId.ToString(), Date = w.Date, Start = w.StartedAt, End = w.EndedAt });

        var snapshot = builder.Build();
        if (!snapshot.IsOk) throw new InvalidOperationException($"The stored policy of tenant {tenant.Code} is not valid: {snapshot.Error!.Message.En}");

        var staffById = staff.ToDictionary(s => s.Id);
        var activeStaff = builder.Staff.Where(s => s.Active).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var endedToday = workdays.Where(w => w.Date == today && w.EndedAt is { } end && end <= now).ToDictionary(w => w.StaffId, w => w.EndedAt!.Value);
        var live = new Dictionary<Guid, PortalSession>();
        foreach (var s in sessions)
        {
            if (!staffById.TryGetValue(s.StaffId, out var member) || !activeStaff.Contains(s.StaffId.ToString())) continue;
            // The workday's end ends the sessions opened before it (one opened later may read the portal, nothing else).
            if (endedToday.TryGetValue(s.StaffId, out var ended) && s.CreatedAt <= ended) continue;
            live[s.Id] = new PortalSession(s.Id, s.UserId, s.StaffId.ToString(), member.StaffNumber, $"{member.FamilyName} {member.GivenName}",
                s.SecondFactor, s.IdleTimeout, s.ExpiresAt, s.LastSeenAt);
        }

        var targets = new Dictionary<string, SystemTarget>(StringComparer.Ordinal);
        foreach (var s in systems)
        {
            if (Uri.TryCreate(s.UpstreamUrl, UriKind.Absolute, out var upstream))
                targets[s.Slug] = new SystemTarget(s.Slug, s.Name, s.Segment, upstream, s.Controls, s.Description);
        }
        return new TenantPolicy(tenant.Id, tenant.Code, tenant.Name, snapshot.Value, targets.ToFrozenDictionary(StringComparer.Ordinal),
            live.ToFrozenDictionary(), byCertificate.ToFrozenDictionary(StringComparer.Ordinal),
            TimeSpan.FromMinutes(settings.IdleTimeoutMinutes), now, started);
    }
}
