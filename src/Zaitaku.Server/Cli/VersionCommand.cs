using System.CommandLine;
using System.Reflection;

namespace Zaitaku.Server.Cli;

internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "バージョンを表示します / print the version");
        command.SetAction(parse =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            parse.InvocationConfiguration.Output.WriteLine($"zaitaku {version}");
            return 0;
        });
        return command;
    }
}
