using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Devices;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Server.Hosting;
using Zaitaku.Web.Accounts;
using Zaitaku.Web.Devices;

namespace Zaitaku.Benchmarks.Devices;

/// <summary>A benchmark municipality with an IT account (TOTP), a model, terms, and a way to sign in through the pages.</summary>
internal static partial class BenchDevices
{
    public const string Password = "Bench-Passw0rd-Zaitaku";
    public const string TenantCode = "139998";
    public const string Model = "Latitude 5440";

    public sealed record Tenant(Guid Id, Guid ItUserId, byte[] Totp, Guid StaffId, string StaffNumber);

    /// <summary>Writes the tenant's device CA certificate as PEM (what nginx's <c>ssl_client_certificate</c> reads) and returns its path.</summary>
    public static async Task<string> WriteCaPemAsync(DatabaseSettings database, Guid tenantId, string path, CancellationToken cancellationToken = default)
    {
        byte[] der;
        await using (var db = DatabaseSetup.Open(database, TimeProvider.System))
        {
            der = await db.DeviceAuthorities.IgnoreQueryFilters().Where(a => a.TenantId == tenantId).Select(a => a.CertificateDer).SingleAsync(cancellationToken);
        }
        await File.WriteAllTextAsync(path, System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", der), cancellationToken);
        return path;
    }

    public static async Task<Tenant> SeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var secrets = scope.ServiceProvider.GetRequiredService<TotpSecrets>();
        var tenant = new Zaitaku.Organization.Tenant { Id = Guid.NewGuid(), Code = TenantCode, Name = "ベンチ町", CreatedAt = db.Time.GetUtcNow() };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        db.TenantScope.SetTenant(tenant.Id);
        db.TenantScope.SetActor(null, "bench");
        var department = new OrgUnit { Id = Guid.NewGuid(), Code = "D", Name = "ベンチ部", Kind = OrgUnitKind.Department };
        var section = new OrgUnit { Id = Guid.NewGuid(), Code = "S", Name = "情報政策課", Kind = OrgUnitKind.Section, ParentId = department.Id };
        db.OrgUnits.AddRange(department, section);
        var staff = new StaffMember
        {
            Id = Guid.NewGuid(), StaffNumber = "90001", FamilyName = "情報", GivenName = "太郎", FamilyNameKana = "じょうほう", GivenNameKana = "たろう",
            SectionId = section.Id, ActiveFrom = new DateOnly(2020, 4, 1),
        };
        staff.RefreshSearchKeys();
        db.Staff.Add(staff);
        await db.SaveChangesAsync();
        var totp = Totp.NewSecret();
        var it = new UserAccount
        {
            Id = Guid.NewGuid(), TenantId = tenant.Id, StaffId = staff.Id, UserName = UserAccount.UserNameFor(tenant.Code, "it"), LoginId = "it",
            DisplayName = "情報 太郎", CreatedAt = db.Time.GetUtcNow(), TotpSecretProtected = secrets.Protect(totp),
        };
        await users.CreateAsync(it, Password);
        db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = it.Id, Role = Role.ItAdmin });
        db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = it.Id, Role = Role.Staff });
        await db.SaveChangesAsync();
        var settings = scope.ServiceProvider.GetRequiredService<DeviceSettings>();
        await settings.AddModelAsync(Model, "Dell");
        await settings.AddModelAsync("ThinkPad L14", "Lenovo");
        await settings.PublishTermsAsync("2026-04", "テレワーク端末の貸与に関する誓約書", "業務にだけ使います。");
        return new Tenant(tenant.Id, it.Id, totp, staff.Id, staff.StaffNumber);
    }

    /// <summary>A PC lent through the console's own use cases; returns its certificate with the private key, as the PC holds it.</summary>
    public static async Task<X509Certificate2> LentPcAsync(IServiceProvider services, Tenant tenant, string assetTag)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        db.TenantScope.SetTenant(tenant.Id);
        db.TenantScope.SetActor(tenant.ItUserId, "it 情報 太郎");
        var devices = scope.ServiceProvider.GetRequiredService<DeviceService>();
        var it = new DeviceCaller(null, true);
        var device = (await devices.RegisterAsync(new DeviceRegistrationInput(assetTag, "SN" + assetTag.Replace("-", "", StringComparison.Ordinal), Model, null), it)).Value;
        device = (await devices.StartKittingAsync(device.Id, it)).Value;
        foreach (var item in device.Checklist.ToList()) await devices.TickAsync(device.Id, item.Code, it);
        var issue = (await devices.MarkReadyAsync(device.Id, it, keepForDownload: false)).Value;
        await devices.LendAsync(device.Id, tenant.StaffNumber, JapanTime.Today(db.Time).AddMonths(6), it);
        var accepted = await devices.AcceptTermsAsync(device.Id, "2026-04", new DeviceCaller(tenant.StaffId, false));
        if (!accepted.IsOk) throw new InvalidOperationException(accepted.Error!.Message.En);
        return X509CertificateLoader.LoadPkcs12(issue.Handout.Pkcs12, issue.Handout.Password);
    }

    /// <summary>Signs in as IT through /login and /login/otp, as a browser would.</summary>
    public static async Task<HttpClient> SignInAsync(Uri address, Tenant tenant)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address };
        async Task<string> PostAsync(string path, Dictionary<string, string> fields)
        {
            var page = await client.GetStringAsync(path);
            fields["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value;
            using var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
            return response.RequestMessage!.RequestUri!.AbsolutePath;
        }
        await PostAsync("/login", new() { ["_handler"] = "signin", ["Input.TenantCode"] = TenantCode, ["Input.LoginId"] = "it", ["Input.Password"] = Password });
        var landed = await PostAsync("/login/otp", new() { ["_handler"] = "otp", ["Code"] = Totp.Code(tenant.Totp, DateTimeOffset.UtcNow) });
        if (landed != "/") throw new InvalidOperationException($"sign-in ended at {landed}");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
