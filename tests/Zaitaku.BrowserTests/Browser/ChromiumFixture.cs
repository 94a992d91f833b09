using Microsoft.Playwright;
using Zaitaku.Testing;

namespace Zaitaku.BrowserTests.Browser;

/// <summary>
/// One headless Debian Chromium for the whole run, driven by Playwright for .NET without
/// <c>playwright install</c>: the driver comes from the NuGet package, the browser from Debian.
/// Each test opens its own browser context (cookies, storage) on its own console server.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium; ./test.sh installs it.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// Flags for a quiet, offline, headless run: nothing phones home, no GPU or sandbox in containers.
    /// Hidden scrollbars keep screenshots exactly as wide as the viewport (the stylesheet reserves the gutter);
    /// the Japanese UI language gives file buttons and date fields Chromium's Japanese words (chromium-l10n).
    /// </summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--lang=ja-JP",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium was not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            // Fail, not skip: a run without the browser tests must not look green.
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}, so the browser tests cannot run. Run ./test.sh (it installs Debian's chromium and fonts-noto-cjk), or: apt-get install chromium fonts-noto-cjk");
        }
        // Auto-waiting checks get the same ceiling as actions: two shared cores can be slow, and a wait is not a timing assertion.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Arguments,
            Env = BrowserEnvironment(),
        });
    }

    /// <summary>A fresh tab in a fresh context, in Japanese and Tokyo time, 1280×1024 (a common municipal screen), with relative URLs on the server.</summary>
    public async Task<IPage> OpenAsync(ConsoleServer server)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(),
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = 1280, Height = 1024 },
        });
        return await context.NewPageAsync();
    }

    // Playwright passes only the variables given, so keep the rest of ours (PATH, HOME) beside LANGUAGE.
    private static Dictionary<string, string> BrowserEnvironment()
    {
        var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        env["LANGUAGE"] = "ja";
        return env;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Every browser test shares one Chromium and runs one at a time (the machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}
