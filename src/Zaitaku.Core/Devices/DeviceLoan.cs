namespace Zaitaku.Devices;

/// <summary>
/// The loan of a PC to one staff member. It is offered by IT (<see cref="LentAt"/>) and counts
/// only once the borrower has accepted the lending terms (誓約書) of <see cref="TermsVersion"/>
/// on the console (<see cref="AcceptedAt"/>); until then the PC stays <see cref="DeviceState.Ready"/>.
/// </summary>
public sealed record DeviceLoan
{
    /// <summary>The staff member the PC is lent to.</summary>
    public required string BorrowerStaffId { get; init; }

    /// <summary>The version of the tenant's lending terms the loan was offered with, and the one accepted.</summary>
    public required string TermsVersion { get; init; }

    /// <summary>The date (Asia/Tokyo) the PC is due back.</summary>
    public required DateOnly DueDate { get; init; }

    /// <summary>Who in IT lent it.</summary>
    public required string LentBy { get; init; }

    /// <summary>When IT recorded the loan (UTC).</summary>
    public required DateTimeOffset LentAt { get; init; }

    /// <summary>When the borrower accepted the terms (UTC); null while the offer is pending.</summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>True once the borrower accepted: the loan counts.</summary>
    public bool IsAccepted => AcceptedAt is not null;

    /// <summary>True when the loan counts and <paramref name="today"/> (Asia/Tokyo) is past the due date.</summary>
    public bool IsOverdue(DateOnly today) => IsAccepted && today > DueDate;
}
