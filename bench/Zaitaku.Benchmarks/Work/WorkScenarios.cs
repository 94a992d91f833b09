using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Zaitaku.Benchmarks.Foundation;
using Zaitaku.Data.Work;
using Zaitaku.Web.Work;
using Zaitaku.Work;

namespace Zaitaku.Benchmarks.Work;

/// <summary>Issue 4's figures, end to end on a real console over loopback.</summary>
internal static class WorkScenarios
{
    /// <summary>
    /// A presence change reaches every watcher of a board: <paramref name="watchers"/> SignalR
    /// connections watch one section; a staff member of it sets and clears a manual state through
    /// the 今日の勤務 page <paramref name="changes"/> times. Latency is from sending the form post to
    /// each watcher's receipt of the message.
    /// </summary>
    public static async Task PresenceAsync(int watchers, int changes, string? connection)
    {
        await using var bench = await WorkBench.StartAsync(connection);
        await bench.SeedAsync(500);
        var head = await bench.SignInAsync("head");
        var staff = await bench.SignInAsync("staff");
        var section = bench.Sections[0].Id;
        var staffId = bench.Staff[1].Id.ToString();

        var received = new long[changes, watchers];
        var current = -1;
        var arrivals = new int[changes];
        var connections = new List<HubConnection>(watchers);
        var started = Stopwatch.GetTimestamp();
        for (var batch = 0; batch < watchers; batch += 50)
        {
            var opening = Enumerable.Range(batch, Math.Min(50, watchers - batch)).Select(async w =>
            {
                var hub = new HubConnectionBuilder()
                    .WithUrl(new Uri(bench.Address, PresenceHub.Path), o => o.Cookies = bench.Cookies[head])
                    .Build();
                hub.On<PresenceMessage>("presence", m =>
                {
                    var change = Volatile.Read(ref current);
                    if (change < 0 || m.StaffId != staffId) return;
                    received[change, w] = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref arrivals[change]);
                });
                await hub.StartAsync();
                if (!await hub.InvokeAsync<bool>("Watch", section)) throw new InvalidOperationException("Watch refused");
                return hub;
            });
            connections.AddRange(await Task.WhenAll(opening));
        }
        Console.WriteLine($"database: {bench.Database.Provider}; {watchers:N0} watchers connected in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s; load {WorkBench.Load()}");

        var sent = new long[changes];
        var posts = new List<double>(changes);
        for (var i = 0; i < changes; i++)
        {
            var set = i % 2 == 0;
            Volatile.Write(ref current, i);
            var fields = set
                ? new List<KeyValuePair<string, string>> { new("PresenceInput.State", "Meeting"), new("PresenceInput.Minutes", "60"), new("PresenceInput.Note", $"会議 {i}") }
                : [];
            var (response, _, elapsed) = await WorkBench.PostFormAsync(staff, "/work/today", set ? "presence" : "presence-clear", fields);
            // PostFormAsync fetched the page for its token before sending; the clock starts at the post.
            sent[i] = Stopwatch.GetTimestamp() - (long)(elapsed.TotalSeconds * Stopwatch.Frequency);
            posts.Add(elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"presence post answered {response.StatusCode}");
            var waitUntil = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
            while (Volatile.Read(ref arrivals[i]) < watchers && Stopwatch.GetTimestamp() < waitUntil) await Task.Delay(5);
            await Task.Delay(200);
        }
        Volatile.Write(ref current, -1);

