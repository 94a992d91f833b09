using System.CommandLine;
using System.Globalization;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Server.Cli;

/// <summary>
/// <c>zaitaku calendar holidays|working-days --from YYYY-MM-DD --to YYYY-MM-DD</c>: the national
/// holidays, or the working days, of a range. Bad input exits with 2 and a message naming the option.
/// </summary>
internal static class CalendarCommand
{
    private const int BadInput = 2;
    private const string DateFormat = "yyyy-MM-dd";

    public static Command Create()
    {
        var command = new Command("calendar", "祝日と勤務日 / national holidays and working days");
        command.Add(CreateHolidays());
        command.Add(CreateWorkingDays());
        return command;
    }

    private static Command CreateHolidays()
    {
        var options = new RangeOptions();
        var command = new Command("holidays", "期間内の国民の祝日・休日を「日付<TAB>名称」で1行ずつ表示します / print each national holiday in the range as date<TAB>name");
        options.AddTo(command);
        command.SetAction(parse =>
        {
            if (options.Read(parse) is not { } input) return BadInput;
            foreach (var holiday in input.Holidays.Between(input.From, input.To))
            {
                parse.InvocationConfiguration.Output.WriteLine($"{Iso(holiday.Date)}\t{holiday.Name}");
            }
            return 0;
        });
        return command;
    }

    private static Command CreateWorkingDays()
    {
        var options = new RangeOptions();
        var closures = new Option<string[]>("--closure")
        {
            Description = "団体が定めた閉庁日 YYYY-MM-DD（複数可） / a closure day of the municipality (repeatable)",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("working-days", "期間内の勤務日の数を1行目に、続けて勤務日を1行ずつ表示します / print the number of working days, then each working day");
        options.AddTo(command);
        command.Add(closures);
        command.SetAction(parse =>
        {
            if (options.Read(parse) is not { } input) return BadInput;
            var closureDays = new List<DateOnly>();
            foreach (var text in parse.GetValue(closures) ?? [])
            {
                if (!TryParseDate(text, out var day)) return Fail(parse, BadDate("--closure", text));
                closureDays.Add(day);
            }

            var days = new WorkCalendar(input.Holidays, closureDays).WorkingDays(input.From, input.To);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(days.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var day in days) output.WriteLine(Iso(day));
            return 0;
        });
        return command;
    }

    private sealed record RangeInput(DateOnly From, DateOnly To, JapaneseHolidays Holidays);

    /// <summary>--from, --to and --csv, shared by both verbs.</summary>
    private sealed class RangeOptions
    {
        private readonly Option<string> _from = new("--from") { Description = "最初の日 YYYY-MM-DD（この日を含む） / first day, included" };
        private readonly Option<string> _to = new("--to") { Description = "最後の日 YYYY-MM-DD（この日を含む） / last day, included" };
        private readonly Option<string> _csv = new("--csv")
        {
            Description = "内閣府の祝日CSV（syukujitsu.csv、Shift_JIS または UTF-8）を組み込みの一覧より優先して使います / use this Cabinet Office holiday CSV over the built-in list",
        };

        public void AddTo(Command command)
        {
            command.Add(_from);
            command.Add(_to);
            command.Add(_csv);
        }

        public RangeInput? Read(ParseResult parse)
        {
            if (ReadDate(parse, _from) is not { } from || ReadDate(parse, _to) is not { } to) return null;
            if (from > to)
            {
                Fail(parse, new(
                    $"--from（{Iso(from)}）が --to（{Iso(to)}）より後です。",
                    $"--from ({Iso(from)}) is after --to ({Iso(to)})."));
                return null;
            }

            var holidays = JapaneseHolidays.Official;
            if (parse.GetValue(_csv) is { } path)
            {
                if (!File.Exists(path))
                {
                    Fail(parse, new($"--csv のファイル「{path}」がありません。", $"--csv: the file '{path}' does not exist."));
                    return null;
                }
                using var stream = File.OpenRead(path);
                var imported = holidays.Import(stream);
                if (!imported.IsOk)
                {
                    var message = imported.Error!.Message;
                    Fail(parse, new($"--csv「{path}」を取り込めません: {message.Ja}", $"--csv: cannot import '{path}': {message.En}"));
                    return null;
                }
                holidays = imported.Value;
            }
            return new RangeInput(from, to, holidays);
        }

        private static DateOnly? ReadDate(ParseResult parse, Option<string> option)
        {
            var text = parse.GetValue(option);
            if (text is null)
            {
                Fail(parse, new($"{option.Name} を YYYY-MM-DD で指定してください。", $"{option.Name} is required (YYYY-MM-DD)."));
                return null;
            }
            if (!TryParseDate(text, out var date))
            {
                Fail(parse, BadDate(option.Name, text));
                return null;
            }
            if (date.Year is < JapaneseHolidays.FirstYear or > JapaneseHolidays.LastYear)
            {
                Fail(parse, new(
                    $"{option.Name} は {JapaneseHolidays.FirstYear}-01-01 から {JapaneseHolidays.LastYear}-12-31 までの日付にしてください（指定: {text}）。",
                    $"{option.Name} must be between {JapaneseHolidays.FirstYear}-01-01 and {JapaneseHolidays.LastYear}-12-31 (given: {text})."));
                return null;
            }
            return date;
        }
    }

    private static LocalizedText BadDate(string option, string text) => new(
        $"{option} の「{text}」は日付として読めません。YYYY-MM-DD（例: 2026-04-01）で指定してください。",
        $"{option}: '{text}' is not a date. Use YYYY-MM-DD (e.g. 2026-04-01).");

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Iso(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    // Both languages: a CLI user's locale says little about which one they read.
    private static int Fail(ParseResult parse, LocalizedText message)
    {
        parse.InvocationConfiguration.Error.WriteLine(message.Ja);
        parse.InvocationConfiguration.Error.WriteLine(message.En);
        return BadInput;
    }
}
