using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Access;
using Zaitaku.Benchmarks.Foundation;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Tasks;
using Zaitaku.Organization;
using Zaitaku.Server.Hosting;
using Zaitaku.Systems;
using Zaitaku.Tasks;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tasks;

namespace Zaitaku.Benchmarks.Tasks;

/// <summary>
/// Issue 6's "capacity for 50,000 staff and 200,000 tasks in at most 2 s", end to end from the
/// database: the same inventory as <see cref="CapacityBenchmarks"/> stored through Zaitaku's own
/// bulk writes, then (1) <see cref="InventoryLoader.LoadAsync"/> on a fresh unit of work, uncached —
/// the queries, reading the rows, the pure rules — and (2) GET /api/v1/tasks/capacity over loopback
/// HTTP with an API token, which adds authentication, the JSON answer and the inventory cache.
/// </summary>
internal static class CapacityScenario
{
    private const int Departments = 50;
    private const int Sections = 1_000;
    private const int StaffPerSection = 50;
    private const int TasksPerSection = 200;

    public static async Task RunAsync(int runs, string? connection)
    {
        var folder = Directory.CreateTempSubdirectory("zaitaku-bench-").FullName;
        var database = connection is null ? DatabaseSettings.SqliteIn(folder) : DatabaseSettings.Parse(connection);
        await DatabaseSetup.MigrateAsync(database, TimeProvider.System);
        await using var app = ConsoleHost.Build(new ServerOptions { Database = database, ConsoleUrl = "http://127.0.0.1:0", LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var seeding = Stopwatch.StartNew();
        var (tenantId, token, rows) = await SeedAsync(app.Services);
        Console.WriteLine($"database: {database.Provider}; seeded {rows} in {seeding.Elapsed.TotalSeconds:F1} s");

        var load = new List<double>();
        var cpu = new List<double>();
        CapacityReport? report = null;
        for (var i = 0; i < runs + 1; i++)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
            db.TenantScope.SetTenant(tenantId);
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var loaded = await InventoryLoader.LoadAsync(db, InventoryScope.Municipality);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            process.Refresh();
            report = loaded.Value.Capacity;
            if (i == 0) continue; // the first run warms up the JIT and the connection pool
            load.Add(elapsed);
            // CPU time the process spent (all threads, GC included): what the load would take on an idle machine, near enough.
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }
        Print("InventoryLoader.LoadAsync (database → capacity report), uncached, wall clock", load);
        Print("  the same runs, CPU time of the process", cpu);
        Console.WriteLine($"  municipality: {report!.Municipality.Staff:N0} staff, {report.Municipality.AtHomeOnTypicalDay:N0} at home on a typical day ({report.Municipality.HomeShare:P1}), {report.Sections.Count:N0} sections");

        using var api = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var http = new List<double>();
        for (var i = 0; i < runs + 1; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await api.GetAsync("/api/v1/tasks/capacity");
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"/api/v1/tasks/capacity answered {response.StatusCode}");
            // The first request reads the database (cold: JIT, connection, no cached inventory); the others find the inventory unchanged.
            if (i == 0) Console.WriteLine($"GET /api/v1/tasks/capacity, first request (database → JSON, {body.Length / 1024.0:F0} KB): {elapsed:F0} ms");
            else http.Add(elapsed);
        }
        Print("GET /api/v1/tasks/capacity, nothing changed since (audit chain head unchanged)", http);
        await app.StopAsync();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    private static void Print(string what, List<double> samples)
    {
        samples.Sort();
        Console.WriteLine($"{what}, {samples.Count} runs: min {samples[0]:F0} ms, median {Scenarios.Percentile(samples, 50):F0} ms, max {samples[^1]:F0} ms");
    }

    private static async Task<(Guid Tenant, string Token, string Rows)> SeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        if (await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Code == "139998") is { } seeded)
        {
            // A database given with --db and seeded by an earlier run: measure it again without seeding.
            db.TenantScope.SetTenant(seeded.Id);
            var (again, stored) = ApiTokenAuthentication.Create(seeded.Id, "bench", ApiScopes.All, Guid.Empty, DateTimeOffset.UtcNow, null);
            db.ApiTokens.Add(stored);
            await db.SaveChangesAsync();
            return (seeded.Id, again, $"nothing (already seeded: {await db.Staff.CountAsync():N0} staff, {await db.Tasks.CountAsync():N0} tasks)");
        }
        var tenant = new Tenant { Id = Guid.NewGuid(), Code = "139998", Name = "ベンチ県", CreatedAt = DateTimeOffset.UtcNow };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        db.TenantScope.SetTenant(tenant.Id);
        var random = new Random(20200901);

