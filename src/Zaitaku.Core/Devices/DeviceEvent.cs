namespace Zaitaku.Devices;

/// <summary>
/// One thing that happened to a PC: what, who, when, the state before and after, and the
/// details. Every successful operation of <see cref="TeleworkDevice"/> returns exactly one; the
/// caller writes it to the audit trail and the device timeline in the same unit of work.
/// </summary>
public sealed record DeviceEvent
{
    /// <summary>The PC.</summary>
    public required Guid DeviceId { get; init; }

    /// <summary>The tenant (municipality) the PC belongs to.</summary>
    public required Guid TenantId { get; init; }

    /// <summary>What was done.</summary>
    public required DeviceOperation Operation { get; init; }

    /// <summary>Who did it (the user or staff id the console authenticated).</summary>
    public required string Actor { get; init; }

    /// <summary>When, in UTC.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The state before.</summary>
    public required DeviceState From { get; init; }

    /// <summary>The state after; equal to <see cref="From"/> for operations that keep the state.</summary>
    public required DeviceState To { get; init; }

    /// <summary>Named values for the timeline and the audit trail (item, borrower, termsVersion, dueDate, notes, …).</summary>
    public required IReadOnlyDictionary<string, string> Details { get; init; }

    /// <summary>The certificate this operation made the PC's identity, if any.</summary>
    public DeviceCertificate? CertificateIssued { get; init; }

    /// <summary>The certificate this operation revoked, if any: the caller adds it to the tenant's revocation list.</summary>
    public DeviceCertificate? CertificateRevoked { get; init; }

    /// <summary>True when the state changed.</summary>
    public bool IsTransition => From != To;

    /// <summary>A one-line text for the timeline.</summary>
    public LocalizedText Summary => IsTransition
        ? new($"{Operation.Label().Ja}（{From.Label().Ja} → {To.Label().Ja}）", $"{Operation.Label().En} ({From.Label().En} → {To.Label().En})")
        : Operation.Label();
}
