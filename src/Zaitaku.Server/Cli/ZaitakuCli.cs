using System.CommandLine;

namespace Zaitaku.Server.Cli;

/// <summary>
/// The `zaitaku` command line: one verb per file in this folder, each a static
/// <c>Create()</c> returning its <see cref="Command"/>. Verbs write through
/// <see cref="ParseResult.InvocationConfiguration"/> so tests can run them in-process.
/// </summary>
internal static class ZaitakuCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Zaitaku（在宅）— 自治体のための安全なテレワーク基盤 / secure telework for Japanese local governments");
        root.Add(DemoCommand.Create());
        root.Add(ServeCommand.Create());
        root.Add(MigrateCommand.Create());
        root.Add(AuditCommand.Create());
        root.Add(OperatorCommand.Create());
        root.Add(TotpCommand.Create());
        root.Add(CalendarCommand.Create());
        root.Add(VersionCommand.Create());
        root.Add(BudgetCommand.Create());
        root.Add(AccessCommand.Create());
        root.Add(PlanCommand.Create());
        root.Add(AgentCommand.Create());
        return root;
    }

    /// <summary>Runs the command line with the given writers (the console when null); returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration();
        if (output is not null) configuration.Output = output;
        if (error is not null) configuration.Error = error;
        return Build().Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
