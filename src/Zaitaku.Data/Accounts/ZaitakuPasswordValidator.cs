using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Identity;

namespace Zaitaku.Data.Accounts;

/// <summary>Applies <see cref="PasswordPolicy"/> with the tenant's minimum length and the account's own IDs.</summary>
internal sealed class ZaitakuPasswordValidator(ZaitakuDb db) : IPasswordValidator<UserAccount>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<UserAccount> manager, UserAccount user, string? password)
    {
        var minLength = PasswordPolicy.DefaultMinLength;
        string? staffNumber = null;
        if (user.TenantId is { } tenantId)
        {
            minLength = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.PasswordMinLength).SingleOrDefaultAsync();
            if (minLength <= 0) minLength = PasswordPolicy.DefaultMinLength;
            if (user.StaffId is { } staffId)
            {
                staffNumber = await db.Staff.IgnoreQueryFilters()
                    .Where(s => s.Id == staffId && s.TenantId == tenantId)
                    .Select(s => s.StaffNumber).SingleOrDefaultAsync();
            }
        }
        var problems = PasswordPolicy.Check(password ?? "", minLength, staffNumber, user.LoginId);
        return problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(problems.Select(p => new IdentityError { Code = p.Code, Description = p.Message.Current }).ToArray());
    }
}

/// <summary>Identity's own messages, in the user's language.</summary>
internal sealed class ZaitakuIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName),
        new($"ユーザーID「{userName}」は既に使われています。", $"The sign-in ID \"{userName}\" is already taken."));

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch),
        new("現在のパスワードが正しくありません。", "The current password is wrong."));

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken),
        new("確認コードが正しくないか、期限が切れています。", "The code is wrong or has expired."));

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled),
        new("このアカウントはロックできません。", "Lockout is not enabled for this account."));

    public override IdentityError DefaultError() => Error(nameof(DefaultError),
        new("処理できませんでした。もう一度お試しください。", "Something went wrong; please try again."));

    private static IdentityError Error(string code, LocalizedText text) => new() { Code = code, Description = text.Current };
}
