using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Zaitaku.Audit;
using Zaitaku.Benchmarks.Foundation;
using Zaitaku.Benchmarks.Work;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Work;
using Zaitaku.Web.Budget;
using Zaitaku.Web.Dashboards;
using Zaitaku.Web.Reports;
using Zaitaku.Web.Tabular;
using Zaitaku.Web.Work;
using Zaitaku.Work;

namespace Zaitaku.Benchmarks.Reports;

/// <summary>
/// Issue 7's figures: <paramref name="staff"/> staff in 50 sections who each worked every working day of the last
/// twelve months (a third of the days at home), 5,000 gateway decisions on each of those days and today, the last month closed;
/// then each chart query of the dashboard timed <paramref name="runs"/> times per filter, the dashboard page over
/// HTTP, and the monthly report (built, and downloaded as .xlsx over HTTP).
/// </summary>
internal static class ReportsScenario
{
    public static async Task RunAsync(int staff, int runs, string? connection)
    {
        await using var bench = await WorkBench.StartAsync(connection);
        await bench.SeedAsync(staff);
        var today = JapanTime.Today(TimeProvider.System);
        var lastMonth = new Budget.YearMonth(today.Year, today.Month).AddMonths(-1);
        var monthFirst = new DateOnly(lastMonth.Year, lastMonth.Month, 1);
        var monthLast = monthFirst.AddMonths(1).AddDays(-1);
        var yearFirst = monthFirst.AddMonths(-11);
        var calendar = new Zaitaku.Work.Calendar.WorkCalendar(Zaitaku.Work.Calendar.JapaneseHolidays.Official);
        var days = calendar.WorkingDays(yearFirst, monthLast);

        var seeding = Stopwatch.GetTimestamp();
        var (workdays, requests) = await SeedWorkdaysAsync(bench, days, monthFirst);
        // A year of gateway decisions too, and some of today's, which the dashboard reads from the log itself.
        var decisions = await SeedDecisionsAsync(bench, [.. calendar.WorkingDays(yearFirst, monthLast).Select(d => JapanTime.At(d, new TimeOnly(10, 0))), DateTimeOffset.UtcNow]);
        Console.WriteLine($"database: {bench.Database.Provider}; {staff:N0} staff, {workdays:N0} workday records ({yearFirst:yyyy-MM} to {monthLast:yyyy-MM}, {days.Count} working days), " +
            $"{requests:N0} approved telework days of {lastMonth}, {decisions:N0} decisions; seeded in {Stopwatch.GetElapsedTime(seeding).TotalSeconds:F0} s; load {WorkBench.Load()}");

        using (var scope = Scope(bench))
        {
            var closing = Stopwatch.GetTimestamp();
            var closed = await scope.ServiceProvider.GetRequiredService<TimesheetService>().CloseMonthAsync(lastMonth);
            Console.WriteLine($"closed {lastMonth} for {closed.Closed:N0} staff in {Stopwatch.GetElapsedTime(closing).TotalSeconds:F1} s (set-up, not a target)");
        }
        if (bench.Database.Provider == DatabaseProvider.Postgres)
        {
            // As autovacuum would after a bulk load: statistics and the visibility map for index-only scans.
            await using var sql = new NpgsqlConnection(bench.Database.ConnectionString);
            await sql.OpenAsync();
            await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", sql) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync();
        }

        using (var scope = Scope(bench))
        {
            // The first dashboard of the year counts its past days of the decision log into the daily summary, once.
            var counting = Stopwatch.GetTimestamp();
            var year = DashboardFilter.Read(yearFirst.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null, today);
            await scope.ServiceProvider.GetRequiredService<DashboardService>().DenialsAsync(year);
            Console.WriteLine($"first dashboard of the year: counted {year.To.DayNumber - year.From.DayNumber} days ({year.From:yyyy-MM-dd} to yesterday) of the decision log into the daily summary in {Stopwatch.GetElapsedTime(counting).TotalSeconds:F1} s (once)");
        }

        var filters = new (string Name, DashboardFilter Filter)[]
        {
            ($"this month to today, all", DashboardFilter.Read(null, null, null, null, today)),
            ($"month {lastMonth}, all", DashboardFilter.Read(null, null, null, null, today, lastMonth.ToString())),
            ($"month {lastMonth}, one section", DashboardFilter.Read(null, null, bench.Sections[7].Id, null, today, lastMonth.ToString())),
            ($"12 months, all", DashboardFilter.Read(yearFirst.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), monthLast.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null, today)),
        };
        var queries = new (string Name, Func<IServiceProvider, DashboardFilter, Task> Run)[]
        {
            ("telework share by day + attendance", (s, f) => s.GetRequiredService<TeleworkFigures>().ByDayAsync(f)),
            ("telework share by section", (s, f) => s.GetRequiredService<TeleworkFigures>().BySectionAsync(f)),
            ("PCs by state", (s, _) => s.GetRequiredService<TeleworkFigures>().DevicesByStateAsync()),
            ("denials by reason and day", (s, f) => s.GetRequiredService<DashboardService>().DenialsAsync(f)),
            ("costs against budget", (s, f) => s.GetRequiredService<BudgetTracking>().TrackAsync(Zaitaku.Work.Calendar.FiscalYear.Of(f.To).StartYear)),
        };
        Console.WriteLine($"chart queries, {runs} runs each after one warm-up (ms):");
        foreach (var (filterName, filter) in filters)
        {
            foreach (var (queryName, run) in queries)
            {
                var samples = new List<double>(runs);
                for (var i = 0; i <= runs; i++)
                {
                    using var scope = Scope(bench);
                    var started = Stopwatch.GetTimestamp();
                    await run(scope.ServiceProvider, filter);
                    if (i > 0) samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                samples.Sort();
                Console.WriteLine($"  {filterName,-28} {queryName,-36} p50 {P(samples, 50),6}  p95 {P(samples, 95),6}  max {samples[^1],6:F0}");
            }
        }

        var hr = await bench.SignInAsync("hr", bench.HrTotp);
        foreach (var (name, path) in new[] { ("dashboard page, last month", $"/dashboard?month={lastMonth}"), ("dashboard page, 12 months", $"/dashboard?from={yearFirst:yyyy-MM-dd}&to={monthLast:yyyy-MM-dd}") })
        {
            var samples = new List<double>();
            for (var i = 0; i <= Math.Min(runs, 10); i++)
            {
                var started = Stopwatch.GetTimestamp();
                var response = await hr.GetAsync(path);
                await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path} answered {response.StatusCode}");
                if (i > 0) samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            samples.Sort();
            Console.WriteLine($"  {name,-65} p50 {P(samples, 50),6}  p95 {P(samples, 95),6}  (whole page over HTTP, every chart)");
        }

        Console.WriteLine($"monthly report of {lastMonth} for {staff:N0} staff (s):");
        for (var run = 1; run <= 3; run++)
        {
            using var scope = Scope(bench);
            var started = Stopwatch.GetTimestamp();
            var report = await scope.ServiceProvider.GetRequiredService<MonthlyReports>().BuildAsync(lastMonth);
            if (!report.IsOk) throw new InvalidOperationException(report.Error!.Message.En);
            var built = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var (header, rows) = MonthlyReports.Table(report.Value);
            var xlsx = TabularWriter.Write(TabularFormat.Xlsx, header, rows, "月次報告");
            var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var http = Stopwatch.GetTimestamp();
            var download = await hr.GetAsync($"/reports/monthly/export?month={lastMonth}&format=xlsx");
            var bytes = await download.Content.ReadAsByteArrayAsync();
            if (!download.IsSuccessStatusCode) throw new InvalidOperationException($"export answered {download.StatusCode}");
            Console.WriteLine($"  run {run}: built {built:F2} s, with the .xlsx {total:F2} s ({rows.Count} rows, {report.Value.Total.TeleworkDays:N0} telework days); " +
                $"download over HTTP {Stopwatch.GetElapsedTime(http).TotalSeconds:F2} s ({bytes.Length:N0} bytes); load {WorkBench.Load()}");
        }
    }

