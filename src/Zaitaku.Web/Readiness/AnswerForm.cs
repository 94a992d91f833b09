using Zaitaku.Readiness;

namespace Zaitaku.Web.Readiness;

/// <summary>The survey form as posted: one radio group per question, a box per care duty.</summary>
public sealed class AnswerForm
{
    public string? HomeConnection { get; set; }
    public string? HomePc { get; set; }
    public string? Workspace { get; set; }
    public bool ChildCare { get; set; }
    public bool FamilyCare { get; set; }
    public bool NoCareDuties { get; set; }
    public string? Wish { get; set; }
    public string? Comment { get; set; }

    public static AnswerForm From(ReadinessAnswerSet a) => new()
    {
        HomeConnection = a.HomeConnection.ToString(),
        HomePc = a.HomePc.ToString(),
        Workspace = a.Workspace.ToString(),
        ChildCare = a.CareDuties.HasFlag(CareDuties.ChildCare),
        FamilyCare = a.CareDuties.HasFlag(CareDuties.FamilyCare),
        NoCareDuties = a.CareDuties == CareDuties.None,
        Wish = a.Wish.ToString(),
        Comment = a.Comment,
    };

    /// <summary>The answers, or the first unanswered or unknown question as an error naming it.</summary>
    public Result<ReadinessAnswerSet> ToAnswers()
    {
        if (!Parse<HomeConnection>(HomeConnection, out var connection)) return Unanswered("homeConnection");
        if (!Parse<HomePc>(HomePc, out var pc)) return Unanswered("homePc");
        if (!Parse<HomeWorkspace>(Workspace, out var place)) return Unanswered("workspace");
        var duties = ReadinessTally.ParseCareDuties([ChildCare ? nameof(CareDuties.ChildCare) : null, FamilyCare ? nameof(CareDuties.FamilyCare) : null, NoCareDuties ? nameof(CareDuties.None) : null]);
        if (!duties.IsOk) return duties.Error!;
        if (!Parse<TeleworkWish>(Wish, out var wish)) return Unanswered("wish");
        var answers = new ReadinessAnswerSet(connection, pc, place, duties.Value, wish, string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim());
        return answers.Validate() is { } invalid ? invalid : answers;
    }

    private static bool Parse<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: false, out value) && Enum.IsDefined(value);

    private static ReadinessAnswerInvalid Unanswered(string field) => new(field, new("選択肢から1つ選んでください。", "choose one answer."));
}
