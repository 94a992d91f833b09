using Zaitaku.Devices;

namespace Zaitaku.Core.Tests.Devices;

public class DeviceTransitionsTests
{
    // Issue 3, "Rules", word by word.
    private static readonly (DeviceState From, DeviceState To)[] IssueTransitions =
    [
        (DeviceState.Ordered, DeviceState.Kitting),
        (DeviceState.Kitting, DeviceState.Ready),
        (DeviceState.Ready, DeviceState.Lent),
        (DeviceState.Lent, DeviceState.Returned),
        (DeviceState.Returned, DeviceState.Ready),
        (DeviceState.Lent, DeviceState.Failed),
        (DeviceState.Failed, DeviceState.Rekitting),
        (DeviceState.Rekitting, DeviceState.Ready),
        (DeviceState.Lent, DeviceState.Lost),
        (DeviceState.Ready, DeviceState.Lost),
        (DeviceState.Returned, DeviceState.Disposing),
        (DeviceState.Failed, DeviceState.Disposing),
        (DeviceState.Disposing, DeviceState.Disposed),
    ];

    public static TheoryData<DeviceState, DeviceState> AllPairs()
    {
        var data = new TheoryData<DeviceState, DeviceState>();
        foreach (var from in Enum.GetValues<DeviceState>())
        {
            foreach (var to in Enum.GetValues<DeviceState>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Fact]
    public void DeviceState_Members_AreExactlyTheIssueStatesInOrder()
    {
        Assert.Equal(
            ["Ordered", "Kitting", "Ready", "Lent", "Returned", "Failed", "Rekitting", "Lost", "Disposing", "Disposed"],
            Enum.GetNames<DeviceState>());
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Check_AnyPair_AllowsExactlyTheIssueTransitions(DeviceState from, DeviceState to)
    {
        var expected = IssueTransitions.Contains((from, to));

        var error = DeviceTransitions.Check(from, to);

        Assert.Equal(expected, error is null);
        Assert.Equal(expected, DeviceTransitions.IsAllowed(from, to));
        if (error is not null)
        {
            Assert.Equal("device_transition_not_allowed", error.Code);
            Assert.Equal(ErrorKind.Conflict, error.Kind);
            Assert.Equal(IssueTransitions.Where(t => t.From == from).Select(t => t.To).Order(), error.AllowedNext.Order());
            Assert.Contains($"「{from.Label().Ja}」", error.Message.Ja);
            Assert.Contains($"「{to.Label().Ja}」", error.Message.Ja);
            foreach (var next in error.AllowedNext)
            {
                Assert.Contains($"「{next.Label().Ja}」", error.Message.Ja.Split("次に可能な状態:")[1]);
                Assert.Contains(next.Label().En, error.Message.En);
            }
        }
    }

    [Fact]
    public void Check_LentToKitting_MessageNamesCurrentStateAndAllowedNextOnes()
    {
        var error = DeviceTransitions.Check(DeviceState.Lent, DeviceState.Kitting)!;

        Assert.Equal("現在の状態「貸出中」から「キッティング中」には変更できません。次に可能な状態: 「返却済」「故障」「紛失・盗難」", error.Message.Ja);
        Assert.Equal("A PC that is Lent cannot become Kitting. Allowed next: Returned, Failed, Lost or stolen.", error.Message.En);
    }

    [Fact]
    public void Check_FromDisposed_SaysNothingComesNext()
    {
        var error = DeviceTransitions.Check(DeviceState.Disposed, DeviceState.Ready)!;

        Assert.EndsWith("次に可能な状態: なし", error.Message.Ja);
        Assert.Empty(error.AllowedNext);
    }

    [Fact]
    public void Labels_EveryState_HasDistinctJapaneseAndEnglish()
    {
        var labels = Enum.GetValues<DeviceState>().Select(s => s.Label()).ToList();

        Assert.Equal(labels.Count, labels.Select(l => l.Ja).Distinct().Count());
        Assert.Equal(labels.Count, labels.Select(l => l.En).Distinct().Count());
        Assert.Equal("紛失・盗難", DeviceState.Lost.Label().Ja);
        Assert.Equal("貸出可", DeviceState.Ready.Label().Ja);
    }
}
