using System.Globalization;

namespace Zaitaku;

/// <summary>
/// A text a user reads, in Japanese (the default) and English. Japanese is shown unless the
/// current UI culture is English.
/// </summary>
public readonly record struct LocalizedText(string Ja, string En)
{
    /// <summary>The text in the current UI culture.</summary>
    public string Current => IsEnglish(CultureInfo.CurrentUICulture) ? En : Ja;

    /// <summary>The text in the given culture.</summary>
    public string In(CultureInfo culture) => IsEnglish(culture) ? En : Ja;

    public override string ToString() => Current;

    private static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";
}
