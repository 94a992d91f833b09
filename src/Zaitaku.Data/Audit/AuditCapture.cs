using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Zaitaku.Audit;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Devices;
using Zaitaku.Data.Imports;
using Zaitaku.Data.Tenancy;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Organization;

namespace Zaitaku.Data.Audit;

/// <summary>
/// Turns the tracked changes of a save into audit records: what was created, changed (before and
/// after of each changed value) or deleted. Secrets show only that they changed.
/// </summary>
internal static class AuditCapture
{
    // Records that are the audit trail itself, or whose events are audited explicitly (sign-in, import).
    private static readonly HashSet<Type> NotAudited =
    [
        typeof(AuditRecord), typeof(AuditCheckpoint), typeof(AuditChainHead), typeof(DecisionRecord), typeof(SignInSession),
        typeof(RecoveryCode), typeof(DataProtectionKey), typeof(ImportBatch),
        // Notifications repeat what the audited request or decision already records.
        typeof(Notification),
        // Survey answers (care duties, home) are private: audited explicitly, without the answers.
        typeof(Readiness.ReadinessResponse),
        // Device operations are audited explicitly as device.<operation> (the timeline row is that event);
        // posture reports are a PC's telemetry, thousands a second, kept in their own history;
        // a hand-out file is a short-lived protected secret whose download is audited explicitly.
        typeof(DeviceTimelineEntry), typeof(PostureCheckIn), typeof(CertificateHandoutFile),
        // The dashboard's counts of the decision log, derived from it.
        typeof(DecisionTally), typeof(DecisionDay),
        typeof(Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>),
        typeof(Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>),
        typeof(Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>),
    ];

    // Values that change as a side effect of use, not by anyone's decision.
    private static readonly HashSet<string> Noise =
    [
        "ConcurrencyStamp", "NameKey", "KanaKey", "LastUsedAt", "LastSeenAt", "LastSignInAt",
        "AccessFailedCount", "TotpLastStep", "LockoutEnd", "NormalizedUserName", "NormalizedEmail",
    ];

