using System.Net;
using Zaitaku.Access;
using static Zaitaku.Core.Tests.Access.IssueExample;

namespace Zaitaku.Core.Tests.Access;

public class AddressTests
{
    [Theory]
    [InlineData("10.20.3.4", "10.20.3.4")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("::ffff:10.20.3.4", "::ffff:10.20.3.4")]
    [InlineData("::FFFF:10.20.3.4", "::ffff:10.20.3.4")]
    [InlineData("::ffff:a14:304", "::ffff:10.20.3.4")]
    [InlineData("0:0:0:0:0:ffff:0a14:0304", "::ffff:10.20.3.4")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]
    [InlineData("::1", "::1")]
    public void TryParseAddress_StandardForm_Parsed(string text, string expected)
    {
        Assert.True(AddressText.TryParseAddress(text, out var address));
        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Theory]
    [InlineData("010.20.3.4")] // octal to IPAddress.Parse: 8.20.3.4
    [InlineData("10.20.772")] // three-part legacy form
    [InlineData("167904004")] // one 32-bit number
    [InlineData("0x0A140304")]
    [InlineData("10.20.3")]
    [InlineData("10.20.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.-4")]
    [InlineData("+1.2.3.4")]
    [InlineData(" 10.20.3.4")]
    [InlineData("10.20.3.4 ")]
    [InlineData("10.20.3.4/32")]
    [InlineData("10.20.3.4:443")]
    [InlineData("[::1]")]
    [InlineData("::1%eth0")]
    [InlineData("fe80::1%2")]
    [InlineData("::ffff:010.20.3.4")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("")]
    [InlineData("localhost")]
    public void TryParseAddress_AmbiguousOrInvalid_Refused(string text) =>
        Assert.False(AddressText.TryParseAddress(text, out _));

    [Theory]
    [InlineData("10.20.0.0/16", "10.20.0.0", 16)]
    [InlineData("10.20.3.4/32", "10.20.3.4", 32)]
    [InlineData("0.0.0.0/0", "0.0.0.0", 0)]
    [InlineData("2001:db8::/32", "2001:db8::", 32)]
    [InlineData("::/0", "::", 0)]
    [InlineData("::ffff:10.20.0.0/112", "::ffff:10.20.0.0", 112)]
    public void TryParseCidr_ValidRange_Parsed(string text, string network, int prefixLength)
    {
        Assert.True(AddressText.TryParseCidr(text, out var parsed, out var length, out _));
        Assert.Equal(IPAddress.Parse(network), parsed);
        Assert.Equal(prefixLength, length);
    }