        var systems = Enumerable.Range(0, 40).Select(i => new RegisteredSystem
        {
            Id = Guid.NewGuid(), Slug = $"sys{i}", Name = $"システム{i}", UpstreamUrl = "http://127.0.0.1:9/",
            Segment = i < 4 ? Segment.MyNumber : i < 30 ? Segment.Lgwan : Segment.Internet, Remote = i >= 4 && i % 3 != 0,
        }).ToList();
        var departments = Enumerable.Range(0, Departments).Select(d => new OrgUnit { Id = Guid.NewGuid(), Code = $"D{d:D2}", Name = $"第{d}部", Kind = OrgUnitKind.Department, SortOrder = d }).ToList();
        var sections = Enumerable.Range(0, Sections).Select(s => new OrgUnit
        {
            Id = Guid.NewGuid(), Code = $"S{s:D4}", Name = $"第{s}課", Kind = OrgUnitKind.Section, ParentId = departments[s / (Sections / Departments)].Id, SortOrder = s,
        }).ToList();
        db.AddMany(systems);
        db.AddMany(departments);
        await db.SaveChangesAsync();
        db.AddMany(sections);
        await db.SaveChangesAsync();

        var tasks = new InventoryTask[Sections * TasksPerSection];
        for (var t = 0; t < tasks.Length; t++)
        {
            var used = new List<Guid>();
            for (var k = random.Next(0, 4); k > 0; k--) used.Add(systems[random.Next(systems.Count)].Id);
            tasks[t] = new InventoryTask
            {
                Id = Guid.NewGuid(), Code = $"T{t:D6}", SectionId = sections[t / TasksPerSection].Id, Name = $"業務{t}", SortOrder = t % TasksPerSection,
                CounterWork = random.Next(10) == 0, ConfidentialPersonalData = random.Next(20) == 0, SystemIds = [.. used.Distinct()],
                PaperOriginals = (Frequency)(random.Next(10) switch { < 6 => 0, < 9 => 1, _ => 2 }),
                SameRoom = (Frequency)(random.Next(10) switch { < 7 => 0, < 9 => 1, _ => 2 }),
            };
        }
        var staff = new StaffMember[Sections * StaffPerSection];
        var shares = new List<TaskAssignmentEntry>(staff.Length * 5);
        for (var s = 0; s < staff.Length; s++)
        {
            var section = s / StaffPerSection;
            staff[s] = new StaffMember
            {
                Id = Guid.NewGuid(), StaffNumber = $"E{s:D6}", FamilyName = "試験", GivenName = $"{s}", FamilyNameKana = "しけん", GivenNameKana = "た",
                Employment = EmploymentType.Regular, SectionId = sections[section].Id, ActiveFrom = new DateOnly(2020, 4, 1),
            };
            var count = random.Next(3, 7);
            var first = random.Next(TasksPerSection - count);
            var left = 100;
            for (var k = 0; k < count; k++)
            {
                var percent = k == count - 1 ? left : Math.Max(1, left / (count - k) + random.Next(-5, 6));
                left -= percent;
                shares.Add(new TaskAssignmentEntry { Id = Guid.NewGuid(), TaskId = tasks[section * TasksPerSection + first + k].Id, StaffId = staff[s].Id, Percent = percent });
            }
        }
        foreach (var chunk in staff.Chunk(10_000)) { db.AddMany(chunk); await db.SaveChangesAsync(); }
        foreach (var chunk in tasks.Chunk(20_000)) { db.AddMany(chunk); await db.SaveChangesAsync(); }
        foreach (var chunk in shares.Chunk(20_000)) { db.AddMany(chunk); await db.SaveChangesAsync(); }

        var (token, record) = ApiTokenAuthentication.Create(tenant.Id, "bench", ApiScopes.All, Guid.Empty, DateTimeOffset.UtcNow, null);
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync();
        return (tenant.Id, token, $"{staff.Length:N0} staff, {tasks.Length:N0} tasks, {shares.Count:N0} shares, {sections.Count:N0} sections");
    }
}
