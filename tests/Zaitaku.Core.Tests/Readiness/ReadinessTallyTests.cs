using Zaitaku.Readiness;

namespace Zaitaku.Core.Tests.Readiness;

public class ReadinessTallyTests
{
    private static ReadinessAnswerSet A(HomePc pc, TeleworkWish wish = TeleworkWish.Weekly, CareDuties care = CareDuties.None,
        HomeConnection line = HomeConnection.Fixed, HomeWorkspace place = HomeWorkspace.Private) => new(line, pc, place, care, wish);

    [Fact]
    public void Count_MixedAnswers_CountsEachScaleAndTheDerivedGroups()
    {
        var counts = ReadinessTally.Count(
        [
            A(HomePc.Own, TeleworkWish.Often, CareDuties.ChildCare),
            A(HomePc.None, TeleworkWish.WhenNeeded, CareDuties.ChildCare | CareDuties.FamilyCare),
            A(HomePc.Shared, TeleworkWish.NotWanted, line: HomeConnection.None),
            A(HomePc.None, TeleworkWish.Unsure, place: HomeWorkspace.None),
        ]);

        Assert.Equal(4, counts.Respondents);
        Assert.Equal([1, 1, 2], counts.HomePc);
        Assert.Equal(2, counts.WithoutHomePc);
        Assert.Equal(2, counts.Wishing);
        Assert.Equal(2, counts.ChildCare);
        Assert.Equal(1, counts.FamilyCare);
        Assert.Equal(2, counts.WithCareDuties);
        // Only the first has a line, a PC and a place.
        Assert.Equal(1, counts.ReadyWithOwnPc);
        Assert.Equal(0.5m, counts.Share(counts.WithoutHomePc));
    }

    [Theory]
    [InlineData(100, 3, 8, 38)]
    [InlineData(80, 1, 8, 10)]
    [InlineData(7, 0, 8, 0)]
    [InlineData(0, 3, 8, 0)]
    [InlineData(100_000, 1, 3, 33_334)]
    public void EstimateWithoutHomePc_SurveyedShare_RoundsUp(int staff, int without, int respondents, int expected)
    {
        var answers = Enumerable.Range(0, respondents).Select(i => A(i < without ? HomePc.None : HomePc.Own));

        Assert.Equal(expected, ReadinessTally.Count(answers).EstimateWithoutHomePc(staff));
    }

    [Fact]
    public void EstimateWithoutHomePc_NobodyAnswered_IsZero() =>
        Assert.Equal(0, ReadinessCounts.Empty.EstimateWithoutHomePc(500));

    [Fact]
    public void Plus_TwoSections_EqualsCountingThemTogether()
    {
        var first = new[] { A(HomePc.None), A(HomePc.Own, TeleworkWish.Often, CareDuties.FamilyCare) };
        var second = new[] { A(HomePc.Shared, TeleworkWish.NotWanted), A(HomePc.None, line: HomeConnection.MobileOnly) };

        var summed = ReadinessTally.Count(first).Plus(ReadinessTally.Count(second));

        Assert.Equivalent(ReadinessTally.Count(first.Concat(second)), summed, strict: true);
    }

    [Theory]
    [InlineData(new[] { "None" }, CareDuties.None)]
    [InlineData(new[] { "ChildCare" }, CareDuties.ChildCare)]
    [InlineData(new[] { "ChildCare", "FamilyCare" }, CareDuties.ChildCare | CareDuties.FamilyCare)]
    public void ParseCareDuties_ValidTicks_GiveTheFlags(string[] ticked, CareDuties expected) =>
        Assert.Equal(expected, ReadinessTally.ParseCareDuties(ticked).Value);

    [Theory]
    [InlineData(new string[0], "あてはまるものを選んでください")]
    [InlineData(new[] { "None", "ChildCare" }, "同時に選ぶことはできません")]
    [InlineData(new[] { "Pets" }, "「Pets」は選択肢にありません")]
    public void ParseCareDuties_BadTicks_NameTheQuestion(string[] ticked, string problem)
    {
        var error = ReadinessTally.ParseCareDuties(ticked).Error!;

        Assert.Equal("readiness_answer_invalid", error.Code);
        Assert.StartsWith("育児・介護: ", error.Message.Ja, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnswerOffTheScaleOrLongComment_NamesTheQuestion()
    {
        Assert.Equal("自宅のパソコン: 選択肢から選んでください。", A((HomePc)7).Validate()!.Message.Ja);
        var longComment = A(HomePc.Own) with { Comment = new string('あ', ReadinessQuestions.MaxCommentLength + 1) };
        Assert.StartsWith("意見: 400文字以内", longComment.Validate()!.Message.Ja, StringComparison.Ordinal);
        Assert.Null(A(HomePc.Own).Validate());
    }
}
