namespace Zaitaku.Readiness;

/// <summary>問1 自宅のインターネット回線 — the line a staff member has at home.</summary>
public enum HomeConnection
{
    /// <summary>固定回線（光回線・ケーブルなど）がある.</summary>
    Fixed,

    /// <summary>モバイル回線（スマートフォンのテザリング・モバイルルーター）のみ.</summary>
    MobileOnly,

    /// <summary>ない.</summary>
    None,
}

/// <summary>問2 自宅のパソコン — a PC at home that could be used for work through VDI or a secure browser (the budget's option 3).</summary>
public enum HomePc
{
    /// <summary>自分専用のパソコンがある.</summary>
    Own,

    /// <summary>家族と共用のパソコンがある.</summary>
    Shared,

    /// <summary>ない — counted as "without a home PC": option (3) gives them a leased PC instead.</summary>
    None,
}

/// <summary>問3 仕事をする場所 — a place at home to work in.</summary>
public enum HomeWorkspace
{
    /// <summary>個室など、一人で仕事ができる場所がある.</summary>
    Private,

    /// <summary>居間など共用の場所なら確保できる.</summary>
    Shared,

    /// <summary>確保できない.</summary>
    None,
}

/// <summary>問4 育児・介護 — duties that make telework especially needed (several may apply).</summary>
[Flags]
public enum CareDuties
{
    /// <summary>特にない.</summary>
    None = 0,

    /// <summary>育児（小学生以下の子の養育）.</summary>
    ChildCare = 1,

    /// <summary>介護（家族の介護）.</summary>
    FamilyCare = 2,
}

/// <summary>問5 在宅勤務の希望 — how often the staff member wishes to telework.</summary>
public enum TeleworkWish
{
    /// <summary>週2日以上利用したい.</summary>
    Often,

    /// <summary>週1日程度利用したい.</summary>
    Weekly,

    /// <summary>必要なときだけ利用したい（災害・感染症の流行時など）.</summary>
    WhenNeeded,

    /// <summary>利用したくない.</summary>
    NotWanted,

    /// <summary>わからない.</summary>
    Unsure,
}

/// <summary>
/// The questions of the readiness survey (テレワークに関する意向調査) with their wording and answer
/// scales, Japanese first; the one place screens, exports and docs take them from.
/// </summary>
public static class ReadinessQuestions
{
    /// <summary>The longest free comment accepted (characters).</summary>
    public const int MaxCommentLength = 400;

    public static readonly LocalizedText HomeConnectionQuestion = new(
        "自宅で使えるインターネット回線はありますか。", "Do you have an Internet line at home?");

    public static readonly LocalizedText HomePcQuestion = new(
        "自宅に、仕事に使えるパソコンはありますか。", "Do you have a PC at home you could work on?");

    public static readonly LocalizedText WorkspaceQuestion = new(
        "自宅に、仕事に集中できる場所を確保できますか。", "Can you find a place at home to concentrate on work?");

    public static readonly LocalizedText CareDutiesQuestion = new(
        "育児や介護など、在宅勤務を特に必要とする事情はありますか（あてはまるものすべて）。", "Do you have care duties that make telework especially needed (all that apply)?");

    public static readonly LocalizedText WishQuestion = new(
        "在宅勤務を利用したいと思いますか。", "Would you like to telework?");

    public static readonly LocalizedText CommentQuestion = new(
        "在宅勤務について、ご意見や心配なことがあればお書きください（任意）。", "Anything you would like to say about telework (optional).");

    public static LocalizedText Short(string question) => question switch
    {
        "homeConnection" => new("自宅の回線", "Home line"),
        "homePc" => new("自宅のパソコン", "Home PC"),
        "workspace" => new("仕事をする場所", "Place to work"),
        "careDuties" => new("育児・介護", "Care duties"),
        "wish" => new("在宅勤務の希望", "Wish to telework"),
        _ => new("意見", "Comment"),
    };

    public static LocalizedText Label(HomeConnection value) => value switch
    {
        HomeConnection.Fixed => new("固定回線（光回線・ケーブルなど）がある", "A fixed line (fibre, cable)"),
        HomeConnection.MobileOnly => new("モバイル回線（スマートフォンのテザリング・モバイルルーター）のみ", "Mobile only (phone tethering, mobile router)"),
        _ => new("ない", "None"),
    };

    public static LocalizedText Label(HomePc value) => value switch
    {
        HomePc.Own => new("自分専用のパソコンがある", "A PC of my own"),
        HomePc.Shared => new("家族と共用のパソコンがある", "A PC shared with my family"),
        _ => new("ない", "None"),
    };

