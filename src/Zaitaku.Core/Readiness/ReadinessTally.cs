namespace Zaitaku.Readiness;

/// <summary>
/// How a group of staff (a section, a department, the municipality) answered the readiness survey:
/// counts per answer of each question. Shares are of <see cref="Respondents"/>.
/// </summary>
/// <param name="Respondents">Staff who answered.</param>
/// <param name="HomeConnection">Counts by <see cref="Readiness.HomeConnection"/>, indexed by the enum's value.</param>
/// <param name="HomePc">Counts by <see cref="Readiness.HomePc"/>.</param>
/// <param name="Workspace">Counts by <see cref="HomeWorkspace"/>.</param>
/// <param name="ChildCare">Staff who named childcare.</param>
/// <param name="FamilyCare">Staff who named family care.</param>
/// <param name="NoCareDuties">Staff who answered 「特にない」.</param>
/// <param name="Wish">Counts by <see cref="TeleworkWish"/>.</param>
/// <param name="ReadyWithOwnPc">Staff with a line, a PC and a place (could telework on their own PC today).</param>
public sealed record ReadinessCounts(
    int Respondents,
    IReadOnlyList<int> HomeConnection,
    IReadOnlyList<int> HomePc,
    IReadOnlyList<int> Workspace,
    int ChildCare,
    int FamilyCare,
    int NoCareDuties,
    IReadOnlyList<int> Wish,
    int ReadyWithOwnPc)
{
    /// <summary>No answers at all.</summary>
    public static ReadinessCounts Empty { get; } = ReadinessTally.Count([]);

    /// <summary>Staff who answered that they have no PC at home: with option (3) they need a leased PC.</summary>
    public int WithoutHomePc => HomePc[(int)Readiness.HomePc.None];

    /// <summary>Staff who wish to telework at all (週2日以上, 週1日程度 or 必要なときだけ).</summary>
    public int Wishing => Wish[(int)TeleworkWish.Often] + Wish[(int)TeleworkWish.Weekly] + Wish[(int)TeleworkWish.WhenNeeded];

    /// <summary>Staff with childcare or family care (or both), each counted once.</summary>
    public int WithCareDuties => Respondents - NoCareDuties;

    /// <summary>A count as a share of the respondents, 0 when nobody answered.</summary>
    public decimal Share(int count) => Respondents == 0 ? 0m : count / (decimal)Respondents;

    /// <summary>
    /// Of <paramref name="staff"/> staff planned on their own PCs, how many are likely to have none at home:
    /// the surveyed share, rounded up (a budget should not come out short). 0 when nobody answered.
    /// </summary>
    public int EstimateWithoutHomePc(int staff)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(staff);
        if (Respondents == 0 || staff == 0) return 0;
        return (int)(((long)staff * WithoutHomePc + Respondents - 1) / Respondents);
    }

    /// <summary>The sum of two groups' counts.</summary>
    public ReadinessCounts Plus(ReadinessCounts other) => new(
        Respondents + other.Respondents,
        Add(HomeConnection, other.HomeConnection),
        Add(HomePc, other.HomePc),
        Add(Workspace, other.Workspace),
        ChildCare + other.ChildCare,
        FamilyCare + other.FamilyCare,
        NoCareDuties + other.NoCareDuties,
        Add(Wish, other.Wish),
        ReadyWithOwnPc + other.ReadyWithOwnPc);

    private static int[] Add(IReadOnlyList<int> a, IReadOnlyList<int> b) => a.Select((x, i) => x + b[i]).ToArray();
}

/// <summary>Counts answers of the readiness survey.</summary>
public static class ReadinessTally
{
    /// <summary>The counts of a group's answers.</summary>
    public static ReadinessCounts Count(IEnumerable<ReadinessAnswerSet> answers)
    {
        var connection = new int[Enum.GetValues<HomeConnection>().Length];
        var pc = new int[Enum.GetValues<HomePc>().Length];
        var place = new int[Enum.GetValues<HomeWorkspace>().Length];
        var wish = new int[Enum.GetValues<TeleworkWish>().Length];
        int respondents = 0, child = 0, family = 0, none = 0, ready = 0;
        foreach (var a in answers)
        {
            respondents++;
            connection[(int)a.HomeConnection]++;
            pc[(int)a.HomePc]++;
            place[(int)a.Workspace]++;
            wish[(int)a.Wish]++;
            if (a.CareDuties.HasFlag(CareDuties.ChildCare)) child++;
            if (a.CareDuties.HasFlag(CareDuties.FamilyCare)) family++;
            if (a.CareDuties == CareDuties.None) none++;
            if (a.ReadyWithOwnPc) ready++;
        }

        return new ReadinessCounts(respondents, connection, pc, place, child, family, none, wish, ready);
    }

    /// <summary>
    /// Reads the care-duty boxes a form posted (<c>ChildCare</c>, <c>FamilyCare</c>, <c>None</c>):
    /// at least one, and 「特にない」 only alone.
    /// </summary>
    public static Result<CareDuties> ParseCareDuties(IEnumerable<string?> ticked)
    {
        var values = ticked.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (values.Count == 0) return new ReadinessAnswerInvalid("careDuties", new("あてはまるものを選んでください（ない場合は「特にない」）。", "tick what applies (or \"none\")."));
        var duties = CareDuties.None;
        var saidNone = false;
        foreach (var value in values)
        {
            if (string.Equals(value, nameof(CareDuties.None), StringComparison.OrdinalIgnoreCase)) saidNone = true;
            else if (Enum.TryParse<CareDuties>(value, ignoreCase: true, out var duty) && duty is CareDuties.ChildCare or CareDuties.FamilyCare) duties |= duty;
            else return new ReadinessAnswerInvalid("careDuties", new($"「{value}」は選択肢にありません。", $"\"{value}\" is not one of the answers."));
        }

        if (saidNone && duties != CareDuties.None)
            return new ReadinessAnswerInvalid("careDuties", new("「特にない」と、育児・介護を同時に選ぶことはできません。", "\"none\" cannot be ticked together with childcare or family care."));
        return duties;
    }
}
