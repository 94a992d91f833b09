using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data.Accounts;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Web.Accounts;

namespace Zaitaku.Testing;

/// <summary>A sign-in a seeded tenant offers.</summary>
public sealed record SeededLogin(Guid UserId, string TenantCode, string LoginId, string Password, byte[]? TotpSecret, Guid? StaffId);

/// <summary>
/// A small municipality for a test: two departments, four sections, staff of every employment type,
/// and an account for each role (administrative roles with a TOTP secret).
/// </summary>
public sealed class TenantSeed
{
    public const string Password = "Test-Passw0rd-Zaitaku";

    public required Tenant Tenant { get; init; }
    public required Dictionary<string, OrgUnit> Units { get; init; }
    public required List<StaffMember> Staff { get; init; }
    public required Dictionary<Role, SeededLogin> Logins { get; init; }

    /// <summary>The login of a plain staff member (no administrative role, no second factor).</summary>
    public SeededLogin StaffLogin => Logins[Role.Staff];

    public static async Task<TenantSeed> CreateAsync(ConsoleServer server, string code, string name, string staffPrefix = "")
    {
        using var scoped = server.OpenDb();
        var db = scoped.Db;
        var users = scoped.Services.GetRequiredService<UserManager<UserAccount>>();
        var secrets = scoped.Services.GetRequiredService<TotpSecrets>();
        var tenant = new Tenant { Id = Guid.NewGuid(), Code = code, Name = name, CreatedAt = server.Time.GetUtcNow() };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        db.TenantScope.SetTenant(tenant.Id);

        var units = new Dictionary<string, OrgUnit>();
        void Unit(string unitCode, string unitName, OrgUnitKind kind, string? parent)
        {
            var unit = new OrgUnit { Id = Guid.NewGuid(), TenantId = tenant.Id, Code = unitCode, Name = unitName, Kind = kind, ParentId = parent is null ? null : units[parent].Id, SortOrder = units.Count };
            units[unitCode] = unit;
            db.OrgUnits.Add(unit);
        }
        Unit("100", $"{name}総務部", OrgUnitKind.Department, null);
        Unit("110", $"{name}総務課", OrgUnitKind.Section, "100");
        Unit("120", $"{name}人事課", OrgUnitKind.Section, "100");
        Unit("300", $"{name}市民部", OrgUnitKind.Department, null);
        Unit("310", $"{name}市民課", OrgUnitKind.Section, "300");
        Unit("330", $"{name}課税課", OrgUnitKind.Section, "300");

        (string Family, string Given, string FamilyKana, string GivenKana, EmploymentType Employment, string Section)[] people =
        [
            ("山田", "太郎", "やまだ", "たろう", EmploymentType.Regular, "110"),
            ("佐藤", "花子", "さとう", "はなこ", EmploymentType.Regular, "120"),
            ("鈴木", "一郎", "すずき", "いちろう", EmploymentType.Regular, "310"),
            ("高橋", "美咲", "たかはし", "みさき", EmploymentType.Probationary, "310"),
            ("田中", "健太", "たなか", "けんた", EmploymentType.FiscalYearAppointed, "330"),
            ("伊藤", "恵子", "いとう", "けいこ", EmploymentType.Reemployed, "330"),
            ("渡辺", "翔太", "わたなべ", "しょうた", EmploymentType.Regular, "330"),
            ("中村", "陽子", "なかむら", "ようこ", EmploymentType.Regular, "110"),
        ];
        var staff = new List<StaffMember>();
        var n = 1;
        foreach (var p in people)
        {
            var member = new StaffMember
            {
                Id = Guid.NewGuid(), TenantId = tenant.Id, StaffNumber = $"{staffPrefix}{1000 + n++}",
                FamilyName = name == "" ? p.Family : $"{p.Family}", GivenName = p.Given, FamilyNameKana = p.FamilyKana, GivenNameKana = p.GivenKana,
                Employment = p.Employment, SectionId = units[p.Section].Id, Position = "主事", ActiveFrom = new DateOnly(2020, 4, 1),
                Email = $"staff{n}@{code}.example.lg.jp",
            };
            member.RefreshSearchKeys();
            staff.Add(member);
            db.Staff.Add(member);
        }
        await db.SaveChangesAsync();

        var logins = new Dictionary<Role, SeededLogin>();
        var roles = new[] { Role.TenantAdmin, Role.HrAdmin, Role.ItAdmin, Role.Auditor, Role.SectionHead, Role.Staff };
        for (var i = 0; i < roles.Length; i++)
        {
            var role = roles[i];
            var member = staff[i];
            var totp = RoleAssignment.RequiresSecondFactor(role) ? Totp.NewSecret() : null;
            var account = new UserAccount
            {
                Id = Guid.NewGuid(), TenantId = tenant.Id, StaffId = member.Id, UserName = UserAccount.UserNameFor(code, member.StaffNumber),
                LoginId = member.StaffNumber, DisplayName = member.FullName, CreatedAt = server.Time.GetUtcNow(),
                TotpSecretProtected = totp is null ? null : secrets.Protect(totp),
            };
            var result = await users.CreateAsync(account, Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), TenantId = tenant.Id, UserId = account.Id, Role = Role.Staff });
            if (role != Role.Staff)
                db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), TenantId = tenant.Id, UserId = account.Id, Role = role, SectionId = role == Role.SectionHead ? units["330"].Id : null });
            logins[role] = new SeededLogin(account.Id, code, member.StaffNumber, Password, totp, member.Id);
        }
        await db.SaveChangesAsync();
        return new TenantSeed { Tenant = tenant, Units = units, Staff = staff, Logins = logins };
    }

    /// <summary>Signs in as the role, passing the second factor where the role has one.</summary>
    public Task<Page> SignInAsync(ConsoleClient client, Role role, ConsoleServer server)
    {
        var login = Logins[role];
        return client.SignInAsync(login.TenantCode, login.LoginId, login.Password, login.TotpSecret, server.Time.GetUtcNow());
    }
}
