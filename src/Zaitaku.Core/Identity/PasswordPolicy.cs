using System.Reflection;

namespace Zaitaku.Identity;

/// <summary>
/// The password rules of the national telework security requirements as Zaitaku applies them:
/// a minimum length, several character classes, not a common password, not containing the
/// staff number or the sign-in name.
/// </summary>
public static class PasswordPolicy
{
    public const int DefaultMinLength = 12;

    /// <summary>How many of the four classes (upper case, lower case, digits, symbols) a password needs.</summary>
    public const int RequiredClasses = 3;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>The rules a password breaks; empty when it is acceptable.</summary>
    public static IReadOnlyList<PasswordProblem> Check(string password, int minLength, params string?[] personal)
    {
        var problems = new List<PasswordProblem>();
        if (password.Length < minLength) problems.Add(new PasswordTooShort(minLength));
        var classes = (password.Any(char.IsAsciiLetterUpper) ? 1 : 0)
            + (password.Any(char.IsAsciiLetterLower) ? 1 : 0)
            + (password.Any(char.IsAsciiDigit) ? 1 : 0)
            + (password.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);
        if (classes < RequiredClasses) problems.Add(new PasswordTooFewClasses());
        if (IsCommon(password)) problems.Add(new PasswordCommon());
        foreach (var value in personal)
        {
            if (!string.IsNullOrWhiteSpace(value) && value.Length >= 3 && password.Contains(value, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new PasswordContainsPersonal());
                break;
            }
        }
        return problems;
    }

    /// <summary>Whether the password, ignoring case and trailing digits and symbols, is in the shipped list of common passwords.</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower)) return true;
        var stem = lower.TrimEnd("0123456789!@#$%^&*?._-".ToCharArray());
        return stem.Length >= 4 && Common.Value.Contains(stem);
    }

    /// <summary>
    /// A random temporary password that meets the policy: 16 characters from all four classes, without
    /// look-alike characters, for an administrator to hand over once.
    /// </summary>
    public static string GenerateTemporary()
    {
        const string upper = "ABCDEFGHJKMNPQRSTUVWXYZ", lower = "abcdefghjkmnpqrstuvwxyz", digits = "23456789", symbols = "!#%+=?@";
        var all = upper + lower + digits + symbols;
        var chars = new List<char>
        {
            System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(upper, 1)[0],
            System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(lower, 1)[0],
            System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(digits, 1)[0],
            System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(symbols, 1)[0],
        };
        chars.AddRange(System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(all, 12));
        var array = chars.ToArray();
        System.Security.Cryptography.RandomNumberGenerator.Shuffle<char>(array);
        return new string(array);
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Zaitaku.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#') set.Add(line.Trim().ToLowerInvariant());
        }
        return set;
    }
}

/// <summary>A rule a password breaks, with the message the user reads.</summary>
public abstract record PasswordProblem(string Code, LocalizedText Message);

public sealed record PasswordTooShort(int MinLength) : PasswordProblem("password_too_short",
    new($"パスワードは{MinLength}文字以上にしてください。", $"Use at least {MinLength} characters."));

public sealed record PasswordTooFewClasses() : PasswordProblem("password_too_few_classes",
    new("英大文字・英小文字・数字・記号のうち3種類以上を使ってください。", "Use at least three of: upper-case letters, lower-case letters, digits, symbols."));

public sealed record PasswordCommon() : PasswordProblem("password_common",
    new("よく使われるパスワードは使えません。推測されにくいものにしてください。", "This password is too common; choose one that is hard to guess."));

public sealed record PasswordContainsPersonal() : PasswordProblem("password_personal",
    new("職員番号やユーザーIDを含むパスワードは使えません。", "The password must not contain your staff number or sign-in ID."));
