namespace Zaitaku.Tasks;

/// <summary>The three network segments of the 三層の対策 model.</summary>
public enum SystemSegment
{
    /// <summary>マイナンバー利用事務系 (<c>mynumber</c>): no telework path may ever reach it.</summary>
    MyNumber,

    /// <summary>LGWAN接続系 (<c>lgwan</c>): reachable only for systems on the allow-list.</summary>
    Lgwan,

    /// <summary>インターネット接続系 (<c>internet</c>).</summary>
    Internet,
}

/// <summary>
/// A registered internal system as task classification sees it (the gateway owns the full record).
/// </summary>
/// <param name="Id">The system's registered id.</param>
/// <param name="Name">Its name, shown in reasons (e.g. 文書管理システム).</param>
/// <param name="Segment">The network segment it lives in.</param>
/// <param name="RemoteAllowed">True when the IT department put it on the telework allow-list (LGWANアクセス制御).</param>
public sealed record SystemRef(string Id, string Name, SystemSegment Segment, bool RemoteAllowed)
{
    /// <summary>Reads a segment code: <c>mynumber</c>, <c>lgwan</c> or <c>internet</c>.</summary>
    public static bool TryParseSegment(string? code, out SystemSegment segment)
    {
        switch (code)
        {
            case "mynumber": segment = SystemSegment.MyNumber; return true;
            case "lgwan": segment = SystemSegment.Lgwan; return true;
            case "internet": segment = SystemSegment.Internet; return true;
            default: segment = default; return false;
        }
    }

    /// <summary>The segment's code.</summary>
    public static string SegmentCode(SystemSegment segment) => segment switch
    {
        SystemSegment.MyNumber => "mynumber",
        SystemSegment.Lgwan => "lgwan",
        SystemSegment.Internet => "internet",
        _ => throw new ArgumentOutOfRangeException(nameof(segment)),
    };
}
