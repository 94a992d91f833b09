using Zaitaku.Organization;

namespace Zaitaku.Web.Accounts;

/// <summary>The posted fields of the account forms: roles as checkboxes, sections headed as a multi-select.</summary>
internal sealed class AccountForm
{
    public string? StaffNumber { get; set; }
    public string[]? Roles { get; set; }
    public Guid[]? Sections { get; set; }

    public List<Role> RoleList() =>
        (Roles ?? []).Select(r => Enum.TryParse<Role>(r, out var role) ? role : (Role?)null).OfType<Role>().Distinct().ToList();
}
