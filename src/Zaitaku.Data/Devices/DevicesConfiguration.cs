using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zaitaku.Devices;
using Zaitaku.Organization;

namespace Zaitaku.Data.Devices;

/// <summary>
/// The device aggregate as one row: its single values (certificate, loan, wipe order, erasure
/// certificate) as optional complex types in columns of the same table, so the fleet page can filter
/// and sort on them; the checklist and its ticks as JSON columns (they are read and written whole).
/// Core stays free of EF: everything is mapped here, private setters included.
/// </summary>
internal sealed class TeleworkDeviceConfiguration : IEntityTypeConfiguration<TeleworkDevice>
{
    public void Configure(EntityTypeBuilder<TeleworkDevice> builder)
    {
        builder.ToTable("Devices");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.AssetTag).HasMaxLength(64);
        builder.Property(d => d.SerialNumber).HasMaxLength(64);
        builder.Property(d => d.Model).HasMaxLength(100);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        // Every operation moves LastChangedAt: two people acting on the same PC at once cannot both win.
        builder.Property(d => d.LastChangedAt).IsConcurrencyToken();
        builder.HasIndex(d => new { d.TenantId, d.AssetTag }).IsUnique();
        builder.HasIndex(d => new { d.TenantId, d.SerialNumber }).IsUnique();
        builder.HasIndex(d => new { d.TenantId, d.State, d.AssetTag });
        builder.HasIndex(d => new { d.TenantId, d.Model, d.AssetTag });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LeaseContractEntry>().WithMany().HasForeignKey(d => d.LeaseContractId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(d => d.HasValidCertificate);
        builder.Ignore(d => d.IsKittingComplete);
        builder.Ignore(d => d.MissingChecklistItems);

        builder.ComplexProperty(d => d.Certificate, c =>
        {
            c.Property(x => x.SerialNumber).HasColumnName("CertificateSerial").HasMaxLength(66);
            c.Property(x => x.Thumbprint).HasColumnName("CertificateThumbprint").HasMaxLength(64);
            c.Property(x => x.Subject).HasColumnName("CertificateSubject").HasMaxLength(400);
            c.Property(x => x.NotBefore).HasColumnName("CertificateNotBefore");
            c.Property(x => x.NotAfter).HasColumnName("CertificateNotAfter");
            c.Property(x => x.RevokedAt).HasColumnName("CertificateRevokedAt");
            c.Property(x => x.RevocationReason).HasColumnName("CertificateRevocationReason").HasConversion<string>().HasMaxLength(32);
            c.Ignore(x => x.IsRevoked);
        });
        builder.ComplexProperty(d => d.Loan, c =>
        {
            c.Property(x => x.BorrowerStaffId).HasColumnName("LoanBorrower").HasMaxLength(64);
            c.Property(x => x.TermsVersion).HasColumnName("LoanTermsVersion").HasMaxLength(64);
            c.Property(x => x.DueDate).HasColumnName("LoanDueDate");
            c.Property(x => x.LentBy).HasColumnName("LoanLentBy").HasMaxLength(128);
            c.Property(x => x.LentAt).HasColumnName("LoanLentAt");
            c.Property(x => x.AcceptedAt).HasColumnName("LoanAcceptedAt");
            c.Ignore(x => x.IsAccepted);
        });
        builder.ComplexProperty(d => d.WipeOrder, c =>
        {
            c.Property(x => x.OrderedBy).HasColumnName("WipeOrderedBy").HasMaxLength(128);
            c.Property(x => x.OrderedAt).HasColumnName("WipeOrderedAt");
            c.Property(x => x.Circumstances).HasColumnName("WipeCircumstances").HasMaxLength(2000);
        });
        builder.ComplexProperty(d => d.ErasureCertificate, c =>
        {
            c.Property(x => x.Method).HasColumnName("ErasureMethod").HasMaxLength(100);
            c.Property(x => x.Operator).HasColumnName("ErasureOperator").HasMaxLength(200);
            c.Property(x => x.ErasedOn).HasColumnName("ErasedOn");
            c.Property(x => x.CertificateNumber).HasColumnName("ErasureCertificateNumber").HasMaxLength(100);
            c.Property(x => x.DocumentReference).HasColumnName("ErasureDocument").HasMaxLength(200);
        });
        // EF 10 cannot index complex-type columns: the gateway finds a PC by serial in IssuedCertificate,
        // and "my PC" filters the tenant's rows by borrower (a few thousand rows at most).

        // The aggregate exposes read-only lists; EF maps the lists behind them.
        builder.Ignore(d => d.Checklist);
        builder.Ignore(d => d.ChecklistTicks);
        builder.ComplexCollection<List<KittingChecklistItem>, KittingChecklistItem>("_checklist", c =>
        {
            c.ToJson("Checklist");
            c.ComplexProperty(i => i.Label);
        });
        builder.ComplexCollection<List<ChecklistTick>, ChecklistTick>("_ticks", c => c.ToJson("ChecklistTicks"));
    }
}

