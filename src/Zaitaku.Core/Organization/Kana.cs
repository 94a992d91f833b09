using System.Text;

namespace Zaitaku.Organization;

/// <summary>Normalises names for search: full-width forms, katakana read as hiragana, no spaces.</summary>
public static class Kana
{
    /// <summary>
    /// The search form of a name or a query: NFKC (half-width kana and full-width Latin become
    /// standard), katakana become hiragana, spaces (also 全角スペース) are removed, Latin is lower-cased.
    /// </summary>
    public static string SearchKey(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c)) continue;
            builder.Append(c switch
            {
                >= 'ァ' and <= 'ヶ' => (char)(c - 0x60),
                >= 'A' and <= 'Z' => char.ToLowerInvariant(c),
                _ => c,
            });
        }
        return builder.ToString();
    }

    /// <summary>True when the text is hiragana, katakana, the long-vowel mark and spaces only.</summary>
    public static bool IsKana(string text)
    {
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            var ok = c is (>= 'ぁ' and <= 'ゖ') or (>= 'ァ' and <= 'ヺ') or 'ー' or 'ゝ' or 'ゞ' or 'ヽ' or 'ヾ' or '・' || char.IsWhiteSpace(c);
            if (!ok) return false;
        }
        return true;
    }
}
