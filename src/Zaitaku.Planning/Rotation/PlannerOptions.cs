namespace Zaitaku.Planning;

/// <summary>How long and with how many threads the planner may work, and whom it tells about progress.</summary>
public sealed record PlannerOptions
{
    /// <summary>Wall-clock limit for the whole solve; the best plan found by then is returned.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Solver threads (CP-SAT workers, or sections solved side by side).</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Called (on a solver thread) whenever the best plan or the bound improves, for the console's progress bar.</summary>
    public Action<PlannerProgress>? Progress { get; init; }

    /// <summary>Stops the solve early; the best plan found so far is returned with status feasible (or optimal if proven).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Largest number of free staff-day decisions for which, when sections are coupled through the
    /// PC pool or the target, the whole instance is also solved as one CP-SAT model so that all three
    /// objective tiers are exact. Above it the section decomposition's plan stands.
    /// </summary>
    public int WholeModelLimit { get; init; } = 5_000;
}

/// <summary>A progress report while solving.</summary>
/// <param name="Elapsed">Time since the solve started.</param>
/// <param name="HomeDays">Home staff-days of the best plan so far.</param>
/// <param name="Bound">The proven upper bound so far.</param>
public sealed record PlannerProgress(TimeSpan Elapsed, int HomeDays, int Bound)
{
    /// <summary>Relative gap (bound − homeDays) / bound.</summary>
    public double Gap => Bound == 0 ? 0 : (double)(Bound - HomeDays) / Bound;
}
