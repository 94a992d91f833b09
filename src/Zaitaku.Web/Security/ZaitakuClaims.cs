using System.Security.Claims;
using Zaitaku.Organization;

namespace Zaitaku.Web.Security;

/// <summary>The claims of a signed-in console user or API token.</summary>
public static class ZaitakuClaims
{
    public const string UserId = "zt:uid";
    public const string TenantId = "zt:tenant";
    public const string TenantCode = "zt:tenant_code";
    public const string TenantName = "zt:tenant_name";
    public const string SessionId = "zt:sid";
    public const string Role = "zt:role";
    public const string Section = "zt:section";
    public const string StaffId = "zt:staff";
    public const string SecondFactor = "zt:mfa";
    public const string SecondFactorRequired = "zt:mfa_required";
    public const string Operator = "zt:operator";
    public const string Scope = "zt:scope";
    public const string TokenId = "zt:token";
    public const string Login = "zt:login";

    /// <summary>The actor as the audit trail names it: sign-in ID and name (e.g. <c>10027 佐藤 花子</c>), or the API token's name.</summary>
    public static string ActorName(this ClaimsPrincipal user) =>
        user.FindFirstValue(Login) is { } login ? $"{login} {user.Identity?.Name}" : user.Identity?.Name ?? "";

    public static Guid? GetUserId(this ClaimsPrincipal user) => GuidClaim(user, UserId);

    public static Guid? GetTenantId(this ClaimsPrincipal user) => GuidClaim(user, TenantId);

    public static Guid? GetSessionId(this ClaimsPrincipal user) => GuidClaim(user, SessionId);

    public static Guid? GetStaffId(this ClaimsPrincipal user) => GuidClaim(user, StaffId);

    public static string? GetTenantName(this ClaimsPrincipal user) => user.FindFirstValue(TenantName);

    public static string? GetTenantCode(this ClaimsPrincipal user) => user.FindFirstValue(TenantCode);

    public static bool IsOperator(this ClaimsPrincipal user) => user.HasClaim(Operator, "1");

    public static bool HasRole(this ClaimsPrincipal user, Role role) => user.HasClaim(Role, role.ToString());

    public static IEnumerable<Role> GetRoles(this ClaimsPrincipal user) =>
        user.FindAll(Role).Select(c => Enum.TryParse<Role>(c.Value, out var r) ? r : (Role?)null).OfType<Role>();

    /// <summary>The sections a section head heads.</summary>
    public static IReadOnlySet<Guid> HeadedSections(this ClaimsPrincipal user) =>
        user.FindAll(Section).Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToHashSet();

    private static Guid? GuidClaim(ClaimsPrincipal user, string type) =>
        Guid.TryParse(user.FindFirstValue(type), out var id) ? id : null;
}