    private static IServiceScope Scope(WorkBench bench)
    {
        var scope = bench.App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ZaitakuDb>().TenantScope.SetTenant(bench.TenantId);
        return scope;
    }

    /// <summary>
    /// Every staff member works every working day, at home on a third of them (approved: the requests are written
    /// for the closed month only, which is all the timesheets read). PostgreSQL takes the rows by COPY, SQLite through
    /// <c>db.AddMany</c>; neither writes audit records for them, as the rows stand for years of past work.
    /// </summary>
    private static async Task<(long Workdays, long Requests)> SeedWorkdaysAsync(WorkBench bench, IReadOnlyList<DateOnly> days, DateOnly monthFirst)
    {
        long workdays = 0, requests = 0;
        IEnumerable<(Workday Day, TeleworkRequest? Request)> Rows()
        {
            foreach (var member in bench.Staff)
            {
                for (var d = 0; d < days.Count; d++)
                {
                    var home = (d + member.StaffNumber[^1]) % 3 == 0;
                    var day = days[d];
                    var workday = new Workday
                    {
                        Id = Guid.NewGuid(), TenantId = bench.TenantId, StaffId = member.Id, Date = day, Place = home ? WorkPlace.Home : WorkPlace.Office,
                        StartedAt = JapanTime.At(day, new TimeOnly(8, 30)), EndedAt = JapanTime.At(day, new TimeOnly(17, 15 + d % 3 * 20)),
                        StartedVia = WorkdaySource.Console, EndedVia = WorkdaySource.Console,
                    };
                    var request = home && day >= monthFirst ? new TeleworkRequest
                    {
                        Id = Guid.NewGuid(), TenantId = bench.TenantId, StaffId = member.Id, SectionId = member.SectionId, Date = day, Status = RequestStatus.Approved,
                        BatchId = Guid.Empty, RequestedAt = workday.StartedAt.AddDays(-3), DecidedAt = workday.StartedAt.AddDays(-2),
                    } : null;
                    yield return (workday, request);
                }
            }
        }

        if (bench.Database.Provider != DatabaseProvider.Postgres)
        {
            foreach (var chunk in Rows().Chunk(100_000))
            {
                await bench.AddManyAsync(chunk.Select(r => r.Day));
                await bench.AddManyAsync(chunk.Select(r => r.Request).OfType<TeleworkRequest>());
                workdays += chunk.Length;
                requests += chunk.Count(r => r.Request is not null);
            }
            return (workdays, requests);
        }

        await using var sql = new NpgsqlConnection(bench.Database.ConnectionString);
        await sql.OpenAsync();
        var pending = new List<TeleworkRequest>();
        await using (var copy = await sql.BeginBinaryImportAsync(
            "COPY \"Workdays\" (\"Id\", \"TenantId\", \"StaffId\", \"Date\", \"Place\", \"StartedAt\", \"EndedAt\", \"StartedVia\", \"EndedVia\", \"Corrected\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (w, request) in Rows())
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(w.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(w.TenantId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(w.StaffId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(w.Date, NpgsqlDbType.Date);
                await copy.WriteAsync(w.Place.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(w.StartedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(w.EndedAt!.Value, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(w.StartedVia.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(w.EndedVia!.Value.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                workdays++;
                if (request is not null) pending.Add(request);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await sql.BeginBinaryImportAsync(
            "COPY \"TeleworkRequests\" (\"Id\", \"TenantId\", \"StaffId\", \"SectionId\", \"Date\", \"Status\", \"BatchId\", \"RequestedAt\", \"DecidedAt\", \"DecidedAsActing\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in pending)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.TenantId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.StaffId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.SectionId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.Date, NpgsqlDbType.Date);
                await copy.WriteAsync(r.Status.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.BatchId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.RequestedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(r.DecidedAt!.Value, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                requests++;
            }
            await copy.CompleteAsync();
        }

        // COPY goes around Zaitaku's saves, which keep the dashboard's daily summary: count it once, as the migration does.
        using var scope = Scope(bench);
        var counting = Stopwatch.GetTimestamp();
        await WorkdayTallyStore.RebuildAsync(scope.ServiceProvider.GetRequiredService<ZaitakuDb>(), bench.TenantId);
        Console.WriteLine($"daily summary of {workdays:N0} workday records counted in {Stopwatch.GetElapsedTime(counting).TotalSeconds:F1} s (set-up, not a target)");
        return (workdays, requests);
    }

    /// <summary>Decisions through the decision log's own path: 5,000 at each of the given times (a working day each), one in ten denied.</summary>
    private static async Task<long> SeedDecisionsAsync(WorkBench bench, IReadOnlyList<DateTimeOffset> days)
    {
        string[] reasons = ["route_not_closed", "no_approved_telework", "not_clocked_in", "segment_mynumber", "route_not_closed,no_approved_telework", "data_class_restricted"];
        var random = new Random(7);
        long count = 0;
        foreach (var day in days)
        {
            using var scope = Scope(bench);
            var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
            var records = Enumerable.Range(0, 5_000).Select(i =>
            {
                var member = bench.Staff[random.Next(bench.Staff.Count)];
                var denied = i % 10 == 0;
                return new DecisionRecord
                {
                    ChainId = DecisionRecord.ChainFor(bench.TenantId, "gw1"), TenantId = bench.TenantId, Node = "gw1", Kind = DecisionEntryKind.Decision,
                    RequestId = Guid.NewGuid().ToString("N"), StaffId = member.Id.ToString(), StaffNumber = member.StaffNumber, DeviceSerial = "PC-0001",
                    SourceAddress = "10.20.0.5", Route = "vpn", System = "docs", Method = "GET", Path = "/s/docs/", Allow = !denied,
                    Reasons = denied ? reasons[random.Next(reasons.Length)] : "", PreviousHash = "", Hash = "",
                };
            }).ToList();
            await DecisionLogStore.AppendAsync(db, records, day);
            count += records.Count;
        }
        return count;
    }

    private static string P(IReadOnlyList<double> sorted, double p) => Scenarios.Percentile(sorted, p).ToString("F0", CultureInfo.InvariantCulture);
}
