using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Zaitaku.Web.Security;

namespace Zaitaku.Web.Accounts;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Sign-out needs a valid antiforgery token (the form binding asks for it), so no other site can sign a user out.
        app.MapPost("/logout", async (HttpContext http, IFormCollection form, SignInService signIn, Work.PresenceConnections boards) =>
        {
            if (http.User.GetSessionId() is { } sessionId)
            {
                await signIn.EndSessionAsync(sessionId, "signout");
                boards.End([sessionId]);
            }
            await http.SignOutAsync(Policies.ConsoleScheme);
            return Results.Redirect("/login");
        }).RequireAuthorization(Policies.Enrolment).ExcludeFromDescription();

        // The language switch is open to everyone: the sign-in page offers it.
        app.MapGet("/culture", (HttpContext http, string? lang, string? @return) =>
        {
            var culture = lang == "en" ? "en-US" : "ja-JP";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            return Results.LocalRedirect(LocalUrl.OrHome(@return));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
