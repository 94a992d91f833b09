using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Zaitaku.Access;

namespace Zaitaku.Server.Cli;

/// <summary>
/// <c>zaitaku access explain --scenario FILE...</c>: the policy simulator. Decides each
/// scenario with the same function the gateway runs and prints one JSON line per file, in the
/// order given. Exit 0 when every file was valid, 2 otherwise.
/// </summary>
internal static class AccessCommand
{
    /// <summary>The exit code when at least one scenario file was not valid.</summary>
    public const int InvalidScenarioExitCode = 2;

    // Japanese error messages and paths stay readable in a terminal; the output is never HTML.
    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(TimeProvider? time = null)
    {
        var access = new Command("access", "アクセス判定 / the access decision");
        access.Add(CreateExplain(time ?? TimeProvider.System));
        return access;
    }

    private static Command CreateExplain(TimeProvider time)
    {
        var scenarios = new Option<string[]>("--scenario")
        {
            Description = "シナリオファイル（JSON） / scenario files (JSON)",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var explain = new Command("explain", "シナリオの要求を判定し、理由を表示します / decide each scenario's request and show why");
        explain.Add(scenarios);
        explain.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var allValid = true;
            foreach (var file in parse.GetValue(scenarios) ?? [])
            {
                var line = await ExplainAsync(file, time, cancellationToken).ConfigureAwait(false);
                allValid &= line.Valid;
                await output.WriteLineAsync(line.Json).ConfigureAwait(false);
            }

            return allValid ? 0 : InvalidScenarioExitCode;
        });
        return explain;
    }

    private static async Task<(bool Valid, string Json)> ExplainAsync(string file, TimeProvider time, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var unreadable = new LocalizedText($"ファイルを読めません（{e.Message}）", $"cannot read the file ({e.Message})");
            return (false, ErrorLine(file, unreadable.Current));
        }

        var scenario = AccessScenario.Parse(text);
        if (!scenario.IsOk) return (false, ErrorLine(file, scenario.Error!.Message.Current));

        var decision = scenario.Value.Decide(time.GetUtcNow());
        return (true, Line(file, writer =>
        {
            writer.WriteBoolean("allow", decision.Allow);
            writer.WriteStartArray("reasons");
            foreach (var reason in decision.Reasons) writer.WriteStringValue(reason.ToCode());
            writer.WriteEndArray();
        }));
    }

    private static string ErrorLine(string file, string message) => Line(file, writer => writer.WriteString("error", message));

    private static string Line(string file, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, LineOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("scenario", file);
            body(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
