using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zaitaku.Organization;
using Zaitaku.Systems;

namespace Zaitaku.Data.Systems;

internal sealed class RegisteredSystemConfiguration : IEntityTypeConfiguration<RegisteredSystem>
{
    public void Configure(EntityTypeBuilder<RegisteredSystem> builder)
    {
        builder.ToTable("Systems");
        builder.HasIndex(s => new { s.TenantId, s.Slug }).IsUnique();
        builder.Property(s => s.Slug).HasMaxLength(32);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.UpstreamUrl).HasMaxLength(500);
        builder.Property(s => s.DataClass).HasMaxLength(32);
        builder.Property(s => s.Description).HasMaxLength(500);
        builder.Property(s => s.Segment).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Controls).HasConversion<int>();
        builder.OwnsMany(s => s.PathRules, rules => rules.ToJson());
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RegisteredRouteConfiguration : IEntityTypeConfiguration<RegisteredRoute>
{
    public void Configure(EntityTypeBuilder<RegisteredRoute> builder)
    {
        builder.ToTable("Routes");
        builder.HasIndex(r => new { r.TenantId, r.Slug }).IsUnique();
        builder.Property(r => r.Slug).HasMaxLength(32);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(8);
        builder.PrimitiveCollection(r => r.Cidrs);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GatewaySettingsConfiguration : IEntityTypeConfiguration<GatewaySettings>
{
    public void Configure(EntityTypeBuilder<GatewaySettings> builder)
    {
        builder.HasIndex(s => s.TenantId).IsUnique();
        builder.PrimitiveCollection(s => s.RestrictedDataClasses);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
