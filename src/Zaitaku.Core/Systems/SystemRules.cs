using System.Text.RegularExpressions;
using Zaitaku.Access;

namespace Zaitaku.Systems;

/// <summary>A field of a system or route and what is wrong with it.</summary>
public sealed record SystemFieldError(string Field, LocalizedText Problem) : Error("invalid_field",
    new($"{Field}: {Problem.Ja}", $"{Field}: {Problem.En}"));

/// <summary>The rules registered systems and routes follow.</summary>
public static partial class SystemRules
{
    public static SystemFieldError? CheckSystem(RegisteredSystem system)
    {
        if (!SlugPattern().IsMatch(system.Slug ?? ""))
            return new("slug", new("英小文字・数字・ハイフンの2〜32文字にしてください（例: docs）", "use 2–32 lower-case letters, digits and hyphens (e.g. docs)"));
        if (string.IsNullOrWhiteSpace(system.Name) || system.Name.Length > 100)
            return new("name", new("名称を100文字以内で入力してください", "enter a name of up to 100 characters"));
        if (!Uri.TryCreate(system.UpstreamUrl, UriKind.Absolute, out var upstream) || upstream.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(upstream.Query) || !string.IsNullOrEmpty(upstream.Fragment))
            return new("upstreamUrl", new($"「{system.UpstreamUrl}」は http:// または https:// で始まる接続先URLではありません", $"\"{system.UpstreamUrl}\" is not an http:// or https:// address"));
        if (system.DataClass is { Length: > 0 } dc && !DataClassPattern().IsMatch(dc))
            return new("dataClass", new($"データ区分「{dc}」は英小文字・数字・ハイフンにしてください", $"data class \"{dc}\" must be lower-case letters, digits, hyphens"));
        for (var i = 0; i < system.PathRules.Count; i++)
        {
            var rule = system.PathRules[i];
            if (rule.Prefix is not { Length: > 1 } prefix || prefix[0] != '/' || prefix.EndsWith('/') || !RequestPath.IsNormal(prefix))
                return new($"pathRules[{i}].prefix", new($"「{rule.Prefix}」は / で始まり / で終わらない正規化されたパスにしてください（例: /tax）", $"\"{rule.Prefix}\" must be a normalised path starting with / and not ending with / (e.g. /tax)"));
            if (rule.DataClass is { Length: > 0 } pc && !DataClassPattern().IsMatch(pc))
                return new($"pathRules[{i}].dataClass", new($"データ区分「{pc}」は英小文字・数字・ハイフンにしてください", $"data class \"{pc}\" must be lower-case letters, digits, hyphens"));
        }
        return null;
    }

    public static SystemFieldError? CheckRoute(RegisteredRoute route)
    {
        if (!SlugPattern().IsMatch(route.Slug ?? ""))
            return new("slug", new("英小文字・数字・ハイフンの2〜32文字にしてください（例: vpn）", "use 2–32 lower-case letters, digits and hyphens (e.g. vpn)"));
        if (string.IsNullOrWhiteSpace(route.Name) || route.Name.Length > 100)
            return new("name", new("名称を100文字以内で入力してください", "enter a name of up to 100 characters"));
        if (route.Cidrs.Count == 0)
            return new("cidrs", new("アドレス範囲を1つ以上入力してください（例: 10.20.0.0/16）", "enter at least one address range (e.g. 10.20.0.0/16)"));
        for (var i = 0; i < route.Cidrs.Count; i++)
        {
            if (!AddressText.TryParseCidr(route.Cidrs[i], out _, out _, out var problem))
                return new($"cidrs[{i}]", new($"「{route.Cidrs[i]}」はアドレス範囲（CIDR）ではありません（{problem.Ja}）", $"\"{route.Cidrs[i]}\" is not an address range (CIDR): {problem.En}"));
        }
        return null;
    }

    public static SystemFieldError? CheckDataClasses(IEnumerable<string> classes)
    {
        foreach (var c in classes)
        {
            if (!DataClassPattern().IsMatch(c))
                return new("restrictedDataClasses", new($"データ区分「{c}」は英小文字・数字・ハイフンにしてください", $"data class \"{c}\" must be lower-case letters, digits, hyphens"));
        }
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,31}$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,31}$")]
    private static partial Regex DataClassPattern();
}