internal sealed class DeviceTimelineEntryConfiguration : IEntityTypeConfiguration<DeviceTimelineEntry>
{
    public void Configure(EntityTypeBuilder<DeviceTimelineEntry> builder)
    {
        builder.ToTable("DeviceEvents");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Operation).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.CertificateIssued).HasMaxLength(66);
        builder.Property(e => e.CertificateRevoked).HasMaxLength(66);
        builder.HasIndex(e => new { e.DeviceId, e.Sequence }).IsUnique();
        builder.HasIndex(e => new { e.TenantId, e.Operation, e.At });
        builder.HasOne<TeleworkDevice>().WithMany().HasForeignKey(e => e.DeviceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TenantDeviceAuthorityConfiguration : IEntityTypeConfiguration<TenantDeviceAuthority>
{
    public void Configure(EntityTypeBuilder<TenantDeviceAuthority> builder)
    {
        builder.ToTable("DeviceAuthorities");
        builder.HasIndex(a => a.TenantId).IsUnique();
        builder.HasIndex(a => a.SubjectKey).IsUnique();
        builder.Property(a => a.SubjectKey).HasMaxLength(1024);
        builder.Property(a => a.KeyProtection).HasMaxLength(32);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IssuedCertificateConfiguration : IEntityTypeConfiguration<IssuedCertificate>
{
    public void Configure(EntityTypeBuilder<IssuedCertificate> builder)
    {
        builder.ToTable("DeviceCertificates");
        builder.HasIndex(c => new { c.TenantId, c.SerialNumber }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.RevokedAt });
        builder.HasIndex(c => new { c.TenantId, c.DeviceId });
        builder.Property(c => c.SerialNumber).HasMaxLength(66);
        builder.Property(c => c.Thumbprint).HasMaxLength(64);
        builder.Property(c => c.Subject).HasMaxLength(400);
        builder.Property(c => c.IssuedBy).HasMaxLength(200);
        builder.Property(c => c.RevocationReason).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TeleworkDevice>().WithMany().HasForeignKey(c => c.DeviceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KittingChecklistEntryConfiguration : IEntityTypeConfiguration<KittingChecklistEntry>
{
    public void Configure(EntityTypeBuilder<KittingChecklistEntry> builder)
    {
        builder.ToTable("KittingChecklistItems");
        builder.HasIndex(i => new { i.TenantId, i.Code }).IsUnique();
        builder.Property(i => i.Code).HasMaxLength(64);
        builder.Property(i => i.LabelJa).HasMaxLength(200);
        builder.Property(i => i.LabelEn).HasMaxLength(200);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LendingTermsConfiguration : IEntityTypeConfiguration<LendingTerms>
{
    public void Configure(EntityTypeBuilder<LendingTerms> builder)
    {
        builder.HasIndex(t => new { t.TenantId, t.Version }).IsUnique();
        builder.HasIndex(t => new { t.TenantId, t.Number }).IsUnique();
        builder.Property(t => t.Version).HasMaxLength(64);
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Body).HasMaxLength(20_000);
        builder.Property(t => t.PublishedBy).HasMaxLength(200);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ComplianceSettingsConfiguration : IEntityTypeConfiguration<ComplianceSettings>
{
    public void Configure(EntityTypeBuilder<ComplianceSettings> builder)
    {
        builder.ToTable("DeviceComplianceRules");
        builder.HasIndex(c => c.TenantId).IsUnique();
        builder.Property(c => c.MinimumAgentVersion).HasMaxLength(64);
        builder.Property(c => c.MinimumOsBuild).HasMaxLength(64);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PostureCheckInConfiguration : IEntityTypeConfiguration<PostureCheckIn>
{
    public void Configure(EntityTypeBuilder<PostureCheckIn> builder)
    {
        builder.ToTable("DevicePostureReports");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => new { p.TenantId, p.DeviceId, p.ReceivedAt });
        builder.Property(p => p.CertificateSerial).HasMaxLength(66);
        builder.Property(p => p.OsBuild).HasMaxLength(64);
        builder.Property(p => p.AgentVersion).HasMaxLength(64);
        builder.Property(p => p.FailureCodes).HasMaxLength(400);
        builder.HasOne<TeleworkDevice>().WithMany().HasForeignKey(p => p.DeviceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeaseContractEntryConfiguration : IEntityTypeConfiguration<LeaseContractEntry>
{
    public void Configure(EntityTypeBuilder<LeaseContractEntry> builder)
    {
        builder.ToTable("LeaseContracts");
        builder.HasIndex(c => new { c.TenantId, c.ContractNumber }).IsUnique();
        builder.Property(c => c.ContractNumber).HasMaxLength(64);
        builder.Property(c => c.Lessor).HasMaxLength(100);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeviceModelConfiguration : IEntityTypeConfiguration<DeviceModel>
{
    public void Configure(EntityTypeBuilder<DeviceModel> builder)
    {
        builder.HasIndex(m => new { m.TenantId, m.Name }).IsUnique();
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.Property(m => m.Manufacturer).HasMaxLength(100);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeviceDocumentConfiguration : IEntityTypeConfiguration<DeviceDocument>
{
    public void Configure(EntityTypeBuilder<DeviceDocument> builder)
    {
        builder.HasIndex(d => new { d.TenantId, d.DeviceId });
        builder.Property(d => d.Kind).HasMaxLength(32);
        builder.Property(d => d.FileName).HasMaxLength(260);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        builder.Property(d => d.UploadedBy).HasMaxLength(200);
        builder.HasOne<TeleworkDevice>().WithMany().HasForeignKey(d => d.DeviceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateHandoutFileConfiguration : IEntityTypeConfiguration<CertificateHandoutFile>
{
    public void Configure(EntityTypeBuilder<CertificateHandoutFile> builder)
    {
        builder.HasIndex(h => h.TokenHash).IsUnique();
        builder.HasIndex(h => h.ExpiresAt);
        builder.Property(h => h.TokenHash).HasMaxLength(64);
        builder.Property(h => h.FileName).HasMaxLength(200);
        builder.Property(h => h.ContentType).HasMaxLength(100);
        builder.HasOne<TeleworkDevice>().WithMany().HasForeignKey(h => h.DeviceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeviceNoticeConfiguration : IEntityTypeConfiguration<DeviceNotice>
{
    public void Configure(EntityTypeBuilder<DeviceNotice> builder)
    {
        builder.HasIndex(n => new { n.TenantId, n.AcknowledgedAt });
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.ReportedBy).HasMaxLength(200);
        builder.Property(n => n.Text).HasMaxLength(2000);
        builder.Property(n => n.AcknowledgedBy).HasMaxLength(200);
        builder.HasOne<TeleworkDevice>().WithMany().HasForeignKey(n => n.DeviceId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The device records the gateway's trust and the access policy read: a change of any of them is a policy change.</summary>
public static class DevicePolicyTypes
{
    public static readonly Type[] All = [typeof(TeleworkDevice), typeof(IssuedCertificate), typeof(TenantDeviceAuthority), typeof(ComplianceSettings)];

    /// <summary>Registers them with the change feed (idempotent).</summary>
    public static void Register() => Changes.PolicyChanges.Register(All);
}
