namespace Zaitaku;

/// <summary>
/// Asia/Tokyo, the time zone of every workday. Instants are stored in UTC; the date of a
/// workday is the Tokyo date of the instant.
/// </summary>
public static class JapanTime
{
    /// <summary>Asia/Tokyo (UTC+9, no daylight saving).</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    /// <summary>The instant as Tokyo local time.</summary>
    public static DateTimeOffset ToTokyo(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The Tokyo date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToTokyo(instant).DateTime);

    /// <summary>Today's date in Tokyo.</summary>
    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());

    /// <summary>The UTC instant of a Tokyo date and wall-clock time.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) =>
        new DateTimeOffset(date.ToDateTime(time), TimeSpan.FromHours(9)).ToUniversalTime();
}
