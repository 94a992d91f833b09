using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Server.Demo;
using Zaitaku.Testing;

namespace Zaitaku.Server.Tests.Demo;

public sealed class DemoSeederTests
{
    [Fact]
    public async Task Seed_CreatesDemoCityOfAboutAThousandStaff_AndEveryPrintedSignInWorks()
    {
        await using var server = await ConsoleServer.StartAsync(DatabaseProvider.Sqlite);

        var logins = await DemoSeeder.SeedAsync(server.Services);

        using (var scoped = server.OpenDb())
        {
            var tenant = await scoped.Db.Tenants.SingleAsync(t => t.Code == DemoMunicipality.Code);
            Assert.Equal("デモ市", tenant.Name);
            scoped.Db.TenantScope.SetTenant(tenant.Id);
            var staff = await scoped.Db.Staff.ToListAsync();
            Assert.InRange(staff.Count, 950, 1100);
            Assert.Equal(Enum.GetValues<EmploymentType>().Length, staff.Select(s => s.Employment).Distinct().Count());
            Assert.All(staff, s => Assert.True(Kana.IsKana(s.FamilyNameKana) && Kana.IsKana(s.GivenNameKana)));
            var units = await scoped.Db.OrgUnits.ToListAsync();
            Assert.Equal(8, units.Count(u => u.Kind == OrgUnitKind.Department));
            Assert.True(units.Count(u => u.Kind == OrgUnitKind.Section) >= 30);
            Assert.Contains(units, u => u.Kind == OrgUnitKind.Unit);
        }

        Assert.Equal(7, logins.Count);
        foreach (var login in logins)
        {
            using var client = server.CreateClient();
            var secret = login.TotpSecret is null ? null : Base32.Decode(login.TotpSecret);
            var home = await client.SignInAsync(login.TenantCode, login.LoginId, login.Password, secret, server.Time.GetUtcNow());
            Assert.True(home.Address.AbsolutePath == "/", $"{login.Role} ended at {home.Address} ({home.Heading})");
        }

        Assert.Equal(logins, await DemoSeeder.SeedAsync(server.Services));
        Assert.Empty(PasswordPolicy.Check(DemoSeeder.Password, PasswordPolicy.DefaultMinLength));
    }
}
