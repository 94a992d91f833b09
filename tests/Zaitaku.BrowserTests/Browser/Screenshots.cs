using Microsoft.Playwright;

namespace Zaitaku.BrowserTests.Browser;

/// <summary>
/// Full-page PNGs for the docs, written to <c>docs/screenshots/</c> of the repository (or to the folder
/// in ZAITAKU_SCREENSHOTS). Tests only write them; nothing reads them back.
/// </summary>
public static class Screenshots
{
    private static readonly Lazy<string> Folder = new(FindFolder);

    public static string Directory => Folder.Value;

    /// <summary>Saves the whole page as <paramref name="name"/>.png.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, name + ".png"), FullPage = true });
    }

    private static string FindFolder()
    {
        if (Environment.GetEnvironmentVariable("ZAITAKU_SCREENSHOTS") is { Length: > 0 } given) return Create(given);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zaitaku.slnx"))) return Create(Path.Combine(dir.FullName, "docs", "screenshots"));
        }
        // Run from a copy outside the repository: keep them beside the test binaries.
        return Create(Path.Combine(AppContext.BaseDirectory, "screenshots"));
    }

    private static string Create(string path) => System.IO.Directory.CreateDirectory(path).FullName;
}
