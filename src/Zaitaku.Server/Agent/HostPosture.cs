using System.Diagnostics;
using System.Text.RegularExpressions;
using Zaitaku.Devices.Posture;

namespace Zaitaku.Server.Agent;

/// <summary>
/// What the reference agent can read about a Linux host without extra software: the OS version,
/// ClamAV's definitions date, whether the root file system sits on dm-crypt, whether user folders hold
/// files. What it cannot know it reports conservatively (a value that fails the rule) and says so in
/// <see cref="Notes"/>, so a template never makes a PC look better than it is.
/// </summary>
internal sealed partial class HostPosture
{
    /// <summary>The reference agent's version.</summary>
    public const string AgentVersion = "1.0.0";

    private readonly string _root;

    /// <param name="root">The file-system root to read (a test passes a prepared folder).</param>
    public HostPosture(string root = "/") => _root = root;

    /// <summary>What was guessed or could not be read, for the operator.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>The report of this host at <paramref name="now"/>.</summary>
    public PostureReport Read(DateTimeOffset now, string? home = null) => new()
    {
        OsBuild = OsBuild(),
        AntivirusDefinitionsDate = AntivirusDefinitions(),
        DiskEncrypted = RootOnDmCrypt(),
        UserDataStoredLocally = UserData(home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)),
        ScreenCaptureBlocked = ScreenCapture(),
        AgentVersion = AgentVersion,
        ReportedAt = now,
    };

    private string OsBuild()
    {
        var release = Path.Combine(_root, "etc/os-release");
        if (File.Exists(release))
        {
            foreach (var line in File.ReadLines(release))
            {
                if (!line.StartsWith("VERSION_ID=", StringComparison.Ordinal)) continue;
                var value = line["VERSION_ID=".Length..].Trim('"', '\'');
                if (DottedVersion.IsValid(value)) return value;
            }
        }
        var kernel = Path.Combine(_root, "proc/sys/kernel/osrelease");
        if (File.Exists(kernel) && LeadingVersion().Match(File.ReadAllText(kernel)) is { Success: true } match && DottedVersion.IsValid(match.Value)) return match.Value;
        Notes.Add("OSの版を読めないため 0 を報告します / cannot read the OS version; reporting 0");
        return "0";
    }

    private DateOnly AntivirusDefinitions()
    {
        var folder = Path.Combine(_root, "var/lib/clamav");
        var files = new[] { "daily.cld", "daily.cvd", "daily.cud" }.Select(f => Path.Combine(folder, f)).Where(File.Exists).ToList();
        if (files.Count > 0) return JapanTime.DateOf(files.Max(f => new DateTimeOffset(File.GetLastWriteTimeUtc(f), TimeSpan.Zero)));
        Notes.Add("ウイルス定義ファイル（ClamAV /var/lib/clamav）が見つからないため 1970-01-01 を報告します / no antivirus definitions found; reporting 1970-01-01");
        return new DateOnly(1970, 1, 1);
    }

    private bool RootOnDmCrypt()
    {
        var mounts = Path.Combine(_root, "proc/self/mounts");
        var source = File.Exists(mounts)
            ? File.ReadLines(mounts).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length > 2 && p[1] == "/")?[0]
            : null;
        if (source is null || !source.StartsWith("/dev/", StringComparison.Ordinal))
        {
            Notes.Add("ルートファイルシステムの装置がわからないため、暗号化なしと報告します / cannot tell the root device; reporting not encrypted");
            return false;
        }
        var types = Run("lsblk", "-s", "-n", "-o", "TYPE", source);
        if (types is null)
        {
            Notes.Add("lsblk を実行できないため、暗号化なしと報告します / lsblk is not available; reporting not encrypted");
            return false;
        }
        return types.Split('\n').Any(t => t.Trim() == "crypt");
    }

    private bool UserData(string home)
    {
        foreach (var folder in new[] { "Documents", "Desktop", "Downloads", "ドキュメント", "デスクトップ", "ダウンロード" })
        {
            var path = Path.Combine(home, folder);
            if (Directory.Exists(path) && Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden }).Any())
                return true;
        }
        return false;
    }

    private bool ScreenCapture()
    {
        Notes.Add("Linux には画面キャプチャを禁止する標準の設定がないため、禁止なしと報告します / Linux has no standard screen-capture block; reporting not blocked");
        return false;
    }

    private static string? Run(string file, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit(5000);
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+){0,3}")]
    private static partial Regex LeadingVersion();
}
