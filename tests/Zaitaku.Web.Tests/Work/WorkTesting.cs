using Zaitaku.Testing;

namespace Zaitaku.Web.Tests.Work;

/// <summary>Helpers of the work tests.</summary>
internal static class WorkTesting
{
    /// <summary>The UTC instant of a Tokyo wall-clock time (a fake clock must be given UTC).</summary>
    public static DateTimeOffset Tokyo(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(9)).ToUniversalTime();

    /// <summary>
    /// Moves the clock forward to <paramref name="to"/> in ten-minute steps with a page view by each
    /// signed-in client at every step, as a working day would: the sign-in cookie slides only after
    /// half of its 30 idle minutes, so longer silent jumps would sign the clients out.
    /// </summary>
    public static async Task PassTimeAsync(ConsoleServer server, DateTimeOffset to, params ConsoleClient[] clients)
    {
        while (server.Time.GetUtcNow() < to)
        {
            var next = server.Time.GetUtcNow().AddMinutes(10);
            server.Time.SetUtcNow(next < to ? next : to);
            foreach (var client in clients) (await client.GetRawAsync("/")).Dispose();
        }
    }
}
