using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;

namespace Zaitaku.Web.Security;

/// <summary>
/// API tokens: <c>Authorization: Bearer zt_{id}_{secret}</c>. The id finds the token; the secret is
/// compared by its SHA-256 in constant time. A revoked or expired token, or one of a switched-off
/// tenant, is refused.
/// </summary>
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ZaitakuDb db,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Prefix = "zt_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        if (!TryParse(header["Bearer ".Length..].Trim(), out var tokenId, out var secret))
            return AuthenticateResult.Fail("malformed token");

        var token = await db.ApiTokens.IgnoreQueryFilters().SingleOrDefaultAsync(t => t.Id == tokenId, Context.RequestAborted);
        var now = time.GetUtcNow();
        if (token is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.SecretHash), Encoding.ASCII.GetBytes(HashSecret(secret)))
            || !token.IsUsable(now)
            || !await db.Tenants.AnyAsync(t => t.Id == token.TenantId && t.Active, Context.RequestAborted))
        {
            return AuthenticateResult.Fail("invalid token");
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            db.TenantScope.SetTenant(token.TenantId);
            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, $"API: {token.Name}"),
            new(ZaitakuClaims.TenantId, token.TenantId.ToString()),
            new(ZaitakuClaims.TokenId, token.Id.ToString()),
        };
        claims.AddRange(token.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ZaitakuClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    /// <summary>A new token: the text shown once, and the record to store.</summary>
    public static (string Token, ApiToken Record) Create(Guid tenantId, string name, IEnumerable<string> scopes, Guid createdBy, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        var id = Guid.NewGuid();
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var token = $"{Prefix}{id:N}_{secret}";
        return (token, new ApiToken
        {
            Id = id,
            TenantId = tenantId,
            Name = name,
            Scopes = string.Join(' ', scopes),
            SecretHash = HashSecret(secret),
            Prefix = token[..11],
            CreatedAt = now,
            CreatedBy = createdBy,
            ExpiresAt = expiresAt,
        });
    }

    private static bool TryParse(string token, out Guid id, out string secret)
    {
        id = Guid.Empty;
        secret = "";
        if (!token.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = token[Prefix.Length..].Split('_');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out id) || parts[1].Length != 64) return false;
        secret = parts[1];
        return true;
    }

    private static string HashSecret(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));
}
