using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zaitaku.Audit;

namespace Zaitaku.Data.Audit;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.HasIndex(a => new { a.ChainId, a.Sequence }).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.At });
        builder.HasIndex(a => new { a.TenantId, a.Action });
        builder.Property(a => a.ActorName).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.TargetType).HasMaxLength(64);
        builder.Property(a => a.TargetId).HasMaxLength(200);
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.HasIndex(c => new { c.ChainId, c.ThroughSequence });
        builder.Property(c => c.ThroughHash).HasMaxLength(64);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.HasKey(h => h.ChainId);
        builder.Property(h => h.ChainId).ValueGeneratedNever();
        builder.Property(h => h.LastHash).HasMaxLength(64);
    }
}
