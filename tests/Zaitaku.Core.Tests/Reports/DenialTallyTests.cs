using Zaitaku.Access;
using Zaitaku.Reports;

namespace Zaitaku.Core.Tests.Reports;

public class DenialTallyTests
{
    [Fact]
    public void ByReason_ListsOfReasons_CountEachReasonOncePerRequest()
    {
        var counts = DenialTally.ByReason(
        [
            ("route_not_closed", 3),
            ("route_not_closed,no_approved_telework", 2),
            ("segment_mynumber", 5),
            ("no_approved_telework,not_clocked_in", 1),
        ]);

        Assert.Equal(
            [("route_not_closed", 5L), ("segment_mynumber", 5L), ("no_approved_telework", 3L), ("not_clocked_in", 1L)],
            counts.Select(c => (c.Code, c.Count)));
        // Equal counts follow the order of the checks: the route is checked before the segment.
        Assert.Equal(ReasonCode.RouteNotClosed, counts[0].Reason);
        Assert.Equal(ReasonCode.SegmentMyNumber.Explanation(), counts[1].Explanation);
    }

    [Fact]
    public void ByReason_CodeThisBuildDoesNotKnow_IsKeptAsText()
    {
        var counts = DenialTally.ByReason([("quota_exceeded", 2)]);

        var unknown = Assert.Single(counts);
        Assert.Null(unknown.Reason);
        Assert.Equal("quota_exceeded", unknown.Explanation.Ja);
    }

    [Fact]
    public void Top_MoreReasonsThanShown_SumsTheRestAsOther()
    {
        var counts = DenialTally.ByReason([("route_unknown", 9), ("route_not_closed", 7), ("mfa_required", 2), ("staff_inactive", 1)]);

        var top = DenialTally.Top(counts, 2);

        Assert.Equal([("route_unknown", 9L), ("route_not_closed", 7L), (DenialTally.Other, 3L)], top.Select(c => (c.Code, c.Count)));
        Assert.Equal(counts.Sum(c => c.Count), top.Sum(c => c.Count));
    }
}
