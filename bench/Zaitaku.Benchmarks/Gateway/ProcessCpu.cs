using System.Globalization;

namespace Zaitaku.Benchmarks.Gateway;

/// <summary>CPU time from Linux's /proc: of a process with all its descendants (nginx's master and workers), and of the whole machine.</summary>
internal static class ProcessCpu
{
    /// <summary>USER_HZ: /proc counts CPU time in these ticks (100 on every Linux that .NET runs on).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User + system time of the process and every live descendant; zero where /proc is missing.</summary>
    public static TimeSpan OfTree(int rootId)
    {
        if (!Directory.Exists("/proc")) return TimeSpan.Zero;
        var stats = new List<(int Id, int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) continue;
            if (Read(id) is { } stat) stats.Add((id, stat.Parent, stat.Ticks));
        }
        var tree = new HashSet<int> { rootId };
        // Parents before children is not guaranteed by pid order, so widen until nothing new joins.
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (id, parent, _) in stats)
            {
                if (tree.Contains(parent) && tree.Add(id)) grew = true;
            }
        }
        var ticks = stats.Where(s => tree.Contains(s.Id)).Sum(s => s.Ticks);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>Parent id and utime + stime of one process, or null when it is gone.</summary>
    private static (int Parent, long Ticks)? Read(int id)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{id}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // "pid (comm) state ppid ... utime stime": comm may hold spaces and parentheses, so count from the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    /// <summary>Busy and total ticks of all CPUs, to show how loaded the machine was.</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        if (!File.Exists("/proc/stat")) return (0, 1);
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
