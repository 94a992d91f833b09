using System.Collections;
using System.Numerics;

namespace Zaitaku.Access;

/// <summary>
/// The answer to one request: allowed when no reason failed, otherwise every failed reason in
/// the order of the checks. A value type over a bit set, so that deciding allocates nothing;
/// <see cref="Reasons"/> lists the codes lazily.
/// </summary>
public readonly struct AccessDecision : IEquatable<AccessDecision>
{
    private readonly uint _reasons;

    private AccessDecision(uint reasons) => _reasons = reasons;

    /// <summary>The request may pass.</summary>
    public static AccessDecision Allowed => default;

    /// <summary>What a gateway answers when its snapshot is too old: deny everything, fail closed.</summary>
    public static AccessDecision PolicyStale => Deny(ReasonCode.PolicyStale);

    /// <summary>True when no check failed.</summary>
    public bool Allow => _reasons == 0;

    /// <summary>The failed reasons, in listing order (allocation-free to enumerate with foreach).</summary>
    public ReasonList Reasons => new(_reasons);

    /// <summary>True when the given reason failed.</summary>
    public bool Has(ReasonCode reason) => (_reasons & Bit(reason)) != 0;

    /// <summary>A decision denying for exactly the given reasons.</summary>
    public static AccessDecision Deny(params ReadOnlySpan<ReasonCode> reasons)
    {
        uint bits = 0;
        foreach (var reason in reasons) bits |= Bit(reason);
        return new(bits);
    }

    /// <summary>The decision with one more failed reason (deny wins: it can only turn an allow into a deny).</summary>
    public AccessDecision With(ReasonCode reason) => new(_reasons | Bit(reason));

    internal static AccessDecision FromBits(uint bits) => new(bits);

    internal static uint Bit(ReasonCode reason) =>
        (uint)reason < ReasonCodes.Count ? 1u << (int)reason : throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a reason code");

    public bool Equals(AccessDecision other) => _reasons == other._reasons;

    public override bool Equals(object? obj) => obj is AccessDecision other && Equals(other);

    public override int GetHashCode() => (int)_reasons;

    public static bool operator ==(AccessDecision left, AccessDecision right) => left.Equals(right);

    public static bool operator !=(AccessDecision left, AccessDecision right) => !left.Equals(right);

    /// <summary><c>allow</c>, or <c>deny: code, code</c>.</summary>
    public override string ToString() =>
        Allow ? "allow" : "deny: " + string.Join(", ", Reasons.Select(r => r.ToCode()));
}

/// <summary>The failed reasons of a decision, in listing order, read from its bit set.</summary>
public readonly struct ReasonList : IReadOnlyList<ReasonCode>
{
    private readonly uint _bits;

    internal ReasonList(uint bits) => _bits = bits;

    /// <summary>How many reasons failed.</summary>
    public int Count => BitOperations.PopCount(_bits);

    /// <summary>The reason at the given position in listing order.</summary>
    public ReasonCode this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            var bits = _bits;
            for (var i = 0; bits != 0; i++, bits &= bits - 1)
            {
                if (i == index) return (ReasonCode)BitOperations.TrailingZeroCount(bits);
            }

            throw new ArgumentOutOfRangeException(nameof(index), index, "beyond the last reason");
        }
    }

    /// <summary>The stable strings, in listing order (allocates; for logs and output).</summary>
    public string[] ToCodes()
    {
        var codes = new string[Count];
        var i = 0;
        foreach (var reason in this) codes[i++] = reason.ToCode();
        return codes;
    }

    public Enumerator GetEnumerator() => new(_bits);

    IEnumerator<ReasonCode> IEnumerable<ReasonCode>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the set bits from the lowest (first listed) up.</summary>
    public struct Enumerator : IEnumerator<ReasonCode>
    {
        private uint _remaining;

        internal Enumerator(uint bits)
        {
            _remaining = bits;
            Current = default;
        }

        public ReasonCode Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_remaining == 0) return false;
            Current = (ReasonCode)BitOperations.TrailingZeroCount(_remaining);
            _remaining &= _remaining - 1;
            return true;
        }

        public readonly void Reset() => throw new NotSupportedException();

        public readonly void Dispose()
        {
        }
    }
}