    public static LocalizedText Label(HomeWorkspace value) => value switch
    {
        HomeWorkspace.Private => new("個室など、一人で仕事ができる場所がある", "A room where I can work alone"),
        HomeWorkspace.Shared => new("居間など共用の場所なら確保できる", "Only a shared space such as the living room"),
        _ => new("確保できない", "No place"),
    };

    /// <summary>One care duty (not a combination).</summary>
    public static LocalizedText Label(CareDuties value) => value switch
    {
        CareDuties.ChildCare => new("育児（小学生以下の子の養育）", "Childcare (children up to primary school)"),
        CareDuties.FamilyCare => new("介護（家族の介護）", "Caring for a family member"),
        _ => new("特にない", "None"),
    };

    /// <summary>A combination of care duties, e.g. 「育児・介護」.</summary>
    public static LocalizedText Describe(CareDuties value)
    {
        if (value == CareDuties.None) return Label(CareDuties.None);
        var parts = new[] { CareDuties.ChildCare, CareDuties.FamilyCare }.Where(d => value.HasFlag(d)).ToList();
        return new(string.Join("・", parts.Select(p => p == CareDuties.ChildCare ? "育児" : "介護")),
            string.Join(", ", parts.Select(p => p == CareDuties.ChildCare ? "childcare" : "family care")));
    }

    public static LocalizedText Label(TeleworkWish value) => value switch
    {
        TeleworkWish.Often => new("週2日以上利用したい", "Two days a week or more"),
        TeleworkWish.Weekly => new("週1日程度利用したい", "About one day a week"),
        TeleworkWish.WhenNeeded => new("必要なときだけ利用したい（災害・感染症の流行時など）", "Only when needed (disasters, epidemics)"),
        TeleworkWish.NotWanted => new("利用したくない", "I would rather not"),
        _ => new("わからない", "I don't know"),
    };

    /// <summary>True for the answers that wish to telework at all (週2日以上, 週1日程度, 必要なときだけ).</summary>
    public static bool Wishes(TeleworkWish wish) => wish is TeleworkWish.Often or TeleworkWish.Weekly or TeleworkWish.WhenNeeded;
}

/// <summary>One staff member's answers to the five questions, and an optional comment.</summary>
/// <param name="HomeConnection">問1.</param>
/// <param name="HomePc">問2.</param>
/// <param name="Workspace">問3.</param>
/// <param name="CareDuties">問4 (flags; <see cref="CareDuties.None"/> alone for 「特にない」).</param>
/// <param name="Wish">問5.</param>
/// <param name="Comment">Free comment, or null.</param>
public sealed record ReadinessAnswerSet(HomeConnection HomeConnection, HomePc HomePc, HomeWorkspace Workspace, CareDuties CareDuties, TeleworkWish Wish, string? Comment = null)
{
    /// <summary>Has a line, a PC of some kind and a place: could start teleworking on their own PC (option 3) today.</summary>
    public bool ReadyWithOwnPc => HomeConnection != HomeConnection.None && HomePc != HomePc.None && Workspace != HomeWorkspace.None;

    /// <summary>Null when every answer is one of the scale; otherwise the error naming the question.</summary>
    public Error? Validate()
    {
        if (!Enum.IsDefined(HomeConnection)) return new ReadinessAnswerInvalid("homeConnection", new("選択肢から選んでください。", "choose one of the answers."));
        if (!Enum.IsDefined(HomePc)) return new ReadinessAnswerInvalid("homePc", new("選択肢から選んでください。", "choose one of the answers."));
        if (!Enum.IsDefined(Workspace)) return new ReadinessAnswerInvalid("workspace", new("選択肢から選んでください。", "choose one of the answers."));
        if ((CareDuties & ~(CareDuties.ChildCare | CareDuties.FamilyCare)) != 0)
            return new ReadinessAnswerInvalid("careDuties", new("選択肢から選んでください。", "choose among the answers."));
        if (!Enum.IsDefined(Wish)) return new ReadinessAnswerInvalid("wish", new("選択肢から選んでください。", "choose one of the answers."));
        if (Comment is { Length: > ReadinessQuestions.MaxCommentLength })
            return new ReadinessAnswerInvalid("comment", new($"{ReadinessQuestions.MaxCommentLength}文字以内で書いてください（{Comment.Length}文字あります）。",
                $"write at most {ReadinessQuestions.MaxCommentLength} characters ({Comment.Length} given)."));
        return null;
    }
}

/// <summary>An answer that is not on the question's scale; names the question.</summary>
public sealed record ReadinessAnswerInvalid(string Field, LocalizedText Problem)
    : Error("readiness_answer_invalid", new($"{ReadinessQuestions.Short(Field).Ja}: {Problem.Ja}", $"{ReadinessQuestions.Short(Field).En}: {Problem.En}"));