    [Theory]
    [InlineData("10.20.0.0/33", "prefix length")]
    [InlineData("10.20.0.0/016", "prefix length")]
    [InlineData("10.20.0.0/-1", "prefix length")]
    [InlineData("10.20.0.0/ 16", "prefix length")]
    [InlineData("10.20.0.0/", "prefix length")]
    [InlineData("2001:db8::/129", "prefix length")]
    [InlineData("10.20.0.0", "address/prefix")]
    [InlineData("010.20.0.0/16", "not a valid address")]
    [InlineData("10.20.3.4/16", "did you mean 10.20.0.0/16?")]
    [InlineData("2001:db8::1/32", "did you mean 2001:db8::/32?")]
    public void TryParseCidr_BadRange_RefusedSayingWhy(string text, string why)
    {
        Assert.False(AddressText.TryParseCidr(text, out _, out _, out var problem));
        Assert.Contains(why, problem.En, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.Ja));
    }

    [Theory]
    [InlineData("10.20.3.4", "vpn")]
    [InlineData("::ffff:10.20.3.4", "vpn")]
    [InlineData("100.64.0.1", "lte")]
    [InlineData("100.127.255.255", "lte")]
    [InlineData("100.128.0.0", null)]
    [InlineData("10.21.0.1", null)]
    [InlineData("2001:db8::10", null)]
    public void RouteOf_IssueRoutes_RouteHoldingTheAddress(string address, string? route) =>
        Assert.Equal(route, Snapshot().RouteOf(IPAddress.Parse(address)));

    [Fact]
    public void Decide_IPv6SourceInIPv6ClosedRoute_Allows()
    {
        var snapshot = Snapshot(b => b.Routes.Add(new NetworkRoute { Id = "vpn6", Kind = RouteKind.Closed, Cidrs = ["2001:db8:20::/48"] }));

        Assert.Empty(Decide(snapshot, Request with { SourceAddress = IPAddress.Parse("2001:db8:20:1::5") }));
        Assert.Equal(["route_unknown"], Decide(snapshot, Request with { SourceAddress = IPAddress.Parse("2001:db8:21::5") }));
    }

    [Fact]
    public void Decide_MappedIPv6Range_MatchesPlainIPv4Source()
    {
        var snapshot = Snapshot(b => b.Routes[0] = b.Routes[0] with { Cidrs = ["::ffff:10.20.0.0/112"] });

        Assert.Empty(Decide(snapshot, Request));
        Assert.Empty(Decide(snapshot, Request with { SourceAddress = IPAddress.Parse("::ffff:10.20.9.9") }));
    }

    [Fact]
    public void Decide_IPv6CatchAllRange_DoesNotCoverIPv4()
    {
        var snapshot = Snapshot(b => b.Routes[0] = b.Routes[0] with { Cidrs = ["::/0"] });

        Assert.Equal(["route_unknown"], Decide(snapshot, Request));
        Assert.Empty(Decide(snapshot, Request with { SourceAddress = IPAddress.Parse("2001:db8::1") }));
    }

    [Fact]
    public void Decide_OpenRangeInsideClosedRange_MostSpecificRouteDecides()
    {
        var snapshot = Snapshot(b =>
        {
            b.Routes[0] = b.Routes[0] with { Cidrs = ["10.0.0.0/8"] };
            b.Routes.Add(new NetworkRoute { Id = "guest", Kind = RouteKind.Open, Cidrs = ["10.99.0.0/16"] });
        });

        Assert.Empty(Decide(snapshot, Request with { SourceAddress = IPAddress.Parse("10.98.1.1") }));
        Assert.Equal(["route_not_closed"], Decide(snapshot, Request with { SourceAddress = IPAddress.Parse("10.99.1.1") }));
        Assert.Equal("guest", snapshot.RouteOf(IPAddress.Parse("10.99.1.1")));
    }

    [Fact]
    public void Decide_ClosedRangeInsideOpenRange_MostSpecificRouteDecides()
    {
        var snapshot = Snapshot(b => b.Routes[1] = b.Routes[1] with { Cidrs = ["10.0.0.0/8"] });

        Assert.Empty(Decide(snapshot, Request));
        Assert.Equal(["route_not_closed"], Decide(snapshot, Request with { SourceAddress = IPAddress.Parse("10.21.0.1") }));
    }

    [Fact]
    public void Decide_SameRangeInClosedAndOpenRoute_OpenWins()
    {
        var snapshot = Snapshot(b => b.Routes.Add(new NetworkRoute { Id = "wifi", Kind = RouteKind.Open, Cidrs = ["10.20.0.0/16"] }));

        Assert.Equal(["route_not_closed"], Decide(snapshot, Request));
        Assert.Equal("wifi", snapshot.RouteOf(IPAddress.Parse("10.20.3.4")));
    }

    [Fact]
    public void Decide_CatchAllIPv4Range_CoversEveryIPv4AndMappedSource()
    {
        var snapshot = Snapshot(b => b.Routes[0] = b.Routes[0] with { Cidrs = ["0.0.0.0/0"] });

        Assert.Empty(Decide(snapshot, Request with { SourceAddress = IPAddress.Parse("203.0.113.7") }));
        Assert.Empty(Decide(snapshot, Request with { SourceAddress = IPAddress.Parse("::ffff:203.0.113.7") }));
        Assert.Equal(["route_not_closed"], Decide(snapshot, Request with { SourceAddress = IPAddress.Parse("100.64.1.1") }));
    }
}
