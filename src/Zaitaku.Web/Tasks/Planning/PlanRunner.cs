using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zaitaku.Data;
using Zaitaku.Data.Tasks;
using Zaitaku.Planning;

namespace Zaitaku.Web.Tasks.Planning;

/// <summary>How far a solve has come, for the plan page's progress display.</summary>
/// <param name="Queued">Waiting for an earlier plan to finish.</param>
/// <param name="Elapsed">Time since the solve started.</param>
/// <param name="HomeDays">Home staff-days of the best plan so far.</param>
/// <param name="Bound">The proven upper bound so far.</param>
/// <param name="TimeLimitSeconds">The solve's time limit.</param>
public sealed record PlanProgress(bool Queued, TimeSpan Elapsed, int HomeDays, int Bound, int TimeLimitSeconds);

/// <summary>
/// Solves saved plans one at a time in the background (the console's pages are server-rendered;
/// the plan page polls for progress). The best plan so far and the bound are kept in memory while
/// solving; the answer is saved with the plan.
/// </summary>
public sealed partial class PlanRunner(IServiceScopeFactory scopes, ILogger<PlanRunner> logger) : BackgroundService
{
    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, PlanProgress> _progress = new();

    private sealed record Job(Guid PlanId, Guid TenantId, Guid? ActorUserId, string ActorName, int TimeLimitSeconds);

    /// <summary>Queues a saved plan in state <see cref="PlanState.Solving"/>.</summary>
    public void Enqueue(RotationPlanRecord plan, Guid? actorUserId, string actorName)
    {
        _progress[plan.Id] = new PlanProgress(true, TimeSpan.Zero, 0, 0, plan.TimeLimitSeconds);
        _queue.Writer.TryWrite(new Job(plan.Id, plan.TenantId, actorUserId, actorName, plan.TimeLimitSeconds));
    }

    /// <summary>The progress of a plan this node is solving or has queued; null otherwise.</summary>
    public PlanProgress? Progress(Guid planId) => _progress.GetValueOrDefault(planId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; queued plans stay "solving" and show as interrupted after their time.
        }
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        db.TenantScope.SetTenant(job.TenantId);
        db.TenantScope.SetActor(job.ActorUserId, job.ActorName);
        RotationPlanRecord? record = null;
        try
        {
            record = await db.RotationPlans.SingleOrDefaultAsync(p => p.Id == job.PlanId, stoppingToken);
            if (record is null || record.State != PlanState.Solving) return;
            var input = PlanDocuments.ReadInput(record.InstanceData);
            var clock = Stopwatch.StartNew();
            _progress[job.PlanId] = new PlanProgress(false, TimeSpan.Zero, 0, 0, job.TimeLimitSeconds);
            var options = new PlannerOptions
            {
                TimeLimit = TimeSpan.FromSeconds(job.TimeLimitSeconds),
                CancellationToken = stoppingToken,
                Progress = p => _progress[job.PlanId] = new PlanProgress(false, p.Elapsed, p.HomeDays, p.Bound, job.TimeLimitSeconds),
            };
            var plan = await Task.Run(() => RotationPlanner.Solve(input.Instance, options), CancellationToken.None);
            var report = record.Mode == PlanMode.Emergency && plan.Status != PlanStatus.Infeasible ? EmergencyReport.For(input, plan) : null;
            record.PlanData = PlanDocuments.WriteOutput(new PlanOutput(plan, report));
            record.Outcome = RotationPlanJson.StatusName(plan.Status);
            record.HomeDays = plan.HomeDays;
            record.Bound = plan.Bound;
            record.ElapsedMs = (long)clock.Elapsed.TotalMilliseconds;
            record.SolvedAt = db.Time.GetUtcNow();
            record.State = PlanState.Solved;
            await db.SaveChangesAsync(CancellationToken.None);
            LogSolved(logger, job.PlanId, record.Outcome, plan.HomeDays, plan.Bound, clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, e, job.PlanId);
            if (record is not null)
            {
                db.ChangeTracker.Clear();
                var failed = await db.RotationPlans.SingleOrDefaultAsync(p => p.Id == job.PlanId, CancellationToken.None);
                if (failed is not null && failed.State == PlanState.Solving)
                {
                    failed.State = PlanState.Failed;
                    failed.Failure = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                    await db.SaveChangesAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            _progress.TryRemove(job.PlanId, out _);
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Plan {PlanId} solved: {Outcome}, {HomeDays} home days, bound {Bound}, {ElapsedMs} ms")]
    private static partial void LogSolved(ILogger logger, Guid planId, string outcome, int homeDays, int bound, long elapsedMs);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Plan {PlanId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid planId);
}