        var samples = new List<double>(changes * watchers);
        var lastArrival = new List<double>(changes);
        var missed = 0;
        for (var i = 0; i < changes; i++)
        {
            var last = 0.0;
            for (var w = 0; w < watchers; w++)
            {
                if (received[i, w] == 0) { missed++; continue; }
                var ms = (received[i, w] - sent[i]) * 1000.0 / Stopwatch.Frequency;
                samples.Add(ms);
                last = Math.Max(last, ms);
            }
            lastArrival.Add(last);
        }
        samples.Sort();
        lastArrival.Sort();
        posts.Sort();
        Console.WriteLine($"presence change → {watchers:N0} watchers, {changes} changes, {samples.Count:N0} deliveries, {missed} missed: " +
            $"p50 {P(samples, 50)} ms, p95 {P(samples, 95)} ms, p99 {P(samples, 99)} ms, max {samples[^1]:F0} ms");
        Console.WriteLine($"  last watcher of each change: p50 {P(lastArrival, 50)} ms, p95 {P(lastArrival, 95)} ms; the form post itself: p50 {P(posts, 50)} ms, p95 {P(posts, 95)} ms; load {WorkBench.Load()}");
        foreach (var hub in connections) await hub.DisposeAsync();
    }

    /// <summary>
    /// 月次締め: <paramref name="staff"/> staff who each worked every working day of last month
    /// (a third of them at home, approved), closed by HR through the timesheets page, twice.
    /// </summary>
    public static async Task CloseMonthAsync(int staff, string? connection)
    {
        await using var bench = await WorkBench.StartAsync(connection);
        await bench.SeedAsync(staff);
        var today = JapanTime.Today(TimeProvider.System);
        var month = new Budget.YearMonth(today.Year, today.Month).AddMonths(-1);
        var calendar = new Zaitaku.Work.Calendar.WorkCalendar(Zaitaku.Work.Calendar.JapaneseHolidays.Official);
        var days = calendar.WorkingDays(new DateOnly(month.Year, month.Month, 1), new DateOnly(month.Year, month.Month, 1).AddMonths(1).AddDays(-1));
        var seeding = Stopwatch.GetTimestamp();
        var workdays = new List<Workday>(staff * days.Count);
        var requests = new List<TeleworkRequest>();
        foreach (var member in bench.Staff)
        {
            for (var d = 0; d < days.Count; d++)
            {
                var home = (d + member.StaffNumber[^1]) % 3 == 0;
                if (home)
                {
                    requests.Add(new TeleworkRequest
                    {
                        Id = Guid.NewGuid(), StaffId = member.Id, SectionId = member.SectionId, Date = days[d], Status = RequestStatus.Approved, BatchId = Guid.Empty,
                        RequestedAt = DateTimeOffset.UtcNow, DecidedAt = DateTimeOffset.UtcNow,
                    });
                }
                workdays.Add(new Workday
                {
                    Id = Guid.NewGuid(), StaffId = member.Id, Date = days[d], Place = home ? WorkPlace.Home : WorkPlace.Office,
                    StartedAt = JapanTime.At(days[d], new TimeOnly(8, 30)), EndedAt = JapanTime.At(days[d], new TimeOnly(17, 15 + d % 3 * 20)),
                    StartedVia = WorkdaySource.Console, EndedVia = WorkdaySource.Console,
                });
            }
        }
        for (var start = 0; start < workdays.Count; start += 100_000) await bench.AddManyAsync(workdays.Skip(start).Take(100_000));
        await bench.AddManyAsync(requests);
        Console.WriteLine($"database: {bench.Database.Provider}; {staff:N0} staff, {workdays.Count:N0} workday records and {requests.Count:N0} approved telework days of {month} seeded in {Stopwatch.GetElapsedTime(seeding).TotalSeconds:F0} s; load {WorkBench.Load()}");

        var hr = await bench.SignInAsync("hr", bench.HrTotp);
        for (var run = 1; run <= 2; run++)
        {
            var (response, body, elapsed) = await WorkBench.PostFormAsync(hr, $"/work/timesheets?month={month}", "close", []);
            if (!response.IsSuccessStatusCode || !body.Contains("を締めました", StringComparison.Ordinal))
                throw new InvalidOperationException($"close answered {response.StatusCode}");
            Console.WriteLine($"close {month} for {staff:N0} staff through the page (run {run}{(run == 2 ? ", every sheet computed again" : "")}): {elapsed.TotalSeconds:F1} s; load {WorkBench.Load()}");
        }
    }

    /// <summary>
    /// 一括承認: <paramref name="requests"/> pending telework days of a section (next week, four days
    /// each) approved by its head in one post of the approvals page, <paramref name="runs"/> times.
    /// </summary>
    public static async Task BulkApproveAsync(int requests, int runs, string? connection)
    {
        await using var bench = await WorkBench.StartAsync(connection);
        var perStaff = 4;
        // The head's section holds 1/50 of the staff: enough staff for the requests at four days each.
        await bench.SeedAsync(Math.Max(100, (requests / perStaff + 2) * 50));
        var head = await bench.SignInAsync("head");
        var section = bench.Sections[0].Id;
        var members = bench.Staff.Where(s => s.SectionId == section).Skip(2).Take(requests / perStaff).ToList();
        var today = JapanTime.Today(TimeProvider.System);
        var calendar = new Zaitaku.Work.Calendar.WorkCalendar(Zaitaku.Work.Calendar.JapaneseHolidays.Official);
        var week = Zaitaku.Work.TeleworkRules.WeekStart(today);
        var samples = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            // A week of five working days, so that four at home keep one in the office.
            do week = week.AddDays(7); while (calendar.CountWorkingDays(week, week.AddDays(4)) < 5);
            var rows = members.SelectMany(m => Enumerable.Range(0, perStaff).Select(d => new TeleworkRequest
            {
                Id = Guid.NewGuid(), StaffId = m.Id, SectionId = section, Date = week.AddDays(d), Status = RequestStatus.Pending, BatchId = Guid.NewGuid(),
                RequestedAt = DateTimeOffset.UtcNow, Note = "資料作成",
            })).ToList();
            await bench.AddManyAsync(rows);
            var fields = rows.Select(r => new KeyValuePair<string, string>("Decide.Ids", r.Id.ToString())).Append(new("Decide.Action", "approve"));
            var (response, body, elapsed) = await WorkBench.PostFormAsync(head, "/work/approvals", "telework", fields);
            if (!response.IsSuccessStatusCode || !body.Contains($"処理 {rows.Count}件、処理できなかった申請 0件", StringComparison.Ordinal))
                throw new InvalidOperationException($"approval answered {response.StatusCode}");
            samples.Add(elapsed.TotalMilliseconds);
            Console.WriteLine($"approve {rows.Count} requests in one post (run {run + 1}): {elapsed.TotalMilliseconds:F0} ms; load {WorkBench.Load()}");
        }
        samples.Sort();
        Console.WriteLine($"database: {bench.Database.Provider}; bulk approval of {requests} requests, {runs} runs: median {P(samples, 50)} ms, max {samples[^1]:F0} ms");
    }

    private static string P(IReadOnlyList<double> sorted, double p) => Scenarios.Percentile(sorted, p).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
}
