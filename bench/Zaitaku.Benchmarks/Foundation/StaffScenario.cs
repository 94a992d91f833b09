using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Server.Hosting;
using Zaitaku.Web.Accounts;
using Zaitaku.Web.Security;

namespace Zaitaku.Benchmarks.Foundation;

/// <summary>
/// Issue 2's figures: importing N staff rows through the API on SQLite (upload to committed), and the
/// staff list page's latency for kana-prefix searches with N staff, signed in as HR through the pages.
/// </summary>
internal static partial class StaffScenario
{
    private const string Password = "Bench-Passw0rd-Zaitaku";

    public static async Task RunAsync(int rows, int requests, string? connection)
    {
        var folder = Directory.CreateTempSubdirectory("zaitaku-bench-").FullName;
        var database = connection is null ? DatabaseSettings.SqliteIn(folder) : DatabaseSettings.Parse(connection);
        await DatabaseSetup.MigrateAsync(database, TimeProvider.System);
        await using var app = ConsoleHost.Build(new ServerOptions { Database = database, ConsoleUrl = "http://127.0.0.1:0", LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var (token, totp) = await SeedAsync(app.Services);
        using var api = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var csv = Generate(rows);
        Console.WriteLine($"database: {database.Provider}; file: {rows:N0} rows, {csv.Length / 1024.0 / 1024.0:F1} MB (CSV, Shift_JIS)");
        var first = await ImportAsync(api, csv);
        Console.WriteLine($"import {rows:N0} new staff (upload → committed): {first.TotalSeconds:F2} s");
        var again = await ImportAsync(api, csv);
        Console.WriteLine($"import the same file again (all unchanged):   {again.TotalSeconds:F2} s");

        using var browser = await SignInAsync(address, totp);
        string[] prefixes = ["さ", "たか", "やま", "すず", "いと", "わた", "なか", "こば", "かと", "よし", "ヤマ", "サト", "はせ", "まつ", "いの"];
        foreach (var p in prefixes.Take(3)) await browser.GetStringAsync($"/staff?q={Uri.EscapeDataString(p)}");
        var samples = new List<double>(requests);
        var random = new Random(1);
        for (var i = 0; i < requests; i++)
        {
            var prefix = prefixes[random.Next(prefixes.Length)];
            var started = Stopwatch.GetTimestamp();
            using var response = await browser.GetAsync($"/staff?q={Uri.EscapeDataString(prefix)}&page={random.Next(1, 4)}");
            var body = await response.Content.ReadAsStringAsync();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains("data-testid=\"staff-table\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"/staff?q={prefix} answered {response.StatusCode} without the table");
        }
        samples.Sort();
        Console.WriteLine($"staff list, kana-prefix search, {rows:N0} staff, {requests} requests: " +
            $"p50 {Scenarios.Percentile(samples, 50):F1} ms, p95 {Scenarios.Percentile(samples, 95):F1} ms, p99 {Scenarios.Percentile(samples, 99):F1} ms, max {samples[^1]:F1} ms");
        await app.StopAsync();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    private static async Task<TimeSpan> ImportAsync(HttpClient api, byte[] csv)
    {
        var started = Stopwatch.GetTimestamp();
        using var body = new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "staff.csv" } };
        using var response = await api.PostAsync("/api/v1/staff/import?commit=true", body);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !text.Contains("\"committed\":true", StringComparison.Ordinal))
            throw new InvalidOperationException($"import failed: {response.StatusCode} {text[..Math.Min(500, text.Length)]}");
        return elapsed;
    }

    /// <summary>A staff list of N rows in 50 sections, with names drawn from common Japanese names, in Shift_JIS.</summary>
    private static byte[] Generate(int rows)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var random = new Random(42);
        var text = new StringBuilder("職員番号,姓,名,姓（かな）,名（かな）,メールアドレス,雇用区分,所属コード,役職,任用開始日,任用終了日\r\n");
        string[] employment = ["正規", "正規", "正規", "会計年度任用", "条件付採用", "再任用"];
        for (var i = 0; i < rows; i++)
        {
            var family = Names.Family[random.Next(Names.Family.Length)];
            var given = Names.Given[random.Next(Names.Given.Length)];
            text.Append(CultureInvariant($"{100000 + i},{family.Kanji},{given.Kanji},{family.Kana},{given.Kana},s{100000 + i}@bench.lg.jp,{employment[random.Next(employment.Length)]},S{random.Next(50):D2},主事,2020-04-01,\r\n"));
        }
        return Encoding.GetEncoding(932).GetBytes(text.ToString());
    }

