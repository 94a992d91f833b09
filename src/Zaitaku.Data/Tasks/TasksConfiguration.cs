using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zaitaku.Organization;

namespace Zaitaku.Data.Tasks;

internal sealed class InventoryTaskConfiguration : IEntityTypeConfiguration<InventoryTask>
{
    public void Configure(EntityTypeBuilder<InventoryTask> builder)
    {
        builder.ToTable("Tasks");
        builder.HasIndex(t => new { t.TenantId, t.Code }).IsUnique();
        builder.HasIndex(t => new { t.TenantId, t.SectionId });
        builder.Property(t => t.Code).HasMaxLength(32);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Description).HasMaxLength(1000);
        builder.Property(t => t.PaperOriginals).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.SameRoom).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.OverrideClass).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.OverrideJustification).HasMaxLength(1000);
        builder.Property(t => t.OverrideByName).HasMaxLength(200);
        // Ids only, no foreign key: a system deleted from the register must not silently drop out of a task (it then counts as not allowed).
        builder.PrimitiveCollection(t => t.SystemIds);
        builder.Ignore(t => t.Override);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaskAssignmentConfiguration : IEntityTypeConfiguration<TaskAssignmentEntry>
{
    public void Configure(EntityTypeBuilder<TaskAssignmentEntry> builder)
    {
        builder.ToTable("TaskAssignments");
        builder.HasIndex(a => new { a.TenantId, a.TaskId, a.StaffId }).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.StaffId });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<InventoryTask>().WithMany().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SectionStaffingConfiguration : IEntityTypeConfiguration<SectionStaffing>
{
    public void Configure(EntityTypeBuilder<SectionStaffing> builder)
    {
        builder.ToTable("SectionStaffing");
        builder.HasIndex(s => new { s.TenantId, s.SectionId }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaskSettingsConfiguration : IEntityTypeConfiguration<TaskSettings>
{
    public void Configure(EntityTypeBuilder<TaskSettings> builder)
    {
        builder.HasIndex(s => s.TenantId).IsUnique();
        builder.Ignore(s => s.Rule);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RotationPlanRecordConfiguration : IEntityTypeConfiguration<RotationPlanRecord>
{
    public void Configure(EntityTypeBuilder<RotationPlanRecord> builder)
    {
        builder.ToTable("RotationPlans");
        builder.HasIndex(p => new { p.TenantId, p.CreatedAt });
        builder.Property(p => p.Mode).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Outcome).HasMaxLength(16);
        builder.Property(p => p.Failure).HasMaxLength(1000);
        builder.Property(p => p.CreatedByName).HasMaxLength(200);
        builder.Property(p => p.DecidedByName).HasMaxLength(200);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
