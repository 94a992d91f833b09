using System.Collections.Frozen;

namespace Zaitaku.Devices.Pki;

/// <summary>
/// The serials of a tenant's revoked device certificates, immutable and cheap to look up: the
/// gateway rebuilds it when a certificate is revoked and swaps it in with the policy snapshot.
/// </summary>
public sealed class RevokedSerialSet
{
    private readonly FrozenSet<string> _serials;

    private RevokedSerialSet(FrozenSet<string> serials) => _serials = serials;

    /// <summary>No revoked certificates.</summary>
    public static RevokedSerialSet Empty { get; } = new(FrozenSet<string>.Empty);

    /// <summary>How many serials are revoked.</summary>
    public int Count => _serials.Count;

    /// <summary>The set of the given serials (hex, any form <see cref="CertificateSerial.Normalize"/> reads).</summary>
    /// <exception cref="ArgumentException">A serial is not hex: the caller's data is corrupt.</exception>
    public static RevokedSerialSet From(IEnumerable<string> serials)
    {
        ArgumentNullException.ThrowIfNull(serials);
        var canonical = new HashSet<string>(StringComparer.Ordinal);
        foreach (var serial in serials)
        {
            canonical.Add(CertificateSerial.Normalize(serial) ?? throw new ArgumentException($"Serial \"{serial}\" is not hex.", nameof(serials)));
        }

        return new(canonical.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>The set of the serials of the given revocation entries.</summary>
    public static RevokedSerialSet From(IEnumerable<RevokedCertificateEntry> entries) =>
        From(entries.Select(e => e.SerialNumber));

    /// <summary>True when the serial (hex, any accepted form) is revoked.</summary>
    public bool Contains(string serialNumber) =>
        CertificateSerial.Normalize(serialNumber) is { } canonical && _serials.Contains(canonical);
}
