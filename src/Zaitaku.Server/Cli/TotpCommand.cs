using System.CommandLine;
using Zaitaku.Identity;

namespace Zaitaku.Server.Cli;

internal static class TotpCommand
{
    public static Command Create()
    {
        var secret = new Option<string>("--secret") { Description = "Base32のTOTPシークレット / the base32 TOTP secret", Required = true };
        var code = new Command("code", "現在の確認コードを表示します（デモ・試験用） / print the current one-time code (for the demo and tests)") { secret };
        code.SetAction(parse =>
        {
            byte[] key;
            try
            {
                key = Base32.Decode(parse.GetValue(secret)!);
            }
            catch (FormatException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"--secret: {e.Message}");
                return 2;
            }
            parse.InvocationConfiguration.Output.WriteLine(Totp.Code(key, TimeProvider.System.GetUtcNow()));
            return 0;
        });
        return new Command("totp", "ワンタイムパスワード / one-time codes") { code };
    }
}
