using System.CommandLine;
using Zaitaku.Server.Hosting;

namespace Zaitaku.Server.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var command = new Command("migrate", "データベースを最新の構造にします / bring the database schema up to date");
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (settings, error) = common.Database(parse);
            if (settings is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(error);
                return 2;
            }
            await DatabaseSetup.MigrateAsync(settings, TimeProvider.System, cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine($"migrated: {settings}");
            return 0;
        });
        return command;
    }
}
