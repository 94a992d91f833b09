using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zaitaku.Organization;

namespace Zaitaku.Data.Imports;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.HasIndex(b => b.TenantId);
        builder.Property(b => b.Kind).HasMaxLength(32);
        builder.Property(b => b.FileName).HasMaxLength(260);
        builder.Property(b => b.ContentHash).HasMaxLength(64);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
