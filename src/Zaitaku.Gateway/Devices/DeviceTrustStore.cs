using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zaitaku.Data;
using Zaitaku.Data.Changes;
using Zaitaku.Devices.Pki;
using Zaitaku.Devices.Posture;

namespace Zaitaku.Gateway.Devices;

/// <summary>What the gateway trusts of one tenant: its CA with the revoked serials, and its posture rules.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="TenantCode">Its municipality code.</param>
/// <param name="Validator">Checks a presented certificate against the tenant CA and revoked set.</param>
/// <param name="Rules">The tenant's posture compliance rules.</param>
public sealed record TenantTrust(Guid TenantId, string TenantCode, DeviceCertificateValidator Validator, ComplianceRules Rules);

/// <summary>
/// The gateway's picture of every tenant's device trust, immutable and swapped whole: CA by subject
/// name (a presented certificate's issuer finds its tenant), revoked serials, compliance rules. It is
/// rebuilt when the database says anything changed: at once when the policy change feed reports a
/// change (PostgreSQL NOTIFY from any node, in-process on SQLite), and otherwise checked at least every
/// <see cref="GatewayOptions.TrustRefreshInterval"/>, so a missed notification costs at most that long. PCs are found by certificate serial in the issuance ledger and
/// remembered (a serial never moves to another PC).
/// </summary>
public sealed partial class DeviceTrustStore
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<GatewayOptions> _options;
    private readonly ILogger<DeviceTrustStore> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly ConcurrentDictionary<(Guid Tenant, string Serial), Guid> _devices = new();
    private volatile Snapshot _snapshot = Snapshot.Empty;
    private long _checkedAt = long.MinValue;

    public DeviceTrustStore(IServiceScopeFactory scopes, IOptions<GatewayOptions> options, ILogger<DeviceTrustStore> logger, PolicyChanges changes)
    {
        _scopes = scopes;
        _options = options;
        _logger = logger;
        // Any tenant's change makes the next request re-read; the version check keeps an unrelated change cheap.
        changes.Changed += _ => Interlocked.Exchange(ref _checkedAt, long.MinValue);
    }

    private sealed record Snapshot(FrozenDictionary<string, TenantTrust> ByIssuer, FrozenSet<Guid> Inactive, string Version)
    {
        public static readonly Snapshot Empty = new(FrozenDictionary<string, TenantTrust>.Empty, FrozenSet<Guid>.Empty, "");
    }

    /// <summary>The tenant whose CA has this subject name, or null; refreshes first when the interval has passed.</summary>
    public async ValueTask<TenantTrust?> FindByIssuerAsync(X500DistinguishedName issuer, CancellationToken cancellationToken)
    {
        await RefreshIfDueAsync(cancellationToken);
        return _snapshot.ByIssuer.GetValueOrDefault(Convert.ToHexString(issuer.RawData));
    }

    /// <summary>True when the tenant has been switched off (it left the deployment).</summary>
    public bool IsInactive(Guid tenantId) => _snapshot.Inactive.Contains(tenantId);

    /// <summary>The PC a tenant's certificate serial was issued to, or null.</summary>
    public async ValueTask<Guid?> FindDeviceAsync(Guid tenantId, string serial, CancellationToken cancellationToken)
    {
        if (_devices.TryGetValue((tenantId, serial), out var known)) return known;
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        var deviceId = await db.DeviceCertificates.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.SerialNumber == serial).Select(c => (Guid?)c.DeviceId).SingleOrDefaultAsync(cancellationToken);
        if (deviceId is { } id) _devices[(tenantId, serial)] = id;
        return deviceId;
    }

    /// <summary>Rebuilds now if anything changed (tests and start-up call this; requests call it through the interval).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            Interlocked.Exchange(ref _checkedAt, Stopwatch.GetTimestamp());
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
            var version = await VersionAsync(db, cancellationToken);
            if (version == _snapshot.Version) return;
            _snapshot = await BuildAsync(db, version, cancellationToken);
            LogTrustRebuilt(_logger, _snapshot.ByIssuer.Count, version);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async ValueTask RefreshIfDueAsync(CancellationToken cancellationToken)
    {
        var checkedAt = Interlocked.Read(ref _checkedAt);
        // The interval is the process's own clock, not the domain clock (which tests may hold still).
        if (checkedAt != long.MinValue && Stopwatch.GetElapsedTime(checkedAt) < _options.Value.TrustRefreshInterval) return;
        // One request refreshes; the others go on with the current picture instead of queueing behind it.
        if (_snapshot.Version.Length > 0 && _refreshing.CurrentCount == 0) return;
        if (_snapshot.Version.Length == 0)
        {
            await RefreshAsync(cancellationToken);
            return;
        }
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException or IOException)
        {
            // The database is out of reach: keep the last picture; the policy turns stale and denies everything (fail closed), not a 500.
            LogTrustRefreshFailed(_logger, e);
        }
    }

    /// <summary>A cheap fingerprint of everything the snapshot is built from.</summary>
    private static async Task<string> VersionAsync(ZaitakuDb db, CancellationToken cancellationToken)
    {
        var authorities = await db.DeviceAuthorities.IgnoreQueryFilters().CountAsync(cancellationToken);
        var revoked = db.DeviceCertificates.IgnoreQueryFilters().Where(c => c.RevokedAt != null);
        var revokedCount = await revoked.CountAsync(cancellationToken);
        var lastRevoked = await revoked.MaxAsync(c => c.RevokedAt, cancellationToken);
        var rules = await db.ComplianceSettings.IgnoreQueryFilters().MaxAsync(c => (DateTimeOffset?)c.UpdatedAt, cancellationToken);
        var inactive = await db.Tenants.Where(t => !t.Active).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        return $"{authorities}|{revokedCount}|{lastRevoked?.UtcTicks}|{rules?.UtcTicks}|{string.Join(',', inactive)}";
    }

    private async Task<Snapshot> BuildAsync(ZaitakuDb db, string version, CancellationToken cancellationToken)
    {
        var served = _options.Value.TenantCodes;
        var tenants = await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Code, t.Active }).ToListAsync(cancellationToken);
        var codes = tenants.ToDictionary(t => t.Id, t => t.Code);
        var authorities = await db.DeviceAuthorities.IgnoreQueryFilters().AsNoTracking()
            .Select(a => new { a.TenantId, a.CertificateDer, a.SubjectKey }).ToListAsync(cancellationToken);
        var revoked = (await db.DeviceCertificates.IgnoreQueryFilters().AsNoTracking().Where(c => c.RevokedAt != null)
            .Select(c => new { c.TenantId, c.SerialNumber }).ToListAsync(cancellationToken)).ToLookup(c => c.TenantId, c => c.SerialNumber);
        var rules = await db.ComplianceSettings.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(c => c.TenantId, cancellationToken);
        var byIssuer = new Dictionary<string, TenantTrust>(StringComparer.Ordinal);
        foreach (var authority in authorities)
        {
            var code = codes.GetValueOrDefault(authority.TenantId, "");
            if (served.Count > 0 && !served.Contains(code)) continue;
            using var certificate = X509CertificateLoader.LoadCertificate(authority.CertificateDer);
            var validator = new DeviceCertificateValidator(certificate, RevokedSerialSet.From(revoked[authority.TenantId]));
            byIssuer[authority.SubjectKey] = new TenantTrust(authority.TenantId, code, validator,
                rules.TryGetValue(authority.TenantId, out var r) ? r.ToRules() : ComplianceRules.Default);
        }
        return new Snapshot(byIssuer.ToFrozenDictionary(StringComparer.Ordinal), tenants.Where(t => !t.Active).Select(t => t.Id).ToFrozenSet(), version);
    }

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Re-reading the device trust failed; the previous picture stays")]
    private static partial void LogTrustRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Device trust rebuilt: {Authorities} tenant CA(s), version {Version}")]
    private static partial void LogTrustRebuilt(ILogger logger, int authorities, string version);
}
