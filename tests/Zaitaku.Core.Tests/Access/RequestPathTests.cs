using Zaitaku.Access;

namespace Zaitaku.Core.Tests.Access;

public class RequestPathTests
{
    [Theory]
    [InlineData("/list", "/list")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("/a/", "/a/")]
    // Dot segments (RFC 3986 §5.2.4).
    [InlineData("/a/../tax/x", "/tax/x")]
    [InlineData("/a/./b", "/a/b")]
    [InlineData("/a/b/..", "/a/")]
    [InlineData("/a/.", "/a/")]
    [InlineData("/.", "/")]
    [InlineData("/..", "/")]
    [InlineData("/../../etc/passwd", "/etc/passwd")]
    [InlineData("/a/b/c/./../../g", "/a/g")]
    [InlineData("/a/.../b", "/a/.../b")]
    [InlineData("/a/..b/c", "/a/..b/c")]
    // Unreserved characters decoded, then dot segments removed.
    [InlineData("/%2e%2e/tax", "/tax")]
    [InlineData("/a/%2E./%2e%2E/tax", "/tax")]
    [InlineData("/%7Euser/%41%62c", "/~user/Abc")]
    [InlineData("/%74ax", "/tax")]
    // Other encodings kept, in upper-case hex.
    [InlineData("/a%3bb", "/a%3Bb")]
    [InlineData("/a%3Fb", "/a%3Fb")]
    [InlineData("/100%25", "/100%25")]
    [InlineData("/%25zz", "/%25zz")]
    [InlineData("/%e7%a8%8e", "/%E7%A8%8E")]
    [InlineData("/%F0%9F%98%80", "/%F0%9F%98%80")]
    // Raw characters a URI may not carry, encoded as UTF-8.
    [InlineData("/税", "/%E7%A8%8E")]
    [InlineData("/a b", "/a%20b")]
    [InlineData("/a\"<>{}|^`b", "/a%22%3C%3E%7B%7D%7C%5E%60b")]
    [InlineData("/😀", "/%F0%9F%98%80")]
    // Sub-delimiters, ':' and '@' stay as they are.
    [InlineData("/a;b=c,d!$&'()*+:@", "/a;b=c,d!$&'()*+:@")]
    // The query is not part of the path.
    [InlineData("/list?x=/../tax", "/list")]
    [InlineData("/list?", "/list")]
    public void Normalize_ValidPath_CanonicalForm(string raw, string expected)
    {
        Assert.Equal(expected, RequestPath.Normalize(raw, out var problem));
        Assert.Equal(PathProblem.None, problem);
    }

