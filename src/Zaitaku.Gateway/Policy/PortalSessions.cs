using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Zaitaku.Data;

namespace Zaitaku.Gateway.Policy;

/// <summary>
/// Portal sessions as the gateway sees them: the cookie names a session of the tenant's policy (so a
/// session ended anywhere — sign-out, end of the workday, a revoked PC, a deactivated staff member — is
/// gone from every node with the next policy), the idle timeout is kept in memory, and the last activity
/// is written back now and then so other nodes see it too.
/// </summary>
internal sealed class PortalSessions(IDataProtectionProvider protection, TimeProvider time, IServiceScopeFactory scopes) : BackgroundService
{
    public const string CookieName = "__Host-zaitaku-gw";

    private readonly IDataProtector _protector = protection.CreateProtector("Zaitaku.Gateway.PortalSession.v1");
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastSeen = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _touched = new();

    /// <summary>
    /// The live session of the request's cookie, or null (none, forged, ended, idle, past its end, or
    /// issued to another PC: the cookie is bound to the certificate it was signed in with).
    /// </summary>
    public PortalSession? Find(HttpContext context, TenantPolicy policy, string certificateSerial)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || value is null) return null;
        if (SessionIdOf(context, value, certificateSerial) is not { } id) return null;
        // Whether the session is still live is read from the current policy on every request, cached id or not.
        if (!policy.Sessions.TryGetValue(id, out var session)) return null;
        var now = time.GetUtcNow();
        if (now >= session.ExpiresAt) return null;
        var last = _lastSeen.GetOrAdd(id, session.LastSeenAt);
        if (session.LastSeenAt > last) last = session.LastSeenAt;
        if (now - last > session.IdleTimeout) return null;
        _lastSeen[id] = now;
        _touched[id] = now;
        return session;
    }

    /// <summary>
    /// The session id the cookie names for this certificate, or null. The cookie's unprotect (a key derivation,
    /// AES and HMAC) is kept for the connection: a keep-alive connection sends the same cookie on every request,
    /// and the same cookie with the same certificate always names the same id. Only the id is kept; a session
    /// ended since (sign-out, workday end, revocation) is gone from the policy and refused on its next request.
    /// </summary>
    private Guid? SessionIdOf(HttpContext context, string cookie, string certificateSerial)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items?.TryGetValue(CookieKey, out var cached) == true && cached is UnprotectedCookie known
            && string.Equals(known.Cookie, cookie, StringComparison.Ordinal) && string.Equals(known.CertificateSerial, certificateSerial, StringComparison.Ordinal))
            return known.SessionId;
        Guid id;
        try
        {
            var payload = _protector.Unprotect(cookie);
            var bar = payload.IndexOf('|');
            if (bar < 0 || !string.Equals(payload[(bar + 1)..], certificateSerial, StringComparison.Ordinal)) return null;
            id = Guid.Parse(payload.AsSpan(0, bar));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
        if (items is not null) items[CookieKey] = new UnprotectedCookie(cookie, certificateSerial, id);
        return id;
    }

    private static readonly object CookieKey = new();

    /// <summary>A cookie this connection presented, the certificate it was checked with, and the session id inside.</summary>
    private sealed record UnprotectedCookie(string Cookie, string CertificateSerial, Guid SessionId);

    public void Issue(HttpContext context, Guid sessionId, string certificateSerial)
    {
        _lastSeen[sessionId] = time.GetUtcNow();
        context.Response.Cookies.Append(CookieName, _protector.Protect($"{sessionId}|{certificateSerial}"), new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            // A browser-session cookie: the server ends the session (idle, end of the workday); a PC whose
            // clock runs ahead must not drop it early.
            IsEssential = true,
        });
    }

    public static void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Secure = true, Path = "/", SameSite = SameSiteMode.Strict, HttpOnly = true });

    /// <summary>Writes the last activity of used sessions every half minute.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        while (true)
        {
            try
            {
                if (!await timer.WaitForNextTickAsync(stoppingToken)) return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping (or disposed without a stop): not a failure of the host.
                return;
            }
            var batch = _touched.ToArray();
            foreach (var (id, _) in batch) _touched.TryRemove(id, out _);
            if (batch.Length == 0) continue;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
                foreach (var (id, seen) in batch)
                {
                    await db.SignInSessions.Where(s => s.Id == id && s.EndedAt == null && s.LastSeenAt < seen)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, seen), stoppingToken);
                }
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                // Activity is best effort: a node that loses it only ends an idle session a little early.
            }
        }
    }
}
