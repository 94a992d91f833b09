using Zaitaku.Server.Cli;

namespace Zaitaku.Server;

internal static class Program
{
    public static Task<int> Main(string[] args) => ZaitakuCli.RunAsync(args);
}
