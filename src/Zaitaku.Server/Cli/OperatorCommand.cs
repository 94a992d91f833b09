using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Identity;
using Zaitaku.Server.Hosting;
using Zaitaku.Web.Accounts;

namespace Zaitaku.Server.Cli;

internal static class OperatorCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var login = new Option<string>("--login") { Description = "ユーザーID / sign-in ID", Required = true };
        var name = new Option<string?>("--name") { Description = "氏名 / display name" };
        var add = new Command("add", "都道府県の運用担当アカウントを作成し、仮パスワードとTOTPシークレットを表示します / create a prefecture operator; prints a temporary password and TOTP secret") { login, name };
        common.AddTo(add);
        add.SetAction(async (parse, cancellationToken) =>
        {
            var (settings, error) = common.Database(parse);
            if (settings is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(error);
                return 2;
            }
            var id = parse.GetValue(login)!.Trim();
            if (id.Length is 0 or > 64 || id.Any(char.IsWhiteSpace))
            {
                parse.InvocationConfiguration.Error.WriteLine("--login: 空白なしの64文字以内にしてください / up to 64 characters without spaces");
                return 2;
            }
            await using var app = ConsoleHost.Build(common.Server(parse, settings) with { LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning });
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var secrets = scope.ServiceProvider.GetRequiredService<TotpSecrets>();
            db.TenantScope.SetActor(null, "zaitaku operator add");
            var secret = Totp.NewSecret();
            var password = PasswordPolicy.GenerateTemporary();
            var account = new UserAccount
            {
                Id = Guid.NewGuid(), UserName = UserAccount.UserNameFor(null, id), LoginId = id, IsOperator = true,
                DisplayName = parse.GetValue(name) ?? id, CreatedAt = TimeProvider.System.GetUtcNow(), TotpSecretProtected = secrets.Protect(secret),
            };
            var result = await users.CreateAsync(account, password);
            if (!result.Succeeded)
            {
                parse.InvocationConfiguration.Error.WriteLine(string.Join(Environment.NewLine, result.Errors.Select(e => $"--login: {e.Description}")));
                return 2;
            }
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"operator:           {id}（自治体コードは空欄 / leave the municipality code empty）");
            output.WriteLine($"temporary password: {password}");
            output.WriteLine($"TOTP secret:        {Base32.Encode(secret)}");
            output.WriteLine(Totp.ProvisioningUri("Zaitaku", $"pref/{id}", secret));
            return 0;
        });
        return new Command("operator", "都道府県の運用担当 / prefecture operators") { add };
    }
}
