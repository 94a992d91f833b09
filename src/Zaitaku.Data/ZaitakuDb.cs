using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Zaitaku.Audit;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Devices;
using Zaitaku.Data.Imports;
using Zaitaku.Data.Tasks;
using Zaitaku.Data.Tenancy;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Organization;

namespace Zaitaku.Data;

/// <summary>
/// The one unit of work of Zaitaku. Every tenant-owned entity is filtered by the current tenant;
/// saving checks that nothing is written into another tenant, and writes an audit record, chained
/// by hash, for every change in the same transaction.
/// </summary>
public sealed class ZaitakuDb : IdentityUserContext<UserAccount, Guid>, IDataProtectionKeyContext
{
    private readonly TenantContext _tenant;
    private readonly TimeProvider _time;
    private readonly List<AuditRecord> _queuedAudit = [];
    private readonly List<(Type Type, List<object> Rows)> _bulk = [];

    private readonly Changes.PolicyChanges? _changes;

    public ZaitakuDb(DbContextOptions<ZaitakuDb> options, TenantContext tenant, TimeProvider time, Changes.PolicyChanges? changes = null)
        : base(options)
    {
        _tenant = tenant;
        _time = time;
        _changes = changes;
    }

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<DecisionRecord> DecisionRecords => Set<DecisionRecord>();
    public DbSet<DecisionTally> DecisionTallies => Set<DecisionTally>();
    public DbSet<DecisionDay> DecisionDays => Set<DecisionDay>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<Zaitaku.Systems.RegisteredSystem> Systems => Set<Zaitaku.Systems.RegisteredSystem>();
    public DbSet<Zaitaku.Systems.RegisteredRoute> Routes => Set<Zaitaku.Systems.RegisteredRoute>();
    public DbSet<Zaitaku.Systems.GatewaySettings> GatewaySettings => Set<Zaitaku.Systems.GatewaySettings>();
    public DbSet<WorkRuleSet> WorkRules => Set<WorkRuleSet>();
    public DbSet<TeleworkRequest> TeleworkRequests => Set<TeleworkRequest>();
    public DbSet<ActingApprover> ActingApprovers => Set<ActingApprover>();
    public DbSet<OvertimeRequest> OvertimeRequests => Set<OvertimeRequest>();
    public DbSet<Workday> Workdays => Set<Workday>();
    public DbSet<WorkdayTally> WorkdayTallies => Set<WorkdayTally>();
    public DbSet<WorkBreak> WorkBreaks => Set<WorkBreak>();
    public DbSet<WorkdayCorrection> WorkdayCorrections => Set<WorkdayCorrection>();
    public DbSet<Timesheet> Timesheets => Set<Timesheet>();
    public DbSet<PresenceStatus> PresenceStatuses => Set<PresenceStatus>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<TenantHoliday> TenantHolidays => Set<TenantHoliday>();
    public DbSet<ClosureDay> ClosureDays => Set<ClosureDay>();
    public DbSet<Budget.BudgetScenarioEntry> BudgetScenarios => Set<Budget.BudgetScenarioEntry>();
    public DbSet<Budget.FiscalYearBudget> FiscalYearBudgets => Set<Budget.FiscalYearBudget>();
    public DbSet<Readiness.ReadinessSurvey> ReadinessSurveys => Set<Readiness.ReadinessSurvey>();
    public DbSet<Readiness.ReadinessResponse> ReadinessResponses => Set<Readiness.ReadinessResponse>();
    public DbSet<InventoryTask> Tasks => Set<InventoryTask>();
    public DbSet<TaskAssignmentEntry> TaskAssignments => Set<TaskAssignmentEntry>();
    public DbSet<SectionStaffing> SectionStaffing => Set<SectionStaffing>();
    public DbSet<TaskSettings> TaskSettings => Set<TaskSettings>();
    public DbSet<RotationPlanRecord> RotationPlans => Set<RotationPlanRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;
    public DbSet<TeleworkDevice> Devices => Set<TeleworkDevice>();
    public DbSet<DeviceTimelineEntry> DeviceEvents => Set<DeviceTimelineEntry>();
    public DbSet<TenantDeviceAuthority> DeviceAuthorities => Set<TenantDeviceAuthority>();
    public DbSet<IssuedCertificate> DeviceCertificates => Set<IssuedCertificate>();
    public DbSet<KittingChecklistEntry> KittingChecklistItems => Set<KittingChecklistEntry>();
    public DbSet<LendingTerms> LendingTerms => Set<LendingTerms>();
    public DbSet<ComplianceSettings> ComplianceSettings => Set<ComplianceSettings>();
    public DbSet<PostureCheckIn> PostureReports => Set<PostureCheckIn>();
    public DbSet<LeaseContractEntry> LeaseContracts => Set<LeaseContractEntry>();
    public DbSet<DeviceModel> DeviceModels => Set<DeviceModel>();
    public DbSet<DeviceDocument> DeviceDocuments => Set<DeviceDocument>();
    public DbSet<CertificateHandoutFile> CertificateHandouts => Set<CertificateHandoutFile>();
    public DbSet<DeviceNotice> DeviceNotices => Set<DeviceNotice>();

    /// <summary>The tenant and actor this unit of work runs for.</summary>
    public TenantContext TenantScope => _tenant;

    /// <summary>The clock of this unit of work.</summary>
    public TimeProvider Time => _time;

