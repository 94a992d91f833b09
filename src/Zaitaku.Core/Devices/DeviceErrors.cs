namespace Zaitaku.Devices;

/// <summary>The move is not one of issue 3's transitions; names the current state and the allowed next ones.</summary>
public sealed record TransitionNotAllowed(DeviceState From, DeviceState To, IReadOnlyList<DeviceState> AllowedNext)
    : Error("device_transition_not_allowed", Describe(From, To, AllowedNext))
{
    public override ErrorKind Kind => ErrorKind.Conflict;

    private static LocalizedText Describe(DeviceState from, DeviceState to, IReadOnlyList<DeviceState> allowed)
    {
        var next = DeviceStateLabels.JoinLabels(allowed);
        return new(
            $"現在の状態「{from.Label().Ja}」から「{to.Label().Ja}」には変更できません。次に可能な状態: {next.Ja}",
            $"A PC that is {from.Label().En} cannot become {to.Label().En}. Allowed next: {next.En}.");
    }
}

/// <summary>An operation that keeps the state (ticking, lending, renewing) was asked of a PC in a state that does not allow it.</summary>
public sealed record OperationNotAllowed(DeviceOperation Operation, DeviceState State, IReadOnlyList<DeviceState> AllowedIn)
    : Error("device_operation_not_allowed", Describe(Operation, State, AllowedIn))
{
    public override ErrorKind Kind => ErrorKind.Conflict;

    private static LocalizedText Describe(DeviceOperation operation, DeviceState state, IReadOnlyList<DeviceState> allowedIn)
    {
        var name = operation.Label();
        var states = DeviceStateLabels.JoinLabels(allowedIn);
        return new(
            $"現在の状態「{state.Label().Ja}」の端末では「{name.Ja}」はできません。{states.Ja}の端末でのみ可能です。",
            $"\"{name.En}\" is not possible for a PC that is {state.Label().En}; only when {states.En}.");
    }
}

/// <summary>Marking ready before every kitting checklist item is ticked; names the missing items.</summary>
public sealed record KittingIncomplete(IReadOnlyList<string> MissingItems)
    : Error("device_kitting_incomplete", new(
        $"キッティングのチェック項目が終わっていません。未完了: {string.Join("、", MissingItems)}",
        $"The kitting checklist is not complete. Missing: {string.Join(", ", MissingItems)}."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>A tick for an item that is not on this PC's kitting checklist.</summary>
public sealed record ChecklistItemUnknown(string Item, IReadOnlyList<string> Items)
    : Error("device_checklist_item_unknown", new(
        $"チェック項目「{Item}」はこの端末のキッティング項目にありません。項目: {string.Join("、", Items)}",
        $"\"{Item}\" is not on this PC's kitting checklist. Items: {string.Join(", ", Items)}."));

/// <summary>A second tick of the same item; the first tick (who and when) is kept.</summary>
public sealed record ChecklistItemAlreadyTicked(string Item, string TickedBy, DateTimeOffset TickedAt)
    : Error("device_checklist_item_already_ticked", new(
        $"チェック項目「{Item}」は {TickedBy} が {JapanTime.ToTokyo(TickedAt):yyyy-MM-dd HH:mm} に完了済みです。",
        $"\"{Item}\" was already ticked by {TickedBy} at {JapanTime.ToTokyo(TickedAt):yyyy-MM-dd HH:mm} (JST)."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>The certificate handed to the PC cannot be its identity: revoked, outside its validity, or the one it already has.</summary>
public sealed record DeviceCertificateUnusable(string SerialNumber, LocalizedText Reason)
    : Error("device_certificate_unusable", new(
        $"証明書（シリアル {SerialNumber}）はこの端末に使えません: {Reason.Ja}",
        $"Certificate {SerialNumber} cannot be this PC's identity: {Reason.En}"));

/// <summary>The PC's certificate has expired, so it could not connect; renew it before lending.</summary>
public sealed record DeviceCertificateExpired(string SerialNumber, DateTimeOffset NotAfter)
    : Error("device_certificate_expired", new(
        $"端末の証明書（シリアル {SerialNumber}）は {JapanTime.ToTokyo(NotAfter):yyyy-MM-dd HH:mm} に期限切れです。貸出の前に証明書を更新してください。",
        $"The PC's certificate {SerialNumber} expired at {JapanTime.ToTokyo(NotAfter):yyyy-MM-dd HH:mm} (JST). Renew it before lending."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>A PC can be offered to one staff member at a time.</summary>
public sealed record LoanAlreadyOffered(string BorrowerStaffId)
    : Error("device_loan_already_offered", new(
        $"この端末は職員 {BorrowerStaffId} への貸出が誓約書の同意待ちです。先に取り消してください。",
        $"This PC is already offered to staff {BorrowerStaffId}, awaiting acceptance of the terms; withdraw that first."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>Terms were accepted (or an offer withdrawn) for a PC that has no pending loan.</summary>
public sealed record NoLoanOffered()
    : Error("device_no_loan_offered", new(
        "この端末には同意待ちの貸出がありません。",
        "This PC has no loan awaiting acceptance."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>Only the staff member the PC is lent to may accept its terms.</summary>
public sealed record NotTheBorrower(string StaffId)
    : Error("device_not_the_borrower", new(
        $"職員 {StaffId} はこの端末の貸出先ではありません。誓約書に同意できるのは貸出先の職員だけです。",
        $"Staff {StaffId} is not the borrower of this PC; only the borrower may accept its terms."))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;
}

/// <summary>The borrower accepted another version of the terms than the one the loan was offered with.</summary>
public sealed record TermsVersionMismatch(string Offered, string Accepted)
    : Error("device_terms_version_mismatch", new(
        $"同意された誓約書の版（{Accepted}）が貸出時の版（{Offered}）と違います。最新の誓約書を表示し直してください。",
        $"The accepted terms version ({Accepted}) is not the one offered ({Offered}); show the current terms again."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>Disposal without a complete erasure certificate; names the missing fields.</summary>
public sealed record ErasureCertificateIncomplete(IReadOnlyList<string> MissingFields)
    : Error("device_erasure_certificate_incomplete", new(
        $"データ消去証明書の記載が足りないため廃棄済にできません。不足: {string.Join("、", MissingFields)}",
        $"The PC cannot be marked disposed without a complete erasure certificate. Missing: {string.Join(", ", MissingFields)}."));

/// <summary>A field of a device command is missing or malformed; names the field.</summary>
public sealed record DeviceInputInvalid(string Field, LocalizedText Problem)
    : Error("device_input_invalid", new($"{Field}: {Problem.Ja}", $"{Field}: {Problem.En}"));