    [Theory]
    [InlineData("tax/x", PathProblem.NotAbsolute)]
    [InlineData("*", PathProblem.NotAbsolute)]
    [InlineData("http://docs/tax", PathProblem.NotAbsolute)]
    // Encoded slash, in either case and after dots.
    [InlineData("/tax%2Fx", PathProblem.EncodedSlash)]
    [InlineData("/tax%2fx", PathProblem.EncodedSlash)]
    [InlineData("/%2e%2e%2ftax", PathProblem.EncodedSlash)]
    // Backslashes, plain or encoded.
    [InlineData("/a\\b", PathProblem.Backslash)]
    [InlineData("/..\\tax", PathProblem.Backslash)]
    [InlineData("/a%5Cb", PathProblem.Backslash)]
    [InlineData("/a%5cb", PathProblem.Backslash)]
    // Double encoding: a second decode downstream would produce '/', '..' or another path.
    [InlineData("/a%252Fb", PathProblem.DoubleEncoding)]
    [InlineData("/a%252fb", PathProblem.DoubleEncoding)]
    [InlineData("/%252e%252e/tax", PathProblem.DoubleEncoding)]
    [InlineData("/%2574ax", PathProblem.DoubleEncoding)]
    [InlineData("/%25%32%46", PathProblem.DoubleEncoding)]
    [InlineData("/%255C", PathProblem.DoubleEncoding)]
    // NUL and other control characters, plain or encoded.
    [InlineData("/a%00b", PathProblem.ControlCharacter)]
    [InlineData("/tax%00.pdf", PathProblem.ControlCharacter)]
    [InlineData("/a\0b", PathProblem.ControlCharacter)]
    [InlineData("/a%0D%0ASet-Cookie:x", PathProblem.ControlCharacter)]
    [InlineData("/a\tb", PathProblem.ControlCharacter)]
    [InlineData("/a%7F", PathProblem.ControlCharacter)]
    [InlineData("/a%C2%85", PathProblem.ControlCharacter)]
    [InlineData("/a\u0085", PathProblem.ControlCharacter)]
    // Overlong and otherwise invalid UTF-8.
    [InlineData("/%C0%AE%C0%AE/tax", PathProblem.InvalidUtf8)]
    [InlineData("/%C0%AF", PathProblem.InvalidUtf8)]
    [InlineData("/%C1%9C", PathProblem.InvalidUtf8)]
    [InlineData("/%E0%80%AE", PathProblem.InvalidUtf8)]
    [InlineData("/%F0%80%80%AF", PathProblem.InvalidUtf8)]
    [InlineData("/%ED%A0%80", PathProblem.InvalidUtf8)]
    [InlineData("/%F4%90%80%80", PathProblem.InvalidUtf8)]
    [InlineData("/%E7%A8", PathProblem.InvalidUtf8)]
    [InlineData("/%E7%A8/", PathProblem.InvalidUtf8)]
    [InlineData("/%E7税", PathProblem.InvalidUtf8)]
    [InlineData("/%A8", PathProblem.InvalidUtf8)]
    [InlineData("/%FF", PathProblem.InvalidUtf8)]
    // Broken percent-encoding.
    [InlineData("/%zz", PathProblem.BadPercentEncoding)]
    [InlineData("/%4", PathProblem.BadPercentEncoding)]
    [InlineData("/a%", PathProblem.BadPercentEncoding)]
    [InlineData("/%E7%A8%G0", PathProblem.BadPercentEncoding)]
    // Empty segments, which servers merge or not.
    [InlineData("//tax/x", PathProblem.EmptySegment)]
    [InlineData("/a//b", PathProblem.EmptySegment)]
    [InlineData("/a/.//b", PathProblem.EmptySegment)]
    // Path parameters on dot segments (Tomcat's "/..;/").
    [InlineData("/public/..;/tax/x", PathProblem.DotSegmentWithParameters)]
    [InlineData("/.;/tax", PathProblem.DotSegmentWithParameters)]
    [InlineData("/public/%2e%2e;x=1/tax", PathProblem.DotSegmentWithParameters)]
    public void Normalize_AttackOrMalformedPath_RefusedWithItsProblem(string raw, PathProblem expected)
    {
        Assert.Null(RequestPath.Normalize(raw, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Normalize_LoneSurrogate_InvalidUtf8()
    {
        // Built at run time: attribute arguments cannot carry a lone surrogate.
        foreach (var raw in new[] { "/" + (char)0xD800, "/" + (char)0xDC00 + "x", "/a" + (char)0xD83D })
        {
            Assert.Null(RequestPath.Normalize(raw, out var problem));
            Assert.Equal(PathProblem.InvalidUtf8, problem);
        }
    }

    [Fact]
    public void Normalize_LongerThanLimit_TooLong()
    {
        Assert.Null(RequestPath.Normalize("/" + new string('a', RequestPath.MaxLength), out var problem));
        Assert.Equal(PathProblem.TooLong, problem);
        Assert.NotNull(RequestPath.Normalize("/" + new string('a', RequestPath.MaxLength - 1), out _));
        Assert.Equal("/list", RequestPath.Normalize("/list?q=" + new string('a', RequestPath.MaxLength), out _));
    }

    [Fact]
    public void Normalize_WorstCaseExpansion_FitsTheBuffer()
    {
        var raw = "/" + string.Concat(Enumerable.Repeat("税", 500));

        var normalized = RequestPath.Normalize(raw, out var problem);

        Assert.Equal(PathProblem.None, problem);
        Assert.Equal(1 + 500 * 9, normalized!.Length);
    }

    [Theory]
    [InlineData("/tax", "/tax", true)]
    [InlineData("/tax", "/tax/", true)]
    [InlineData("/tax", "/tax/x", true)]
    [InlineData("/tax", "/TAX/x", true)]
    [InlineData("/tax", "/tax;v=1", true)]
    [InlineData("/tax", "/taxonomy", false)]
    [InlineData("/tax", "/ta", false)]
    [InlineData("/tax", "/", false)]
    [InlineData("/tax/forms", "/tax", false)]
    [InlineData("", "/", true)]
    [InlineData("", "/anything", true)]
    public void Covers_PrefixAndPath_MatchesOnlyAtSegmentBoundary(string prefix, string path, bool expected) =>
        Assert.Equal(expected, RequestPath.Covers(prefix, path));

    [Theory]
    [InlineData("/list", true)]
    [InlineData("/", true)]
    [InlineData("/a/b;c=d/e~f/", true)]
    [InlineData("", false)]
    [InlineData("list", false)]
    [InlineData("/a/../b", false)]
    [InlineData("/.well-known", false)]
    [InlineData("/a//b", false)]
    [InlineData("/%74ax", false)]
    [InlineData("/税", false)]
    [InlineData("/a b", false)]
    [InlineData("/a\\b", false)]
    public void IsNormal_Path_OnlyWhenNormalizingWouldChangeNothing(string path, bool expected)
    {
        Assert.Equal(expected, RequestPath.IsNormal(path));
        if (expected) Assert.Equal(path, RequestPath.Normalize(path, out _));
    }

    [Fact]
    public void NormalizePath_ForTheDecisionLog_SameAsTheDecisionReads()
    {
        Assert.Equal("/tax/x", AccessPolicy.NormalizePath("/a/../%74ax/x?y=1", out var problem));
        Assert.Equal(PathProblem.None, problem);
        Assert.Null(AccessPolicy.NormalizePath("/a%2Fb", out problem));
        Assert.Equal(PathProblem.EncodedSlash, problem);
    }
}
