using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zaitaku.Organization;

namespace Zaitaku.Data.Work;

// A request's day may be asked for once while it is pending or approved (also against a race of two clicks).
internal static class ActiveRequest
{
    public const string Filter = "\"Status\" IN ('Pending', 'Approved')";
}

internal sealed class WorkRuleSetConfiguration : IEntityTypeConfiguration<WorkRuleSet>
{
    public void Configure(EntityTypeBuilder<WorkRuleSet> builder)
    {
        builder.ToTable("WorkRules");
        builder.HasIndex(r => r.TenantId).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeleworkRequestConfiguration : IEntityTypeConfiguration<TeleworkRequest>
{
    public void Configure(EntityTypeBuilder<TeleworkRequest> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Note).HasMaxLength(500);
        builder.Property(r => r.DecidedByName).HasMaxLength(200);
        builder.Property(r => r.DecisionComment).HasMaxLength(500);
        builder.HasIndex(r => new { r.TenantId, r.StaffId, r.Date }).IsUnique().HasFilter(ActiveRequest.Filter);
        builder.HasIndex(r => new { r.TenantId, r.SectionId, r.Status, r.Date });
        builder.HasIndex(r => new { r.TenantId, r.Date, r.Status });
        builder.HasIndex(r => new { r.TenantId, r.BatchId });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.StaffId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActingApproverConfiguration : IEntityTypeConfiguration<ActingApprover>
{
    public void Configure(EntityTypeBuilder<ActingApprover> builder)
    {
        builder.Property(a => a.Reason).HasMaxLength(200);
        builder.HasIndex(a => new { a.TenantId, a.SectionId, a.To });
        builder.HasIndex(a => new { a.TenantId, a.UserId, a.To });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(a => a.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OvertimeRequestConfiguration : IEntityTypeConfiguration<OvertimeRequest>
{
    public void Configure(EntityTypeBuilder<OvertimeRequest> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.DecidedByName).HasMaxLength(200);
        builder.Property(r => r.DecisionComment).HasMaxLength(500);
        builder.HasIndex(r => new { r.TenantId, r.StaffId, r.Date }).IsUnique().HasFilter(ActiveRequest.Filter);
        builder.HasIndex(r => new { r.TenantId, r.SectionId, r.Status, r.Date });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkdayConfiguration : IEntityTypeConfiguration<Workday>
{
    public void Configure(EntityTypeBuilder<Workday> builder)
    {
        builder.Property(w => w.Place).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.StartedVia).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.EndedVia).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Report).HasMaxLength(Zaitaku.Work.WorkdayRules.MaxReportLength);
        builder.HasIndex(w => new { w.TenantId, w.StaffId, w.Date }).IsUnique();
        // Covers the dashboard's counts by day, place and staff (index-only scans); a superset of (TenantId, Date).
        builder.HasIndex(w => new { w.TenantId, w.Date, w.Place, w.StaffId });
        builder.HasMany(w => w.Breaks).WithOne().HasForeignKey(b => b.WorkdayId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(w => w.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(w => w.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkBreakConfiguration : IEntityTypeConfiguration<WorkBreak>
{
    public void Configure(EntityTypeBuilder<WorkBreak> builder)
    {
        builder.HasIndex(b => new { b.TenantId, b.WorkdayId });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkdayCorrectionConfiguration : IEntityTypeConfiguration<WorkdayCorrection>
{
    public void Configure(EntityTypeBuilder<WorkdayCorrection> builder)
    {
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Place).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(500);
        builder.Property(c => c.DecidedByName).HasMaxLength(200);
        builder.Property(c => c.DecisionComment).HasMaxLength(500);
        builder.HasIndex(c => new { c.TenantId, c.SectionId, c.Status, c.Date });
        builder.HasIndex(c => new { c.TenantId, c.StaffId, c.Date });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TimesheetConfiguration : IEntityTypeConfiguration<Timesheet>
{
    public void Configure(EntityTypeBuilder<Timesheet> builder)
    {
        builder.Property(t => t.Month).HasMaxLength(7);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.ApprovedByName).HasMaxLength(200);
        builder.Ignore(t => t.IsLocked);
        builder.HasIndex(t => new { t.TenantId, t.StaffId, t.Month }).IsUnique();
        builder.HasIndex(t => new { t.TenantId, t.Month, t.SectionId });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(t => t.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PresenceStatusConfiguration : IEntityTypeConfiguration<PresenceStatus>
{
    public void Configure(EntityTypeBuilder<PresenceStatus> builder)
    {
        builder.ToTable("PresenceStatuses");
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Note).HasMaxLength(100);
        builder.HasIndex(p => new { p.TenantId, p.StaffId }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(p => p.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Kind).HasMaxLength(40);
        builder.Property(n => n.TextJa).HasMaxLength(500);
        builder.Property(n => n.TextEn).HasMaxLength(500);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.Ignore(n => n.Text);
        builder.HasIndex(n => new { n.TenantId, n.RecipientUserId, n.ReadAt });
        builder.HasIndex(n => new { n.TenantId, n.RecipientUserId, n.CreatedAt });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(n => n.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TenantHolidayConfiguration : IEntityTypeConfiguration<TenantHoliday>
{
    public void Configure(EntityTypeBuilder<TenantHoliday> builder)
    {
        builder.Property(h => h.Name).HasMaxLength(50);
        builder.HasIndex(h => new { h.TenantId, h.Date }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(h => h.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClosureDayConfiguration : IEntityTypeConfiguration<ClosureDay>
{
    public void Configure(EntityTypeBuilder<ClosureDay> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.HasIndex(c => new { c.TenantId, c.Date }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
