using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Web.Accounts;

namespace Zaitaku.Server.Demo;

/// <summary>A sign-in of the demo, printed by <c>zaitaku demo</c>.</summary>
public sealed record DemoLogin(string Role, string TenantCode, string LoginId, string Password, string? TotpSecret);

/// <summary>Creates デモ市 once (organisation, staff, one account per role) and the prefecture operator.</summary>
internal static class DemoSeeder
{
    /// <summary>The demo's password for every account; it meets the password policy.</summary>
    public const string Password = "Demo-Zaitaku-2026";

    private sealed record Planned(string Role, Role[] Roles, Func<IReadOnlyList<DemoMunicipality.Person>, DemoMunicipality.Person> Pick, bool Totp, string? HeadsSection = null);

    private static readonly Planned[] Accounts =
    [
        new("自治体管理者 / tenant admin", [Role.TenantAdmin], p => p.First(x => x.SectionCode == "110-2" && x.Employment == EmploymentType.Regular && x.Position != "係長"), true),
        new("人事課 / HR admin", [Role.HrAdmin], p => p.First(x => x.SectionCode.StartsWith("120", StringComparison.Ordinal) && x.Position == "係長"), true),
        new("情報政策課 / IT admin", [Role.ItAdmin], p => p.First(x => x.SectionCode.StartsWith("130", StringComparison.Ordinal) && x.Position == "係長"), true),
        new("監査 / auditor", [Role.Auditor], p => p.First(x => x.SectionCode == "840" && x.Position != "課長"), true),
        new("所属長 / section head", [Role.SectionHead], p => p.First(x => x.SectionCode == "330" && x.Position == "課長"), true, "330"),
        new("職員 / staff", [], p => p.First(x => x.SectionCode.StartsWith("330", StringComparison.Ordinal) && x.Employment == EmploymentType.Regular && x.Position == "主事"), false),
    ];

    public static async Task<IReadOnlyList<DemoLogin>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var secrets = scope.ServiceProvider.GetRequiredService<TotpSecrets>();
        var today = JapanTime.Today(db.Time);
        var people = DemoMunicipality.Staff(today);
        var logins = new List<DemoLogin> { new("都道府県 運用担当 / prefecture operator", "", "operator", Password, Base32.Encode(SecretFor("operator"))) };
        foreach (var planned in Accounts)
        {
            var person = planned.Pick(people);
            logins.Add(new DemoLogin(planned.Role, DemoMunicipality.Code, person.StaffNumber, Password, planned.Totp ? Base32.Encode(SecretFor(person.StaffNumber)) : null));
        }

        if (await db.Tenants.AnyAsync(t => t.Code == DemoMunicipality.Code, cancellationToken)) return logins;

        db.TenantScope.SetActor(null, "demo");
        // PBKDF2 is deliberately slow: the demo's few password hashes are computed side by side.
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<UserAccount>>();
        var hashes = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, Accounts.Length + 1, _ => hashes.Add(hasher.HashPassword(null!, Password)));
        var hashQueue = new Queue<string>(hashes);

        var now = db.Time.GetUtcNow();
        await CreateAccountAsync(db, users, secrets, new UserAccount
        {
            Id = Guid.NewGuid(), UserName = UserAccount.UserNameFor(null, "operator"), LoginId = "operator", DisplayName = "県 運用担当", IsOperator = true, CreatedAt = now,
        }, "operator", true, hashQueue.Dequeue());

        var tenant = new Tenant { Id = Guid.NewGuid(), Code = DemoMunicipality.Code, Name = DemoMunicipality.Name, CreatedAt = now };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        db.TenantScope.SetTenant(tenant.Id);

        var units = new Dictionary<string, OrgUnit>();
        foreach (var u in DemoMunicipality.Units())
        {
            var unit = new OrgUnit { Id = Guid.NewGuid(), Code = u.Code, Name = u.Name, Kind = u.Kind, ParentId = u.ParentCode is null ? null : units[u.ParentCode].Id, SortOrder = u.SortOrder };
            units[u.Code] = unit;
            db.OrgUnits.Add(unit);
        }
        var staff = new Dictionary<string, StaffMember>();
        var members = new List<StaffMember>(people.Count);
        foreach (var p in people)
        {
            var member = new StaffMember
            {
                Id = Guid.NewGuid(), StaffNumber = p.StaffNumber, FamilyName = p.FamilyName, GivenName = p.GivenName,
                FamilyNameKana = p.FamilyNameKana, GivenNameKana = p.GivenNameKana, Email = p.Email, Employment = p.Employment,
                SectionId = units[p.SectionCode].Id, Position = p.Position, ActiveFrom = p.ActiveFrom,
            };
            member.RefreshSearchKeys();
            staff[p.StaffNumber] = member;
            members.Add(member);
        }
        db.AddMany(members);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var planned in Accounts)
        {
            var person = planned.Pick(people);
            var member = staff[person.StaffNumber];
            var account = new UserAccount
            {
                Id = Guid.NewGuid(), TenantId = tenant.Id, StaffId = member.Id, UserName = UserAccount.UserNameFor(tenant.Code, person.StaffNumber),
                LoginId = person.StaffNumber, DisplayName = member.FullName, Email = member.Email, CreatedAt = now,
            };
            await CreateAccountAsync(db, users, secrets, account, person.StaffNumber, planned.Totp, hashQueue.Dequeue());
            foreach (var role in planned.Roles.Append(Role.Staff))
            {
                if (role == Role.SectionHead)
                {
                    foreach (var unit in units.Values.Where(u => u.Code == planned.HeadsSection || u.Code.StartsWith(planned.HeadsSection + "-", StringComparison.Ordinal)))
                        db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = account.Id, Role = role, SectionId = unit.Id });
                }
                else db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = account.Id, Role = role });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        var head = staff[Accounts.Single(a => a.HeadsSection is not null).Pick(people).StaffNumber];
        await DemoWork.SeedAsync(db, staff.Values, units, head.Id, cancellationToken);
        return logins;
    }

    private static async Task CreateAccountAsync(ZaitakuDb db, UserManager<UserAccount> users, TotpSecrets secrets, UserAccount account, string login, bool totp, string passwordHash)
    {
        if (totp) account.TotpSecretProtected = secrets.Protect(SecretFor(login));
        // The demo password meets the policy (a test checks it); its hash was computed beforehand.
        account.PasswordHash = passwordHash;
        var result = await users.CreateAsync(account);
        if (!result.Succeeded) throw new InvalidOperationException($"Demo account {login}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        if (totp)
        {
            db.RecoveryCodes.AddRange(RecoveryCodes.Generate().Select(c => new RecoveryCode { UserId = account.Id, CodeHash = RecoveryCodes.Hash(c) }));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Demo TOTP secrets are derived from the sign-in ID, so every run prints the same ones.</summary>
    public static byte[] SecretFor(string login) => SHA1.HashData(Encoding.UTF8.GetBytes($"zaitaku-demo/{login}"));
}