    /// <summary>The tenant of the query filter; an empty id when none is set, which matches no row.</summary>
    internal Guid CurrentTenantId => _tenant.TenantId ?? Guid.Empty;

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>
    /// Queues an audit record for an action that is not a plain change of a record (a sign-in, an
    /// export, an import commit); it is written, chained, with the next save.
    /// </summary>
    public void Audit(string action, string targetType = "", string targetId = "", string summary = "", Guid? tenantId = null)
    {
        var tenant = tenantId ?? _tenant.TenantId;
        _queuedAudit.Add(new AuditRecord
        {
            ChainId = tenant ?? AuditChain.Deployment,
            TenantId = tenant,
            ActorUserId = _tenant.ActorUserId,
            ActorName = _tenant.ActorName,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Summary = summary,
            IpAddress = _tenant.IpAddress,
            PreviousHash = "",
            Hash = "",
        });
    }

    /// <summary>
    /// Queues many new records to be written with the next save, in bulk and in the same transaction,
    /// each with its audit record: for imports of tens of thousands of rows, where the change tracker
    /// would be slow. The records must not be changed after this call.
    /// </summary>
    public void AddMany<T>(IEnumerable<T> rows) where T : class
    {
        var list = rows.Cast<object>().ToList();
        foreach (var row in list.OfType<ITenantOwned>())
        {
            if (row.TenantId == Guid.Empty && _tenant.TenantId is { } current) row.TenantId = current;
            if (_tenant.TenantId is null || row.TenantId != _tenant.TenantId)
                throw new TenantViolationException(typeof(T).Name, row.TenantId, _tenant.TenantId);
        }
        _bulk.Add((typeof(T), list));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (IsSqlite)
        {
            // SQLite has no instant type; as 64-bit numbers UTC instants sort and compare in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
        else
        {
            // Instants are stored in UTC; an instant that arrives with a local offset is the same instant.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ZaitakuDb).Assembly);
        if (IsPostgres)
        {
            // Prefix searches are ranges on these keys; byte order makes the ranges right whatever the database's locale.
            builder.Entity<StaffMember>().Property(s => s.KanaKey).UseCollation("C");
            builder.Entity<StaffMember>().Property(s => s.NameKey).UseCollation("C");
            builder.Entity<StaffMember>().Property(s => s.StaffNumber).UseCollation("C");
        }
        foreach (var entityType in builder.Model.GetEntityTypes().ToList())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType) && entityType.BaseType is null)
            {
                typeof(ZaitakuDb).GetMethod(nameof(FilterByTenant), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(entityType.ClrType)
                    .Invoke(this, [builder]);
            }
        }
    }

    private void FilterByTenant<T>(ModelBuilder builder) where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(e => e.TenantId == CurrentTenantId);

    /// <summary>Tenants whose policy the open transaction changed; raised in-process when it commits (see <see cref="Changes.PolicyChangesInterceptor"/>).</summary>
    internal HashSet<Guid> PendingChanges { get; } = [];

    /// <summary>On SQLite, after a commit: tells this process's gateways what changed. (PostgreSQL's NOTIFY reaches every node itself.)</summary>
    internal void RaisePendingChanges()
    {
        if (!IsPostgres && _changes is not null)
        {
            foreach (var tenant in PendingChanges) _changes.Raise(tenant);
        }
        PendingChanges.Clear();
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(Changes.PolicyChangesInterceptor.Instance);

    // Below this many audit records a save adds them to the change tracker; above, writes them in bulk.
    private const int BulkAuditThreshold = 200;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        TenantGuard.Check(ChangeTracker, _tenant);
        var records = AuditCapture.Collect(ChangeTracker, _tenant);
        var bulk = _bulk.ToList();
        _bulk.Clear();
        foreach (var (type, rows) in bulk)
        {
            var entityType = Model.FindEntityType(type)!;
            records.AddRange(rows.Select(row => AuditCapture.ForCreated(entityType, row, _tenant)));
        }
        records.AddRange(_queuedAudit);
        _queuedAudit.Clear();
        var affected = Changes.PolicyChanges.Affected(ChangeTracker, bulk);
        var tallies = WorkdayTallyStore.Collect(ChangeTracker.Entries<Workday>(), bulk.Where(b => b.Type == typeof(Workday)).SelectMany(b => b.Rows.Cast<Workday>()));
        if (records.Count == 0 && affected.Count == 0 && tallies.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            if (IsPostgres)
            {
                // Delivered to every listening node when (and only if) the transaction commits.
                foreach (var tenant in affected)
                    await Changes.PolicyChanges.NotifyAsync(this, tenant, cancellationToken);
            }
            await AuditAppender.AppendAsync(this, records, _time.GetUtcNow(), cancellationToken);
            var bulkAudit = records.Count > BulkAuditThreshold;
            if (!bulkAudit) AuditRecords.AddRange(records);
            // Tracked rows first: rows written in bulk (imported staff) refer to them (new sections), not the other way round.
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var (type, rows) in bulk) await BulkInsert.InsertAsync(this, type, rows, cancellationToken);
            if (bulkAudit) await BulkInsert.InsertAsync(this, typeof(AuditRecord), records, cancellationToken);
            await WorkdayTallyStore.ApplyAsync(this, tallies, cancellationToken);
            written += bulk.Sum(b => b.Rows.Count) + (bulkAudit ? records.Count : 0);
            PendingChanges.UnionWith(affected);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
            AuditAppender.ForgetHeads(this);
        }
    }
}

/// <summary>Writes every instant with offset zero, as PostgreSQL's timestamptz requires.</summary>
internal sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