    private static readonly HashSet<string> Secret =
    [
        "PasswordHash", "SecurityStamp", "TotpSecretProtected", "SecretHash", "CodeHash", "Content",
        "PrivateKeyProtected",
    ];

    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(StaffMember)] = "staff",
        [typeof(OrgUnit)] = "orgunit",
        [typeof(Tenant)] = "tenant",
        [typeof(RoleAssignment)] = "role",
        [typeof(UserAccount)] = "account",
        [typeof(ApiToken)] = "apitoken",
        [typeof(TeleworkDevice)] = "device",
        [typeof(TenantDeviceAuthority)] = "device_ca",
        [typeof(IssuedCertificate)] = "device_certificate",
        [typeof(KittingChecklistEntry)] = "kitting_item",
        [typeof(LendingTerms)] = "lending_terms",
        [typeof(ComplianceSettings)] = "compliance_rules",
        [typeof(LeaseContractEntry)] = "lease_contract",
        [typeof(DeviceModel)] = "device_model",
        [typeof(DeviceDocument)] = "device_document",
        [typeof(DeviceNotice)] = "device_notice",
        [typeof(Zaitaku.Systems.RegisteredSystem)] = "system",
        [typeof(Zaitaku.Systems.RegisteredRoute)] = "route",
        [typeof(Zaitaku.Systems.GatewaySettings)] = "gatewaysettings",
        [typeof(WorkRuleSet)] = "workrules",
        [typeof(TeleworkRequest)] = "telework",
        [typeof(ActingApprover)] = "actingapprover",
        [typeof(OvertimeRequest)] = "overtime",
        [typeof(Workday)] = "workday",
        [typeof(WorkBreak)] = "workbreak",
        [typeof(WorkdayCorrection)] = "correction",
        [typeof(Timesheet)] = "timesheet",
        [typeof(PresenceStatus)] = "presence",
        [typeof(TenantHoliday)] = "holiday",
        [typeof(ClosureDay)] = "closureday",
        [typeof(Budget.BudgetScenarioEntry)] = "budgetscenario",
        [typeof(Budget.FiscalYearBudget)] = "budget",
        [typeof(Readiness.ReadinessSurvey)] = "survey",
        [typeof(Tasks.InventoryTask)] = "task",
        [typeof(Tasks.TaskAssignmentEntry)] = "taskassignment",
        [typeof(Tasks.SectionStaffing)] = "sectionstaffing",
        [typeof(Tasks.TaskSettings)] = "tasksettings",
        [typeof(Tasks.RotationPlanRecord)] = "rotationplan",
    };

    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The short name of a kind of record in action codes, e.g. <c>staff</c> in <c>staff.updated</c>.</summary>
    public static string NameOf(Type type) => Names.TryGetValue(type, out var name) ? name : type.Name.ToLowerInvariant();

    public static List<AuditRecord> Collect(ChangeTracker tracker, TenantContext tenant)
    {
        var records = new List<AuditRecord>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = entry.Metadata.ClrType;
            if (NotAudited.Contains(type)) continue;

            var summary = entry.State switch
            {
                EntityState.Added => Values(entry, useOriginal: false),
                EntityState.Deleted => Values(entry, useOriginal: true),
                _ => Changes(entry),
            };
            if (summary is null) continue;

            var tenantId = TenantOf(entry, tenant);
            var key = entry.Metadata.FindPrimaryKey()?.Properties
                .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture))
                .Aggregate((a, b) => $"{a},{b}") ?? "";
            records.Add(new AuditRecord
            {
                ChainId = tenantId ?? AuditChain.Deployment,
                TenantId = tenantId,
                ActorUserId = tenant.ActorUserId,
                ActorName = tenant.ActorName,
                Action = $"{NameOf(type)}.{entry.State switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" }}",
                TargetType = type.Name,
                TargetId = key,
                Summary = summary,
                IpAddress = tenant.IpAddress,
                PreviousHash = "",
                Hash = "",
            });
        }
        return records;
    }

    /// <summary>The audit record of a new row written in bulk (see <see cref="ZaitakuDb.AddMany{T}"/>).</summary>
    public static AuditRecord ForCreated(Microsoft.EntityFrameworkCore.Metadata.IEntityType entityType, object entity, TenantContext tenant)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entityType.GetProperties())
        {
            if (Noise.Contains(property.Name)) continue;
            var value = property.GetGetter().GetClrValueUsingContainingEntity(entity);
            if (value is null) continue;
            values[property.Name] = Secret.Contains(property.Name) ? "***" : Render(value);
        }
        var tenantId = TenantOf(entity, tenant);
        var key = string.Join(",", entityType.FindPrimaryKey()!.Properties.Select(p =>
            Convert.ToString(p.GetGetter().GetClrValueUsingContainingEntity(entity), System.Globalization.CultureInfo.InvariantCulture)));
        return new AuditRecord
        {
            ChainId = tenantId ?? AuditChain.Deployment,
            TenantId = tenantId,
            ActorUserId = tenant.ActorUserId,
            ActorName = tenant.ActorName,
            Action = $"{NameOf(entityType.ClrType)}.created",
            TargetType = entityType.ClrType.Name,
            TargetId = key,
            Summary = JsonSerializer.Serialize(values, Json),
            IpAddress = tenant.IpAddress,
            PreviousHash = "",
            Hash = "",
        };
    }

    private static Guid? TenantOf(EntityEntry entry, TenantContext tenant) => TenantOf(entry.Entity, tenant);

    private static Guid? TenantOf(object entity, TenantContext tenant) => entity switch
    {
        ITenantOwned owned => owned.TenantId,
        Tenant t => t.Id,
        UserAccount account => account.TenantId,
        _ => tenant.TenantId,
    };

    private static string Values(EntityEntry entry, bool useOriginal)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Noise.Contains(name)) continue;
            var value = useOriginal ? property.OriginalValue : property.CurrentValue;
            if (value is null) continue;
            values[name] = Secret.Contains(name) ? "***" : Render(value);
        }
        return JsonSerializer.Serialize(values, Json);
    }

    private static string? Changes(EntityEntry entry)
    {
        var changes = new SortedDictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (!property.IsModified) continue;
            var name = property.Metadata.Name;
            if (Noise.Contains(name) || Equals(property.OriginalValue, property.CurrentValue)) continue;
            changes[name] = Secret.Contains(name)
                ? ["***", "***"]
                : [Render(property.OriginalValue), Render(property.CurrentValue)];
        }
        return changes.Count == 0 ? null : JsonSerializer.Serialize(changes, Json);
    }

    private static object? Render(object? value) => value switch
    {
        null => null,
        Enum e => e.ToString(),
        DateTimeOffset d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        byte[] b => $"({b.Length} bytes)",
        _ => value,
    };
}
