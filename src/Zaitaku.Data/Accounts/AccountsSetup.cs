using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Zaitaku.Data.Accounts;

public static class AccountsSetup
{
    /// <summary>Identity with Zaitaku's password policy and lockout, TOTP secrets and <see cref="AccountSignIn"/>: shared by the console and the gateway.</summary>
    public static IServiceCollection AddZaitakuAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration("Accounts");
        services.AddSingleton<TotpSecrets>();
        services.AddScoped<AccountSignIn>();
        services.AddScoped<IPasswordValidator<UserAccount>, ZaitakuPasswordValidator>();
        services.AddIdentityCore<UserAccount>(identity =>
            {
                identity.User.AllowedUserNameCharacters = null!;
                identity.User.RequireUniqueEmail = false;
                // Zaitaku's own validator applies the password policy; Identity's character rules are off.
                identity.Password.RequiredLength = 1;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
                identity.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<ZaitakuDb>()
            .AddErrorDescriber<ZaitakuIdentityErrors>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountOptions>>((identity, accounts) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = accounts.Value.MaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = accounts.Value.LockoutDuration;
        });
        return services;
    }
}
