using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Benchmarks.Foundation;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Work;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Server.Hosting;
using Zaitaku.Web.Accounts;

namespace Zaitaku.Benchmarks.Work;

/// <summary>
/// A real console on loopback with a generated municipality for the work scenarios: N staff in 50
/// sections (written in bulk), a section head of the first section, a staff member of it and HR,
/// each with a sign-in.
/// </summary>
internal sealed partial class WorkBench : IAsyncDisposable
{
    public const string Password = "Bench-Passw0rd-Zaitaku";
    public const string TenantCode = "139999";

    private readonly string _folder;

    private WorkBench(WebApplication app, Uri address, DatabaseSettings database, string folder)
    {
        App = app;
        Address = address;
        Database = database;
        _folder = folder;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public DatabaseSettings Database { get; }

    public Guid TenantId { get; private set; }

    public List<OrgUnit> Sections { get; } = [];

    /// <summary>Every generated staff member (section by section).</summary>
    public List<StaffMember> Staff { get; } = [];

    public byte[] HrTotp { get; private set; } = [];

    public static async Task<WorkBench> StartAsync(string? connection)
    {
        var folder = Directory.CreateTempSubdirectory("zaitaku-bench-").FullName;
        var database = connection is null ? DatabaseSettings.SqliteIn(folder) : DatabaseSettings.Parse(connection);
        await DatabaseSetup.MigrateAsync(database, TimeProvider.System);
        var app = ConsoleHost.Build(new ServerOptions
        {
            Database = database,
            ConsoleUrl = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            // The real hash with fewer rounds, as the tests do: seeding signs up a few accounts only.
            ConfigureServices = services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000),
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new WorkBench(app, address, database, folder);
    }

    /// <summary>The municipality: <paramref name="staff"/> staff in 50 sections, accounts for the head (head), a staff member (staff) and HR (hr).</summary>
    public async Task SeedAsync(int staff)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var secrets = scope.ServiceProvider.GetRequiredService<TotpSecrets>();
        var tenant = new Tenant { Id = Guid.NewGuid(), Code = TenantCode, Name = "ベンチ市", CreatedAt = DateTimeOffset.UtcNow };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        TenantId = tenant.Id;
        db.TenantScope.SetTenant(tenant.Id);
        var department = new OrgUnit { Id = Guid.NewGuid(), Code = "D", Name = "ベンチ部", Kind = OrgUnitKind.Department };
        db.OrgUnits.Add(department);
        for (var s = 0; s < 50; s++)
        {
            var section = new OrgUnit { Id = Guid.NewGuid(), Code = $"S{s:D2}", Name = $"第{s + 1}課", Kind = OrgUnitKind.Section, ParentId = department.Id, SortOrder = s };
            Sections.Add(section);
            db.OrgUnits.Add(section);
        }
        await db.SaveChangesAsync();

        var random = new Random(42);
        for (var i = 0; i < staff; i++)
        {
            var family = Names.Family[random.Next(Names.Family.Length)];
            var given = Names.Given[random.Next(Names.Given.Length)];
            var member = new StaffMember
            {
                Id = Guid.NewGuid(), TenantId = tenant.Id, StaffNumber = (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                FamilyName = family.Kanji, GivenName = given.Kanji, FamilyNameKana = family.Kana, GivenNameKana = given.Kana,
                Employment = EmploymentType.Regular, SectionId = Sections[i * 50 / staff].Id, Position = "主事", ActiveFrom = new DateOnly(2020, 4, 1),
            };
            member.RefreshSearchKeys();
            Staff.Add(member);
        }
        db.AddMany(Staff);
        await db.SaveChangesAsync();

        await AccountAsync(db, users, "head", Staff[0], Role.SectionHead, Sections[0].Id, null);
        await AccountAsync(db, users, "staff", Staff[1], Role.Staff, null, null);
        HrTotp = Totp.NewSecret();
        await AccountAsync(db, users, "hr", null, Role.HrAdmin, null, secrets.Protect(HrTotp));
        await db.SaveChangesAsync();
    }

    /// <summary>Writes rows straight into the tenant (in bulk), as imports do.</summary>
    public async Task AddManyAsync<T>(IEnumerable<T> rows) where T : class
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        db.TenantScope.SetTenant(TenantId);
        db.AddMany(rows);
        await db.SaveChangesAsync();
    }

    /// <summary>Signs in through the pages like a browser; with a TOTP secret, passes the second step too.</summary>
    public async Task<HttpClient> SignInAsync(string loginId, byte[]? totp = null)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(5) };
        await PostFormAsync(client, "/login", "signin", [new("Input.TenantCode", TenantCode), new("Input.LoginId", loginId), new("Input.Password", Password)]);
        if (totp is not null) await PostFormAsync(client, "/login/otp", "otp", [new("Code", Totp.Code(totp, DateTimeOffset.UtcNow))]);
        var home = await client.GetAsync("/");
        if (home.RequestMessage?.RequestUri?.AbsolutePath != "/") throw new InvalidOperationException($"{loginId} could not sign in");
        Cookies[client] = cookies;
        return client;
    }

    /// <summary>The cookies of a signed-in client (for SignalR connections of the same session).</summary>
    public Dictionary<HttpClient, CookieContainer> Cookies { get; } = [];

    /// <summary>Opens the page, takes its antiforgery token and posts the named form; returns the answer and the time from sending the post to reading the whole answer.</summary>
    public static async Task<(HttpResponseMessage Response, string Body, TimeSpan Elapsed)> PostFormAsync(
        HttpClient client, string path, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(path);
        var form = new List<KeyValuePair<string, string>>(fields)
        {
            new("_handler", handler),
            new("__RequestVerificationToken", TokenPattern().Match(page).Groups[1].Value),
        };
        var started = Stopwatch.GetTimestamp();
        var response = await client.PostAsync(path, new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        return (response, body, Stopwatch.GetElapsedTime(started));
    }

    private async Task AccountAsync(ZaitakuDb db, UserManager<UserAccount> users, string login, StaffMember? staff, Role role, Guid? section, string? totp)
    {
        var account = new UserAccount
        {
            Id = Guid.NewGuid(), TenantId = TenantId, StaffId = staff?.Id, UserName = UserAccount.UserNameFor(TenantCode, login), LoginId = login,
            DisplayName = staff?.FullName ?? login, CreatedAt = DateTimeOffset.UtcNow, TotpSecretProtected = totp,
        };
        var result = await users.CreateAsync(account, Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = account.Id, Role = Role.Staff });
        if (role != Role.Staff) db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = account.Id, Role = role, SectionId = section });
    }

    /// <summary>The load average of the machine (other helpers build on the same two cores).</summary>
    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Database.Provider == DatabaseProvider.Sqlite) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