    private static string CultureInvariant(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(string Token, byte[] Totp)> SeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var secrets = scope.ServiceProvider.GetRequiredService<TotpSecrets>();
        var tenant = new Tenant { Id = Guid.NewGuid(), Code = "139999", Name = "ベンチ市", CreatedAt = DateTimeOffset.UtcNow };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        db.TenantScope.SetTenant(tenant.Id);
        var department = new OrgUnit { Id = Guid.NewGuid(), Code = "D", Name = "ベンチ部", Kind = OrgUnitKind.Department };
        db.OrgUnits.Add(department);
        for (var s = 0; s < 50; s++)
            db.OrgUnits.Add(new OrgUnit { Id = Guid.NewGuid(), Code = $"S{s:D2}", Name = $"第{s + 1}課", Kind = OrgUnitKind.Section, ParentId = department.Id, SortOrder = s });
        var totp = Totp.NewSecret();
        var hr = new UserAccount
        {
            Id = Guid.NewGuid(), TenantId = tenant.Id, UserName = UserAccount.UserNameFor(tenant.Code, "hr"), LoginId = "hr", DisplayName = "人事 担当",
            CreatedAt = DateTimeOffset.UtcNow, TotpSecretProtected = secrets.Protect(totp),
        };
        await users.CreateAsync(hr, Password);
        db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = hr.Id, Role = Role.HrAdmin });
        var (token, record) = ApiTokenAuthentication.Create(tenant.Id, "bench", ApiScopes.All, hr.Id, DateTimeOffset.UtcNow, null);
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync();
        return (token, totp);
    }

    private static async Task<HttpClient> SignInAsync(Uri address, byte[] totp)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address };
        async Task<string> PostAsync(string path, Dictionary<string, string> fields)
        {
            var page = await client.GetStringAsync(path);
            fields["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value;
            using var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
            return response.RequestMessage!.RequestUri!.AbsolutePath;
        }
        await PostAsync("/login", new() { ["_handler"] = "signin", ["Input.TenantCode"] = "139999", ["Input.LoginId"] = "hr", ["Input.Password"] = Password });
        var landed = await PostAsync("/login/otp", new() { ["_handler"] = "otp", ["Code"] = Totp.Code(totp, DateTimeOffset.UtcNow) });
        if (landed != "/") throw new InvalidOperationException($"sign-in ended at {landed}");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Common family and given names with readings, for generated staff lists.</summary>
internal static class Names
{
    public static readonly (string Kanji, string Kana)[] Family =
    [
        ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"), ("伊藤", "いとう"), ("渡辺", "わたなべ"), ("山本", "やまもと"),
        ("中村", "なかむら"), ("小林", "こばやし"), ("加藤", "かとう"), ("吉田", "よしだ"), ("山田", "やまだ"), ("佐々木", "ささき"), ("山口", "やまぐち"),
        ("松本", "まつもと"), ("井上", "いのうえ"), ("木村", "きむら"), ("林", "はやし"), ("斎藤", "さいとう"), ("清水", "しみず"), ("山崎", "やまざき"),
        ("森", "もり"), ("池田", "いけだ"), ("橋本", "はしもと"), ("阿部", "あべ"), ("石川", "いしかわ"), ("山下", "やました"), ("中島", "なかじま"),
        ("石井", "いしい"), ("小川", "おがわ"), ("前田", "まえだ"), ("岡田", "おかだ"), ("長谷川", "はせがわ"), ("藤田", "ふじた"), ("後藤", "ごとう"),
        ("近藤", "こんどう"), ("村上", "むらかみ"), ("遠藤", "えんどう"), ("青木", "あおき"), ("坂本", "さかもと"), ("松田", "まつだ"), ("松井", "まつい"),
    ];

    public static readonly (string Kanji, string Kana)[] Given =
    [
        ("翔太", "しょうた"), ("大輔", "だいすけ"), ("健太", "けんた"), ("拓也", "たくや"), ("直樹", "なおき"), ("陽子", "ようこ"), ("美穂", "みほ"),
        ("恵子", "けいこ"), ("由美", "ゆみ"), ("智子", "ともこ"), ("蓮", "れん"), ("結衣", "ゆい"), ("陽菜", "ひな"), ("湊", "みなと"), ("さくら", "さくら"),
        ("誠", "まこと"), ("隆", "たかし"), ("彩", "あや"), ("愛", "あい"), ("亮", "りょう"),
    ];
}
