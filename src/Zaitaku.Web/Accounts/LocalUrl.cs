namespace Zaitaku.Web.Accounts;

/// <summary>Keeps redirects inside Zaitaku: a return URL from a query string is used only when it is local.</summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains("://", StringComparison.Ordinal);

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
