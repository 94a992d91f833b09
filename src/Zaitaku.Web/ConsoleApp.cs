using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Web.Accounts;
using Zaitaku.Web.Operations;
using Zaitaku.Web.Security;

namespace Zaitaku.Web;

/// <summary>The console face: pages for staff, managers, IT, HR and auditors, and /api/v1.</summary>
public static class ConsoleApp
{
    public static IServiceCollection AddZaitakuConsole(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Japanese text is written as characters, not as numeric character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(options => options.Cookie.SameSite = SameSiteMode.Strict);
        services.AddZaitakuSecurity();
        services.AddProblemDetails();
        services.AddZaitakuApi();
        services.AddZaitakuFeatures();
        services.AddHealthChecks().AddDbContextCheck<Data.ZaitakuDb>("database", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapZaitakuConsole(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Localization.Tx.Japanese),
            SupportedCultures = [Localization.Tx.Japanese, Localization.Tx.English],
            SupportedUICultures = [Localization.Tx.Japanese, Localization.Tx.English],
            RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()],
        });
        // A page request that ends in an error without a body gets a Japanese page saying why; API callers get the bare status.
        app.UseWhen(
            context => HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = EmbeddedAssets.FileProvider,
            RequestPath = EmbeddedAssets.RequestPath,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOperations();
        app.MapAccountEndpoints();
        app.MapZaitakuApi();
        app.MapFeatureEndpoints();
        app.MapRazorComponents<Components.App>();
        return app;
    }
}
