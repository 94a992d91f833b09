using System.Globalization;

namespace Zaitaku.Core.Tests.Work.Calendar;

/// <summary>
/// The Cabinet Office's list as committed in the source tree, read here with a parser of its own
/// so that the calendar is checked against the file, not against itself.
/// </summary>
internal static class OfficialList
{
    public const int FirstYear = 1955;
    public const int LastYear = 2027;

    private static readonly Lazy<IReadOnlyDictionary<DateOnly, string>> Rows = new(Load);

    public static string Path { get; } = System.IO.Path.Combine(RepositoryRoot(), "src", "Zaitaku.Core", "Work", "Calendar", "syukujitsu.csv");

    public static IReadOnlyDictionary<DateOnly, string> All => Rows.Value;

    public static IEnumerable<KeyValuePair<DateOnly, string>> InYear(int year) =>
        All.Where(row => row.Key.Year == year).OrderBy(row => row.Key);

    public static TheoryData<int> Years(int from, int to)
    {
        var data = new TheoryData<int>();
        for (var year = from; year <= to; year++) data.Add(year);
        return data;
    }

    private static Dictionary<DateOnly, string> Load()
    {
        var lines = File.ReadAllLines(Path);
        Assert.Equal("国民の祝日・休日月日,国民の祝日・休日名称", lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToDictionary(
            parts => DateOnly.ParseExact(parts[0], "yyyy/M/d", CultureInfo.InvariantCulture),
            parts => parts[1]);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Zaitaku.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Zaitaku.slnx not found above " + AppContext.BaseDirectory);
    }
}
