using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zaitaku.Organization;

namespace Zaitaku.Data.Accounts;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.HasIndex(u => u.TenantId);
        builder.HasIndex(u => new { u.TenantId, u.StaffId });
        builder.Property(u => u.LoginId).HasMaxLength(64);
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.TotpSecretProtected).HasMaxLength(1000);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> builder)
    {
        builder.HasIndex(s => s.UserId);
        builder.Property(s => s.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.EndReason).HasMaxLength(32);
        builder.Property(s => s.IpAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(300);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.HasIndex(r => r.UserId);
        builder.Property(r => r.CodeHash).HasMaxLength(64);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.HasIndex(t => t.TenantId);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Scopes).HasMaxLength(200);
        builder.Property(t => t.SecretHash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
