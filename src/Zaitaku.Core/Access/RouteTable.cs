using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;

namespace Zaitaku.Access;

/// <summary>A route as the decision reads it.</summary>
internal sealed class RouteEntry(string id, bool closed)
{
    public string Id { get; } = id;

    public bool Closed { get; } = closed;
}

/// <summary>
/// Longest-prefix match of a source address over every route's CIDRs, like a router: one hash
/// lookup per distinct prefix length, longest first, so the cost does not grow with the number
/// of ranges. Where two routes list the same range, the open one wins (fail closed).
/// IPv4-mapped IPv6 addresses and ranges (<c>::ffff:a.b.c.d</c>) are treated as the IPv4 they carry.
/// </summary>
internal sealed class RouteTable
{
    private readonly int[] _v4Lengths;
    private readonly FrozenDictionary<ulong, RouteEntry> _v4;
    private readonly int[] _v6Lengths;
    private readonly FrozenDictionary<(UInt128 Network, int Length), RouteEntry> _v6;

    private RouteTable(Dictionary<ulong, RouteEntry> v4, Dictionary<(UInt128, int), RouteEntry> v6)
    {
        _v4 = v4.ToFrozenDictionary();
        _v6 = v6.ToFrozenDictionary();
        _v4Lengths = v4.Keys.Select(k => (int)(k >> 32)).Distinct().OrderDescending().ToArray();
        _v6Lengths = v6.Keys.Select(k => k.Item2).Distinct().OrderDescending().ToArray();
    }

    /// <summary>Builds the table from already validated networks.</summary>
    public static RouteTable Build(IEnumerable<(RouteEntry Route, IPAddress Network, int PrefixLength)> ranges)
    {
        var v4 = new Dictionary<ulong, RouteEntry>();
        var v6 = new Dictionary<(UInt128, int), RouteEntry>();
        Span<byte> bytes = stackalloc byte[16];
        foreach (var (route, network, prefixLength) in ranges)
        {
            network.TryWriteBytes(bytes, out _);
            if (network.AddressFamily == AddressFamily.InterNetwork)
            {
                Add(v4, V4Key(BinaryPrimitives.ReadUInt32BigEndian(bytes), prefixLength), route);
            }
            else if (network.IsIPv4MappedToIPv6 && prefixLength >= 96)
            {
                Add(v4, V4Key(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]), prefixLength - 96), route);
            }
            else
            {
                Add(v6, (BinaryPrimitives.ReadUInt128BigEndian(bytes), prefixLength), route);
            }
        }

        return new RouteTable(v4, v6);
    }

    /// <summary>The route of the most specific range holding the address, or null.</summary>
    public RouteEntry? Find(IPAddress? address)
    {
        if (address is null) return null;
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written)) return null;
        if (written == 4) return FindV4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
        if (address.IsIPv4MappedToIPv6) return FindV4(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]));

        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        foreach (var length in _v6Lengths)
        {
            var mask = length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
            if (_v6.TryGetValue((value & mask, length), out var route)) return route;
        }

        return null;
    }

    private RouteEntry? FindV4(uint value)
    {
        foreach (var length in _v4Lengths)
        {
            var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
            if (_v4.TryGetValue(V4Key(value & mask, length), out var route)) return route;
        }

        return null;
    }

    private static ulong V4Key(uint network, int length) => ((ulong)length << 32) | network;

    private static void Add<TKey>(Dictionary<TKey, RouteEntry> table, TKey key, RouteEntry route)
        where TKey : notnull
    {
        // The same range in two routes: an open route wins, so an ambiguity never opens access.
        if (!table.TryGetValue(key, out var existing) || (existing.Closed && !route.Closed)) table[key] = route;
    }
}
