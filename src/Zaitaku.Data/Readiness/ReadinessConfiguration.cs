using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zaitaku.Organization;

namespace Zaitaku.Data.Readiness;

internal sealed class ReadinessSurveyConfiguration : IEntityTypeConfiguration<ReadinessSurvey>
{
    public void Configure(EntityTypeBuilder<ReadinessSurvey> builder)
    {
        builder.ToTable("ReadinessSurveys");
        builder.HasIndex(s => new { s.TenantId, s.OpenedAt });
        builder.Property(s => s.Title).HasMaxLength(100);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReadinessResponseConfiguration : IEntityTypeConfiguration<ReadinessResponse>
{
    public void Configure(EntityTypeBuilder<ReadinessResponse> builder)
    {
        builder.ToTable("ReadinessResponses");
        // One answer per staff member and round, also when two requests race.
        builder.HasIndex(r => new { r.SurveyId, r.StaffId }).IsUnique();
        builder.HasIndex(r => new { r.TenantId, r.SurveyId, r.SectionId });
        builder.Property(r => r.HomeConnection).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.HomePc).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Workspace).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.CareDuties).HasConversion<int>();
        builder.Property(r => r.Wish).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Comment).HasMaxLength(Zaitaku.Readiness.ReadinessQuestions.MaxCommentLength);
        builder.HasOne<ReadinessSurvey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.StaffId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
