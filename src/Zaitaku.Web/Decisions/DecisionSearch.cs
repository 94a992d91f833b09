using System.Globalization;

namespace Zaitaku.Web.Decisions;

/// <summary>Which requests a search of the decision log keeps, by how they ended.</summary>
public enum DecisionOutcome
{
    /// <summary>Every request.</summary>
    Any,

    /// <summary>Allowed by the decision and not blocked afterwards.</summary>
    Allowed,

    /// <summary>Denied by the decision, or allowed and then blocked by a screen control.</summary>
    Denied,
}

/// <summary>
/// A search of the gateway's decision log. Times are Tokyo wall-clock times as the form sends them
/// (<c>2026-11-26T09:00</c>) or dates (<c>2026-11-26</c>, the dashboard's links); <see cref="To"/> includes its
/// whole minute, or its whole day when it is a date. Text filters are exact.
/// </summary>
/// <param name="From">The earliest time shown.</param>
/// <param name="To">The latest time shown.</param>
/// <param name="StaffNumber">職員番号 of the signed-in staff member.</param>
/// <param name="DeviceSerial">The serial of the PC's certificate.</param>
/// <param name="System">The slug of the internal system.</param>
/// <param name="Outcome">Allowed, denied, or both.</param>
/// <param name="Reason">A reason code (or a screen control's block code) the request listed.</param>
/// <param name="RequestId">The id the denial page shows; finds that one request.</param>
/// <param name="SourceAddress">The source address as the gateway logged it.</param>
public sealed record DecisionSearch(
    string? From = null,
    string? To = null,
    string? StaffNumber = null,
    string? DeviceSerial = null,
    string? System = null,
    DecisionOutcome Outcome = DecisionOutcome.Any,
    string? Reason = null,
    string? RequestId = null,
    string? SourceAddress = null)
{
    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    /// <summary>The first instant shown, or null for no lower bound (also when the text is not a time).</summary>
    public DateTimeOffset? Start => Parse(From, end: false);

    /// <summary>The instant after the last one shown, or null for no upper bound.</summary>
    public DateTimeOffset? End => Parse(To, end: true);

    /// <summary>The lower bound as a date-time field shows it (<c>2026-11-01T00:00</c>), also when a date was given.</summary>
    public string? FromInput => Start is { } at ? JapanTime.ToTokyo(at).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : null;

    /// <summary>The upper bound as a date-time field shows it: the last minute it includes.</summary>
    public string? ToInput => End is { } at ? JapanTime.ToTokyo(at.AddSeconds(-1)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : null;

    /// <summary>True when <paramref name="text"/> is empty or a time or date this search understands.</summary>
    public static bool IsValidTime(string? text) => string.IsNullOrWhiteSpace(text) || Parse(text, false) is not null;

    /// <summary>The outcome named in a query string: <c>allow</c>, <c>deny</c>, anything else both.</summary>
    public static DecisionOutcome ParseOutcome(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "allow" or "allowed" => DecisionOutcome.Allowed,
        "deny" or "denied" => DecisionOutcome.Denied,
        _ => DecisionOutcome.Any,
    };

    /// <summary>The outcome as the query string names it.</summary>
    public static string OutcomeText(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Allowed => "allow",
        DecisionOutcome.Denied => "deny",
        _ => "",
    };

    /// <summary>This search as query-string pairs, for links and the export.</summary>
    public IEnumerable<(string Name, string Value)> QueryPairs()
    {
        (string, string?)[] pairs =
        [
            ("from", From), ("to", To), ("staff", StaffNumber), ("device", DeviceSerial), ("system", System),
            ("outcome", OutcomeText(Outcome)), ("reason", Reason), ("request", RequestId), ("address", SourceAddress),
        ];
        return pairs.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => (p.Item1, p.Item2!.Trim()));
    }

    /// <summary>This search as a query string without the leading <c>?</c>.</summary>
    public string Query() => string.Join('&', QueryPairs().Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));

    private static DateTimeOffset? Parse(string? text, bool end)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return JapanTime.At(end ? date.AddDays(1) : date, TimeOnly.MinValue);
        if (!DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        var at = JapanTime.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        // The form sends minutes: "to 10:15" includes everything logged during 10:15.
        return end ? at.AddSeconds(local.Second == 0 ? 60 : 1) : at;
    }
}
