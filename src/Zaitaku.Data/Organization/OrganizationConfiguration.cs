using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zaitaku.Organization;

namespace Zaitaku.Data.Organization;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.HasIndex(t => t.Code).IsUnique();
        builder.Property(t => t.Code).HasMaxLength(16);
        builder.Property(t => t.Name).HasMaxLength(100);
    }
}

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> builder)
    {
        builder.HasIndex(u => new { u.TenantId, u.Code }).IsUnique();
        builder.HasIndex(u => new { u.TenantId, u.ParentId });
        builder.Property(u => u.Code).HasMaxLength(32);
        builder.Property(u => u.Name).HasMaxLength(100);
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("Staff");
        builder.HasIndex(s => new { s.TenantId, s.StaffNumber }).IsUnique();
        builder.HasIndex(s => new { s.TenantId, s.KanaKey });
        builder.HasIndex(s => new { s.TenantId, s.NameKey });
        builder.HasIndex(s => new { s.TenantId, s.SectionId });
        builder.Property(s => s.StaffNumber).HasMaxLength(32);
        builder.Property(s => s.FamilyName).HasMaxLength(50);
        builder.Property(s => s.GivenName).HasMaxLength(50);
        builder.Property(s => s.FamilyNameKana).HasMaxLength(100);
        builder.Property(s => s.GivenNameKana).HasMaxLength(100);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.Position).HasMaxLength(50);
        builder.Property(s => s.NameKey).HasMaxLength(100);
        builder.Property(s => s.KanaKey).HasMaxLength(200);
        builder.Property(s => s.Employment).HasConversion<string>().HasMaxLength(24);
        builder.Ignore(s => s.FullName);
        builder.Ignore(s => s.FullNameKana);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        builder.HasIndex(r => new { r.TenantId, r.UserId });
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(24);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}
