using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zaitaku.Organization;

namespace Zaitaku.Data.Budget;

internal sealed class BudgetScenarioConfiguration : IEntityTypeConfiguration<BudgetScenarioEntry>
{
    public void Configure(EntityTypeBuilder<BudgetScenarioEntry> builder)
    {
        builder.ToTable("BudgetScenarios");
        builder.HasIndex(s => new { s.TenantId, s.FiscalYear, s.Name }).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Note).HasMaxLength(1000);
        builder.Property(s => s.AllowanceThresholdDays).HasPrecision(5, 2);
        builder.Property(s => s.AllowanceExpectedDays).HasPrecision(5, 2);
        builder.OwnsMany(s => s.Phases, phases =>
        {
            phases.ToJson();
            phases.Property(p => p.Provision).HasConversion<string>();
        });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FiscalYearBudgetConfiguration : IEntityTypeConfiguration<FiscalYearBudget>
{
    public void Configure(EntityTypeBuilder<FiscalYearBudget> builder)
    {
        builder.ToTable("FiscalYearBudgets");
        builder.HasIndex(b => new { b.TenantId, b.FiscalYear }).IsUnique();
        builder.Property(b => b.ScenarioName).HasMaxLength(100);
        builder.Property(b => b.AdoptedBy).HasMaxLength(200);
        builder.PrimitiveCollection(b => b.MonthlyYen);
        builder.PrimitiveCollection(b => b.LeaseMonthlyYen);
        builder.HasOne<BudgetScenarioEntry>().WithMany().HasForeignKey(b => b.ScenarioId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
