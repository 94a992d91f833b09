using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Tenancy;
using Zaitaku.Web.Accounts;

namespace Zaitaku.Web.Security;

internal static class SecuritySetup
{
    public static IServiceCollection AddZaitakuSecurity(this IServiceCollection services)
    {
        services.AddOptions<ConsoleOptions>().BindConfiguration("Console");
        services.AddZaitakuAccounts();
        services.AddScoped<SignInService>();
        services.AddScoped<AccountAdmin>();

        services.AddAuthentication(Policies.ConsoleScheme)
            .AddCookie(Policies.ConsoleScheme, cookie =>
            {
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.Path = "/";
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.AccessDeniedPath = "/forbidden";
                cookie.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = ValidateSessionAsync,
                    OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden),
                };
            })
            .AddCookie(Policies.SecondFactorScheme, cookie =>
            {
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.Path = "/";
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                cookie.SlidingExpiration = false;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(Policies.ApiScheme, null);
        services.TryAddSingleton(new CookieSecurity(Secure: true));
        services.AddOptions<CookieAuthenticationOptions>(Policies.ConsoleScheme).Configure<IOptions<ConsoleOptions>, CookieSecurity>((cookie, console, security) =>
        {
            cookie.ExpireTimeSpan = console.Value.IdleTimeout;
            security.Apply(cookie.Cookie, "zaitaku");
        });
        services.AddOptions<CookieAuthenticationOptions>(Policies.SecondFactorScheme).Configure<CookieSecurity>((cookie, security) =>
            security.Apply(cookie.Cookie, "zaitaku-2fa"));
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>().Configure<CookieSecurity>((antiforgery, security) =>
            security.Apply(antiforgery.Cookie, "zaitaku-af"));

        services.AddAuthorization(Policies.Configure);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ConsoleAuthorizationResults>();
        return services;
    }

    /// <summary>Every request: the session must still be live; the principal is rebuilt with current roles.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInService>();
        var principal = context.Principal is null ? null : await signIn.ValidateAsync(context.Principal, context.HttpContext.RequestAborted);
        if (principal is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Policies.ConsoleScheme);
            return;
        }
        context.ReplacePrincipal(principal);
        BindTenant(context.HttpContext, principal);
    }

    /// <summary>Sets the unit of work's tenant and actor from the authenticated principal.</summary>
    public static void BindTenant(HttpContext http, ClaimsPrincipal principal)
    {
        var scope = http.RequestServices.GetRequiredService<TenantContext>();
        scope.SetTenant(principal.GetTenantId());
        scope.SetActor(principal.GetUserId(), principal.ActorName());
        scope.IpAddress = http.Connection.RemoteIpAddress?.ToString() ?? "";
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");
}

/// <summary>
/// Sends a signed-in user who must enrol a second factor to enrolment instead of a bare 403, and
/// answers API callers with status codes instead of redirects.
/// </summary>
internal sealed class ConsoleAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && !SecuritySetup.IsApi(context.Request)
            && context.User.HasClaim(ZaitakuClaims.SecondFactorRequired, "1")
            && !context.User.HasClaim(ZaitakuClaims.SecondFactor, "1"))
        {
            context.Response.Redirect("/account/mfa");
            return Task.CompletedTask;
        }
        if (authorizeResult.Succeeded && context.User.Identity?.AuthenticationType == Policies.ApiScheme)
            SecuritySetup.BindTenant(context, context.User);
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>
/// Cookie hardening. Over HTTPS (the console's normal case) cookies are Secure and carry the
/// <c>__Host-</c> prefix, which browsers bind to the exact host. The demo and tests serve plain HTTP on
/// loopback, where a Secure cookie would not come back, so there the names lose the prefix.
/// </summary>
public sealed record CookieSecurity(bool Secure)
{
    public void Apply(CookieBuilder cookie, string name)
    {
        cookie.Name = Secure ? $"__Host-{name}" : name;
        cookie.SecurePolicy = Secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        cookie.Path = "/";
    }
}
